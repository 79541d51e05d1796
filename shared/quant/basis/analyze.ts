/**
 * `analyzeBasis`: the whole MSTR-BTC basis model in one pure call (no clock, no I/O).
 *
 * Windows: OU, ADF, Engle-Granger, OLS beta / implied leverage and the t copula use the last
 * `lookbackDays` daily returns (lookbackDays + 1 levels). The EWMA filter runs over the whole
 * history up to asOf (a filter needs a burn-in, and lambda = 0.94 forgets the distant past anyway),
 * and GARCH(1,1)/DCC(1,1) are fitted on the whole history too (a one-year window is too short for
 * stable GARCH estimates). Days are trading days; annualisation uses 252.
 */
import { isoDate } from '../../domain/time';
import { logReturns, logSeries } from '../stats/returns';
import { alignBasisSeries } from './align';
import { dynamicBeta, garchSummary, type DynamicBeta } from './dynamic-beta';
import { hedgeRatio, impliedLeverage, type ImpliedLeverage } from './leverage';
import { navMetrics, type NavMetrics } from './nav-metrics';
import type { BasisReport, BasisSeries, GarchDccSummary, TailDependenceSummary } from './report';
import { basisRiskScore, trailingStd } from './risk-score';
import { BasisDataError, type BasisWarning, type BtcDailyRow, type MstrDailyRow } from './types';
import { adfSummary, engleGrangerSummary, ouSummary, tailDependenceSummary } from './window-models';

export interface AnalyzeBasisInput {
  mstr: readonly MstrDailyRow[];
  /** Optional separate BTC series; otherwise the MSTR rows' btc_price is used. */
  btc?: readonly BtcDailyRow[] | undefined;
  /** Trading days in the estimation window (>= 30; 252 = one year). */
  lookbackDays: number;
  /** Analyse as of this instant's UTC date (default: the last row). */
  asOfMs?: number | undefined;
  /** EWMA decay (default 0.94, RiskMetrics daily). */
  ewmaLambda?: number;
}

export const MIN_LOOKBACK_DAYS = 30;

/** Runs `fn`; on failure records why `label` is unavailable and returns null. */
function attempt<T>(label: string, warnings: BasisWarning[], fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    warnings.push({ code: 'metric.unavailable', message: `${label} unavailable: ${reason}` });
    return null;
  }
}

function lastOf(a: ArrayLike<number>): number {
  return a[a.length - 1] as number;
}

function buildSeries(
  dates: Float64Array,
  navs: readonly NavMetrics[],
  dyn: DynamicBeta,
): BasisSeries {
  const n = dates.length;
  const shifted = (src: ArrayLike<number> | undefined): Float64Array => {
    const out = new Float64Array(n).fill(NaN);
    if (src !== undefined) for (let t = 0; t < src.length; t++) out[t + 1] = src[t] as number;
    return out;
  };
  return {
    dateMs: dates,
    mNav: Float64Array.from(navs, (m) => m.mNav),
    premium: Float64Array.from(navs, (m) => m.premium),
    enterpriseMNav: Float64Array.from(navs, (m) => m.enterpriseMNav ?? NaN),
    ewmaBeta: shifted(dyn.ewmaBeta),
    ewmaCorrelation: shifted(dyn.ewmaCorrelation),
    dccBeta: shifted(dyn.dccGarch?.beta),
    dccCorrelation: shifted(dyn.dccGarch?.correlation),
  };
}

export function analyzeBasis(input: AnalyzeBasisInput): BasisReport {
  const { lookbackDays } = input;
  if (!Number.isInteger(lookbackDays) || lookbackDays < MIN_LOOKBACK_DAYS) {
    throw new RangeError(
      `lookbackDays must be an integer >= ${MIN_LOOKBACK_DAYS}, got ${lookbackDays}`,
    );
  }
  const aligned = alignBasisSeries({ mstr: input.mstr, btc: input.btc, asOfMs: input.asOfMs });
  const days = aligned.days;
  const n = days.length;
  if (n < MIN_LOOKBACK_DAYS + 1) {
    throw new BasisDataError(`need at least ${MIN_LOOKBACK_DAYS + 1} aligned days, have ${n}`);
  }
  const warnings: BasisWarning[] = [...aligned.warnings];
  const navs = days.map(navMetrics);
  const latestDay = days[n - 1] as (typeof days)[number];
  const latestNav = navs[n - 1] as NavMetrics;
  if (latestNav.enterpriseMNav === undefined) {
    warnings.push({
      code: 'metric.unavailable',
      message: `enterpriseMNav unavailable: no debt figure on or before ${isoDate(latestDay.dateMs)}`,
    });
  } else if (latestNav.cashAssumedZero) {
    warnings.push({
      code: 'data.cashMissing',
      message: 'no cash figure: enterprise mNAV computed with cash = 0',
    });
  }

  const dates = Float64Array.from(days, (d) => d.dateMs);
  const close = Float64Array.from(days, (d) => d.mstrCloseUsd);
  const btcPrice = Float64Array.from(days, (d) => d.btcPriceUsd);
  const logMNav = Float64Array.from(navs, (m) => Math.log(m.mNav));
  const mstrReturns = logReturns(close);
  const btcReturns = logReturns(btcPrice);

  const windowReturns = Math.min(lookbackDays, n - 1);
  if (windowReturns < lookbackDays) {
    warnings.push({
      code: 'data.shortHistory',
      message: `only ${windowReturns} returns available for a ${lookbackDays}-day lookback`,
    });
  }
  const levelStart = n - 1 - windowReturns;
  const retStart = mstrReturns.length - windowReturns;

  const ou = attempt('ou', warnings, () => ouSummary(logMNav.subarray(levelStart)));
  const adf = attempt('adf', warnings, () => adfSummary(logMNav.subarray(levelStart)));
  const engleGranger = attempt('engleGranger', warnings, () =>
    engleGrangerSummary(
      logSeries(close.subarray(levelStart)),
      logSeries(btcPrice.subarray(levelStart)),
    ),
  );

  const dyn = dynamicBeta(mstrReturns, btcReturns, { lambda: input.ewmaLambda ?? 0.94 });
  if (dyn.dccFailure !== undefined) {
    warnings.push({
      code: 'metric.unavailable',
      message: `beta.dcc/correlation.dcc unavailable: ${dyn.dccFailure}`,
    });
  }
  const dcc = dyn.dccGarch;
  let garchDcc: GarchDccSummary | null = null;
  if (dcc !== undefined) {
    garchDcc = {
      mstr: garchSummary(dcc.mstr),
      btc: garchSummary(dcc.btc),
      dcc: { a: dcc.dcc.a, b: dcc.dcc.b, converged: dcc.dcc.converged },
      nObs: mstrReturns.length,
    };
    if (!dcc.mstr.converged || !dcc.btc.converged || !dcc.dcc.converged) {
      warnings.push({
        code: 'model.notConverged',
        message: 'a GARCH/DCC fit stopped before its tolerance',
      });
    }
  }

  const mWindow = mstrReturns.subarray(retStart);
  const bWindow = btcReturns.subarray(retStart);
  const leverage: ImpliedLeverage | null = attempt('impliedLeverage', warnings, () =>
    impliedLeverage(mWindow, bWindow, { day: latestDay, nav: latestNav }),
  );
  const tailDependence = attempt('tailDependence', warnings, () => {
    const margins: TailDependenceSummary['margins'] = dcc
      ? 'garchStandardizedResiduals'
      : 'logReturns';
    return dcc
      ? tailDependenceSummary(
          dcc.mstr.standardizedResiduals.subarray(retStart),
          dcc.btc.standardizedResiduals.subarray(retStart),
          margins,
        )
      : tailDependenceSummary(mWindow, bWindow, margins);
  });

  const betaNow = lastOf(dyn.ewmaBeta);
  const instability = trailingStd(dyn.ewmaBeta, 20);
  const hedge = hedgeRatio(betaNow, latestDay.mstrCloseUsd, latestDay.btcPriceUsd);
  const risk = basisRiskScore({
    zScore: ou?.zScore ?? null,
    leverage: leverage?.value ?? null,
    tailDependence: tailDependence?.coefficient ?? null,
    betaInstability: instability,
  });
  warnings.push(...risk.warnings);
  if (adf !== null && adf.pValue > 0.1) {
    warnings.push({
      code: 'risk.noMeanReversion',
      message: `ADF cannot reject a unit root in ln(mNAV) over the window (p = ${adf.pValue.toFixed(3)}): the OU z-score is indicative only`,
    });
  }
  if (engleGranger !== null && engleGranger.pValue > 0.05) {
    warnings.push({
      code: 'risk.noCointegration',
      message: `no cointegration of ln MSTR and ln BTC at 5% over the window (p = ${engleGranger.pValue.toFixed(3)})`,
    });
  }

  return {
    asOfMs: latestDay.dateMs,
    n,
    lookbackDays,
    windowReturns,
    latest: {
      dateMs: latestDay.dateMs,
      mstrCloseUsd: latestDay.mstrCloseUsd,
      btcPriceUsd: latestDay.btcPriceUsd,
      btcHoldings: latestDay.btcHoldings,
      marketCapUsd: latestDay.marketCapUsd,
      sharesOutstanding: latestNav.sharesOutstanding,
      btcNavUsd: latestNav.btcNavUsd,
      btcNavPerShareUsd: latestNav.btcNavPerShareUsd,
    },
    mNav: latestNav.mNav,
    enterpriseMNav: latestNav.enterpriseMNav ?? null,
    premium: latestNav.premium,
    btcPerShare: latestNav.btcPerShare,
    btcNavPerShareUsd: latestNav.btcNavPerShareUsd,
    ou,
    adf,
    engleGranger,
    beta: {
      current: betaNow,
      source: 'ewma',
      ewma: betaNow,
      dcc: dcc ? lastOf(dcc.beta) : null,
      ols: leverage?.value ?? null,
      instability20d: instability,
    },
    correlation: {
      current: lastOf(dyn.ewmaCorrelation),
      source: 'ewma',
      ewma: lastOf(dyn.ewmaCorrelation),
      dcc: dcc ? lastOf(dcc.correlation) : null,
      sample: leverage?.correlation ?? null,
    },
    garchDcc,
    tailDependence,
    impliedLeverage: leverage,
    hedgeRatio: hedge,
    riskScore: risk.score,
    riskScoreComponents: risk.components,
    warnings,
    series: buildSeries(dates, navs, dyn),
  };
}
