/**
 * The demo desk's market model, one deterministic step at a time: correlated Heston-type
 * variance with Merton jumps for BTC, ETH and QQQ; MSTR = mNAV x BTC per share x BTC with log
 * mNAV mean-reverting (OU); a perpetual premium over the BTC index (OU). Same seed and the same
 * number of steps give the same path; the clock only stamps it.
 */
import { cholesky } from '../quant/math/cholesky';
import type { Rng } from '../quant/math/rng';
import { MS_PER_YEAR } from '../domain/time';
import {
  ASSET_PARAMS,
  MNAV_PARAMS,
  PERP_PARAMS,
  SHOCK_CORRELATION,
  type DemoUnderlying,
} from './demo-universe';

export interface AssetState {
  logSpot: number;
  /** Instantaneous variance, per year. */
  variance: number;
}

export interface MarketState {
  btc: AssetState;
  eth: AssetState;
  qqq: AssetState;
  /** log(mNAV) of MSTR. */
  mstrLogMnav: number;
  /** BTC per MSTR share (holdings / shares outstanding); changes only with a purchase. */
  mstrBtcPerShare: number;
  /** Perp mark over index, decimal. */
  perpPremium: number;
  /** Running sum and count of premium samples since the last funding time (premium index). */
  premiumSum: number;
  premiumCount: number;
  steps: number;
}

const CHOL = cholesky(SHOCK_CORRELATION, 4);

function stepAsset(
  a: AssetState,
  p: (typeof ASSET_PARAMS)['BTC'],
  dtYears: number,
  priceShock: number,
  rng: Rng,
): AssetState {
  const v = Math.max(a.variance, 0);
  const sqrtVdt = Math.sqrt(v * dtYears);
  const volShock = p.rhoSpotVol * priceShock + Math.sqrt(1 - p.rhoSpotVol ** 2) * rng.normal();
  // Compensate the jump drift so the price stays a martingale apart from -v/2.
  const jumpComp = p.jumpsPerYear * (Math.exp(p.jumpMean + 0.5 * p.jumpStd ** 2) - 1);
  let dLog = (-0.5 * v - jumpComp) * dtYears + sqrtVdt * priceShock;
  if (rng.uniform() < p.jumpsPerYear * dtYears) dLog += p.jumpMean + p.jumpStd * rng.normal();
  const variance = Math.max(
    1e-6,
    v + p.kappa * (p.thetaVar - v) * dtYears + p.xi * Math.sqrt(v * dtYears) * volShock,
  );
  return { logSpot: a.logSpot + dLog, variance };
}

/** Advances the market by `dtMs` of model time. Pure apart from consuming `rng`. */
export function stepMarket(s: MarketState, dtMs: number, rng: Rng): MarketState {
  const dtYears = dtMs / MS_PER_YEAR;
  const z = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const shocks = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    let sum = 0;
    for (let k = 0; k <= i; k++) sum += (CHOL[i * 4 + k] as number) * (z[k] as number);
    shocks[i] = sum;
  }
  const [sBtc, sEth, sQqq, sMnav] = shocks as [number, number, number, number];
  const m = MNAV_PARAMS;
  const decay = Math.exp(-m.kappa * dtYears);
  const mnavSd = m.volAnnual * Math.sqrt((1 - decay * decay) / (2 * m.kappa));
  const pp = PERP_PARAMS;
  const pDecay = Math.exp(-pp.premiumKappa * dtYears);
  const pSd = pp.premiumVol * Math.sqrt((1 - pDecay * pDecay) / (2 * pp.premiumKappa));
  const perpPremium =
    pp.premiumMean + (s.perpPremium - pp.premiumMean) * pDecay + pSd * rng.normal();
  return {
    btc: stepAsset(s.btc, ASSET_PARAMS.BTC, dtYears, sBtc, rng),
    eth: stepAsset(s.eth, ASSET_PARAMS.ETH, dtYears, sEth, rng),
    qqq: stepAsset(s.qqq, ASSET_PARAMS.QQQ, dtYears, sQqq, rng),
    // Exact OU transition, so a long step (gap-filling history) stays stable.
    mstrLogMnav: m.meanLog + (s.mstrLogMnav - m.meanLog) * decay + mnavSd * sMnav,
    mstrBtcPerShare: s.mstrBtcPerShare,
    perpPremium,
    premiumSum: s.premiumSum + perpPremium,
    premiumCount: s.premiumCount + 1,
    steps: s.steps + 1,
  };
}

export function spotOf(s: MarketState, u: DemoUnderlying): number {
  switch (u) {
    case 'BTC':
      return Math.exp(s.btc.logSpot);
    case 'ETH':
      return Math.exp(s.eth.logSpot);
    case 'QQQ':
      return Math.exp(s.qqq.logSpot);
    case 'MSTR':
      return Math.exp(s.mstrLogMnav + s.btc.logSpot) * s.mstrBtcPerShare;
  }
}

/** Instantaneous vol of an underlying; MSTR combines BTC variance and the mNAV process. */
export function instantVolOf(s: MarketState, u: DemoUnderlying): number {
  switch (u) {
    case 'BTC':
      return Math.sqrt(s.btc.variance);
    case 'ETH':
      return Math.sqrt(s.eth.variance);
    case 'QQQ':
      return Math.sqrt(s.qqq.variance);
    case 'MSTR': {
      const vb = s.btc.variance;
      const sm = MNAV_PARAMS.volAnnual;
      const rho = SHOCK_CORRELATION[3] as number;
      return Math.sqrt(vb + sm * sm + 2 * rho * sm * Math.sqrt(vb));
    }
  }
}

/** Long-run variance the term structure decays to (the smile's far end). */
export function longRunVarOf(u: DemoUnderlying): number {
  if (u === 'MSTR') {
    const vb = ASSET_PARAMS.BTC.thetaVar;
    const sm = MNAV_PARAMS.volAnnual;
    return vb + sm * sm + 2 * (SHOCK_CORRELATION[3] as number) * sm * Math.sqrt(vb);
  }
  return ASSET_PARAMS[u].thetaVar;
}

/** Mean-reversion speed of variance used for the ATM term structure. */
export function varianceKappaOf(u: DemoUnderlying): number {
  return u === 'MSTR' ? ASSET_PARAMS.BTC.kappa : ASSET_PARAMS[u].kappa;
}
