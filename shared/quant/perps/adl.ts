/**
 * Auto-deleveraging rank indicator, Binance style ("What Is Auto-Deleveraging (ADL)", formula at
 * the end of the FAQ):
 *
 *   PnL% = (mark value - entry value) / |entry value|   (sign flipped for shorts)
 *   effective leverage = |mark value| / (account balance - unrealised loss + unrealised profit)
 *   score = PnL% * effective leverage  if PnL% > 0,  PnL% / effective leverage  otherwise.
 *
 * Traders are ranked by score among the holders on the same side of the symbol; the interface
 * shows 1..5 lights by quintile (5 = first in the queue). Cerberus sees one account, so the
 * percentile needs a peer distribution; without one the lights follow a fixed score scale.
 */
import type { PositionSide } from './types';
import { sideSign } from './types';

export interface AdlInput {
  side: PositionSide;
  /** Position size in coins (linear). */
  quantity: number;
  entryPrice: number;
  markPrice: number;
  /** Margin balance backing the position: wallet balance + unrealised P&L (cross) or isolated. */
  marginBalance: number;
}

export interface AdlScore {
  pnlPct: number;
  effectiveLeverage: number;
  score: number;
}

export function adlScore(input: AdlInput): AdlScore {
  const entryValue = input.quantity * input.entryPrice;
  const markValue = input.quantity * input.markPrice;
  const pnlPct = (sideSign(input.side) * (markValue - entryValue)) / Math.abs(entryValue);
  const effectiveLeverage =
    input.marginBalance > 0 ? Math.abs(markValue) / input.marginBalance : Infinity;
  let score: number;
  if (pnlPct > 0) score = pnlPct * effectiveLeverage;
  else score = Number.isFinite(effectiveLeverage) ? pnlPct / effectiveLeverage : 0;
  return { pnlPct, effectiveLeverage, score };
}

/** Share of `peers` with a score strictly below `score` plus half the ties (mid-rank). */
export function scorePercentile(score: number, peers: readonly number[]): number {
  if (peers.length === 0) throw new RangeError('scorePercentile: no peer scores');
  let below = 0;
  let ties = 0;
  for (const p of peers) {
    if (p < score) below += 1;
    else if (p === score) ties += 1;
  }
  return (below + 0.5 * ties) / peers.length;
}

/** Lights 1..5 from a percentile in [0, 1] (quintiles; 5 = top 20%, first to be deleveraged). */
export function adlLights(percentile: number): 1 | 2 | 3 | 4 | 5 {
  const q = Math.min(4, Math.max(0, Math.floor(percentile * 5)));
  return (q + 1) as 1 | 2 | 3 | 4 | 5;
}

/**
 * Lights without peers: score thresholds 0, 0.5, 2, 5 (PnL% x leverage) mark the boundaries.
 * A heuristic for a lone account (a losing position is always 1 light), not a venue rule.
 */
export function adlLightsWithoutPeers(score: number): 1 | 2 | 3 | 4 | 5 {
  if (score <= 0) return 1;
  if (score < 0.5) return 2;
  if (score < 2) return 3;
  if (score < 5) return 4;
  return 5;
}
