/**
 * Live basis metrics from the current MSTR and BTC prices and the fundamentals in force today:
 * the same definitions as `nav-metrics.ts` (market cap = price x shares outstanding), plus the
 * OU z-score of the live ln mNAV against the latest daily fit and the live hedge ratio
 * (beta x MSTR price / BTC price, BTC coins per MSTR share).
 */
import type { FundamentalsState } from './holdings-timeline';

export interface BasisLiveInput {
  tsMs: number;
  mstrSpotUsd: number;
  btcSpotUsd: number;
  fundamentals: FundamentalsState;
  /** From the latest report's OU fit (null when it has none). */
  ou: { mean: number; stationaryStd: number } | null;
  /** The report's current (EWMA) beta; null when unknown. */
  beta: number | null;
}

export interface BasisLive {
  tsMs: number;
  mstrSpotUsd: number;
  btcSpotUsd: number;
  btcHoldings: number;
  sharesOutstanding: number;
  marketCapUsd: number;
  btcNavUsd: number;
  btcNavPerShareUsd: number;
  btcPerShare: number;
  mNav: number;
  premium: number;
  enterpriseMNav: number | null;
  zScore: number | null;
  hedgeBtcPerShare: number | null;
}

export function basisLive(input: BasisLiveInput): BasisLive {
  const { mstrSpotUsd, btcSpotUsd, fundamentals: f } = input;
  if (!(mstrSpotUsd > 0 && Number.isFinite(mstrSpotUsd)))
    throw new RangeError(`MSTR price must be > 0, got ${mstrSpotUsd}`);
  if (!(btcSpotUsd > 0 && Number.isFinite(btcSpotUsd)))
    throw new RangeError(`BTC price must be > 0, got ${btcSpotUsd}`);
  const marketCapUsd = mstrSpotUsd * f.sharesOutstanding;
  const btcNavUsd = f.btcHoldings * btcSpotUsd;
  const mNav = marketCapUsd / btcNavUsd;
  const enterpriseMNav =
    f.debtUsd !== null
      ? (marketCapUsd + f.debtUsd + (f.preferredUsd ?? 0) - (f.cashUsd ?? 0)) / btcNavUsd
      : null;
  const ou = input.ou;
  return {
    tsMs: input.tsMs,
    mstrSpotUsd,
    btcSpotUsd,
    btcHoldings: f.btcHoldings,
    sharesOutstanding: f.sharesOutstanding,
    marketCapUsd,
    btcNavUsd,
    btcNavPerShareUsd: btcNavUsd / f.sharesOutstanding,
    btcPerShare: f.btcHoldings / f.sharesOutstanding,
    mNav,
    premium: mNav - 1,
    enterpriseMNav,
    zScore:
      ou !== null && ou.stationaryStd > 0 ? (Math.log(mNav) - ou.mean) / ou.stationaryStd : null,
    hedgeBtcPerShare:
      input.beta !== null && Number.isFinite(input.beta)
        ? (input.beta * mstrSpotUsd) / btcSpotUsd
        : null,
  };
}
