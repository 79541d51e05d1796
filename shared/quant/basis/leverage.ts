/**
 * Implied leverage of MSTR on BTC and the hedge ratio.
 *
 * Implied leverage = the OLS slope of MSTR daily log returns on BTC log returns over the window:
 * how many percent MSTR moves per 1% of BTC (1 = a plain BTC tracker; above 1 = leverage from debt,
 * preferreds and premium expansion). Its up/down asymmetry comes from one piecewise regression
 *   r_MSTR = a + b_up max(r_BTC, 0) + b_down min(r_BTC, 0) + e
 * (one shared intercept, so the two slopes are comparable). The blueprint's vol ratio
 * sd(r_MSTR) / sd(r_BTC) (= beta / correlation) is reported alongside, and so is the
 * balance-sheet leverage BTC NAV / (BTC NAV + cash - debt - preferreds): the elasticity of equity
 * to BTC if the market paid a constant multiple of net asset value.
 *
 * Hedge ratio: the blueprint's "beta x leverage" counts leverage twice (the return beta already
 * is the leverage), so here
 *   BTC notional per $1 of MSTR = beta,
 *   BTC coins per MSTR share     = beta x MSTR price / BTC price,
 * and a book with an MSTR delta of D shares is hedged by shorting D x (coins per share) BTC.
 */
import { correlation, standardDeviation } from '../stats/descriptive';
import { olsFit } from '../stats/ols';
import type { NavMetrics } from './nav-metrics';
import type { AlignedBasisDay } from './align';

export interface ImpliedLeverage {
  value: number;
  standardError: number;
  correlation: number;
  upBeta: number;
  downBeta: number;
  /** upBeta - downBeta. */
  asymmetry: number;
  volatilityRatio: number;
  balanceSheetLeverage: number | null;
  nObs: number;
}

/** Needs >= 20 returns, with BTC both up and down on at least 5 days each. */
export function impliedLeverage(
  mstrReturns: Float64Array,
  btcReturns: Float64Array,
  latest: { day: AlignedBasisDay; nav: NavMetrics },
): ImpliedLeverage {
  const n = mstrReturns.length;
  if (n < 20) throw new RangeError(`implied leverage needs at least 20 returns, have ${n}`);
  const fit = olsFit(mstrReturns, [btcReturns]);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  let nUp = 0;
  let nDown = 0;
  for (let i = 0; i < n; i++) {
    const x = btcReturns[i] as number;
    up[i] = Math.max(x, 0);
    down[i] = Math.min(x, 0);
    if (x > 0) nUp++;
    if (x < 0) nDown++;
  }
  if (nUp < 5 || nDown < 5) throw new RangeError(`too few BTC up (${nUp}) or down (${nDown}) days`);
  const piecewise = olsFit(mstrReturns, [up, down]);
  const upBeta = piecewise.coefficients[1] as number;
  const downBeta = piecewise.coefficients[2] as number;
  const { day, nav } = latest;
  let balanceSheetLeverage: number | null = null;
  if (day.debtUsd !== undefined) {
    const netAssets = nav.btcNavUsd + (day.cashUsd ?? 0) - day.debtUsd - (day.preferredUsd ?? 0);
    if (netAssets > 0) balanceSheetLeverage = nav.btcNavUsd / netAssets;
  }
  return {
    value: fit.coefficients[1] as number,
    standardError: fit.standardErrors[1] as number,
    correlation: correlation(mstrReturns, btcReturns),
    upBeta,
    downBeta,
    asymmetry: upBeta - downBeta,
    volatilityRatio: standardDeviation(mstrReturns) / standardDeviation(btcReturns),
    balanceSheetLeverage,
    nObs: n,
  };
}

export interface HedgeRatio {
  beta: number;
  betaSource: 'ewma';
  /** BTC notional (USD) per 1 USD of MSTR exposure. */
  btcNotionalPerUsdMstr: number;
  /** BTC coins per MSTR share of delta. */
  btcPerShare: number;
  mstrPriceUsd: number;
  btcPriceUsd: number;
}

export function hedgeRatio(beta: number, mstrPriceUsd: number, btcPriceUsd: number): HedgeRatio {
  return {
    beta,
    betaSource: 'ewma',
    btcNotionalPerUsdMstr: beta,
    btcPerShare: (beta * mstrPriceUsd) / btcPriceUsd,
    mstrPriceUsd,
    btcPriceUsd,
  };
}
