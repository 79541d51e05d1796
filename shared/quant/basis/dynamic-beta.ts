/**
 * Dynamic beta and correlation of MSTR log returns (y) on BTC log returns (x), two ways:
 * - EWMA (RiskMetrics, lambda 0.94): beta_t = cov_t / var_x,t, rho_t = cov_t / (sd_x,t sd_y,t);
 * - GARCH(1,1) per series, then DCC(1,1) on the standardized residuals:
 *   rho_t from the DCC recursion and beta_t = rho_t sigma_y,t / sigma_x,t (conditional vols).
 * Every series value at index t is the estimate after observing return t, i.e. the forecast for
 * t + 1 (for DCC/GARCH that is the recursion's next-step value), so the last element is "now".
 */
import { fitDcc11, type Dcc11Fit } from '../stats/dcc';
import { ewmaBetaSeries } from '../stats/ewma';
import { fitGarch11, type Garch11Fit } from '../stats/garch';

/** GARCH and DCC need a few hundred returns for stable estimates. */
export const MIN_RETURNS_FOR_GARCH = 250;

export interface GarchSummary {
  omega: number;
  alpha: number;
  beta: number;
  persistence: number;
  /** Next-day conditional volatility, annualised with 252 trading days. */
  volAnnual: number;
  converged: boolean;
}

export interface DccGarchBeta {
  mstr: Garch11Fit;
  btc: Garch11Fit;
  dcc: Dcc11Fit;
  /** Forecast for t + 1 after return t. */
  correlation: Float64Array;
  beta: Float64Array;
}

export interface DynamicBeta {
  ewmaBeta: Float64Array;
  ewmaCorrelation: Float64Array;
  /** Undefined when there are too few returns or a fit failed (see `dccFailure`). */
  dccGarch: DccGarchBeta | undefined;
  dccFailure: string | undefined;
}

export function garchSummary(fit: Garch11Fit): GarchSummary {
  return {
    omega: fit.omega,
    alpha: fit.alpha,
    beta: fit.beta,
    persistence: fit.persistence,
    volAnnual: Math.sqrt(fit.nextVariance * 252),
    converged: fit.converged,
  };
}

function dccGarchBeta(mstrReturns: Float64Array, btcReturns: Float64Array): DccGarchBeta {
  const mstr = fitGarch11(mstrReturns);
  const btc = fitGarch11(btcReturns);
  const dcc = fitDcc11(mstr.standardizedResiduals, btc.standardizedResiduals);
  const n = mstrReturns.length;
  const correlation = new Float64Array(n);
  const beta = new Float64Array(n);
  // Conditional variances for t + 1: GARCH variance arrays hold sigma2_t (known at t - 1).
  for (let t = 0; t < n; t++) {
    const rho = t + 1 < n ? (dcc.correlation[t + 1] as number) : dcc.nextCorrelation;
    const vy = t + 1 < n ? (mstr.conditionalVariance[t + 1] as number) : mstr.nextVariance;
    const vx = t + 1 < n ? (btc.conditionalVariance[t + 1] as number) : btc.nextVariance;
    correlation[t] = rho;
    beta[t] = rho * Math.sqrt(vy / vx);
  }
  return { mstr, btc, dcc, correlation, beta };
}

export function dynamicBeta(
  mstrReturns: Float64Array,
  btcReturns: Float64Array,
  options: { lambda?: number } = {},
): DynamicBeta {
  const ewma = ewmaBetaSeries(mstrReturns, btcReturns, { lambda: options.lambda ?? 0.94 });
  let dccGarch: DccGarchBeta | undefined;
  let dccFailure: string | undefined;
  if (mstrReturns.length < MIN_RETURNS_FOR_GARCH) {
    dccFailure = `GARCH/DCC needs at least ${MIN_RETURNS_FOR_GARCH} returns, have ${mstrReturns.length}`;
  } else {
    try {
      dccGarch = dccGarchBeta(mstrReturns, btcReturns);
    } catch (err) {
      dccFailure = `GARCH/DCC fit failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return { ewmaBeta: ewma.beta, ewmaCorrelation: ewma.correlation, dccGarch, dccFailure };
}
