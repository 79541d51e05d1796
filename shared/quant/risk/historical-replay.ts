/**
 * Historical replay shocks computed from daily closes: within a date window, the peak-to-trough
 * move of each underlying (its largest drawdown: the lowest close after the highest close that
 * precedes it), and a vol shock proxied by realised volatility, the ratio of the 20-day realised
 * vol ending at the trough to the one ending at the peak (the data has no implied-vol history for
 * most of these windows). Used to write and to re-check the replay files in assets/scenarios.
 */
import { isoDate, parseUtcMs } from '../../domain/time';

export interface ClosePoint {
  tsMs: number;
  close: number;
}

export interface ReplayShock {
  /** Relative spot change peak to trough (negative). */
  spot: number;
  /** Relative change of 20-day realised vol, trough vs peak. */
  vol: number;
  peak: { date: string; close: number };
  trough: { date: string; close: number };
}

const VOL_DAYS = 20;

function realisedVol(points: readonly ClosePoint[], end: number): number {
  const start = Math.max(1, end - VOL_DAYS + 1);
  let s2 = 0;
  let n = 0;
  for (let t = start; t <= end; t++) {
    const r = Math.log((points[t] as ClosePoint).close / (points[t - 1] as ClosePoint).close);
    s2 += r * r;
    n++;
  }
  return n > 0 ? Math.sqrt(s2 / n) : 0;
}

/** Peak-to-trough shock inside [from, to] (YYYY-MM-DD, inclusive); points oldest first. */
export function replayShock(points: readonly ClosePoint[], from: string, to: string): ReplayShock {
  const fromMs = parseUtcMs(from);
  const toMs = parseUtcMs(to);
  if (fromMs === undefined || toMs === undefined || toMs <= fromMs)
    throw new RangeError(`invalid window ${from}..${to}`);
  let peakIdx = -1;
  let best = { peak: -1, trough: -1, change: 0 };
  for (let t = 0; t < points.length; t++) {
    const p = points[t] as ClosePoint;
    if (t > 0 && p.tsMs < (points[t - 1] as ClosePoint).tsMs)
      throw new RangeError('replayShock: points must be oldest first');
    if (p.tsMs < fromMs || p.tsMs > toMs + 86_399_999) continue;
    if (peakIdx < 0 || p.close > (points[peakIdx] as ClosePoint).close) peakIdx = t;
    const change = p.close / (points[peakIdx] as ClosePoint).close - 1;
    if (change < best.change) best = { peak: peakIdx, trough: t, change };
  }
  if (peakIdx < 0) throw new RangeError(`no closes in ${from}..${to}`);
  if (best.peak < 0) best = { peak: peakIdx, trough: peakIdx, change: 0 };
  const peak = points[best.peak] as ClosePoint;
  const trough = points[best.trough] as ClosePoint;
  const v0 = realisedVol(points, best.peak);
  const v1 = realisedVol(points, best.trough);
  return {
    spot: best.change,
    vol: v0 > 0 ? v1 / v0 - 1 : 0,
    peak: { date: isoDate(peak.tsMs), close: peak.close },
    trough: { date: isoDate(trough.tsMs), close: trough.close },
  };
}
