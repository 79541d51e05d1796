/**
 * Rolling VaR backtest: on each day t after the first `window` days, the VaR forecast is the
 * historical VaR (order statistic, `tail-measures.ts`) of the `window` losses before t, and day t
 * is a breach when its realised loss is strictly greater than that forecast. Works on any daily
 * loss series: -log returns of a price (`backtest var --file`) or the book's revalued P&L.
 * The Basel traffic light is read over the last 250 test days (all of them when fewer).
 */
import {
  coverageTests,
  trafficLight,
  type CoverageTests,
  type TrafficLight,
} from './backtest-stats';
import { checkConfidence, varRank } from './tail-measures';

export interface BreachRecord {
  /** Index of the day in the loss series. */
  index: number;
  /** Date of the day when the caller gave dates. */
  tsMs?: number;
  loss: number;
  var: number;
}

export interface VarBacktest extends CoverageTests {
  window: number;
  confidence: number;
  /** Test days (losses compared with a forecast). */
  days: number;
  expectedBreaches: number;
  breaches: number;
  breachRate: number;
  trafficLight: TrafficLight;
  breachLog: BreachRecord[];
  /** VaR forecast of each test day (index = day - window). */
  forecasts: Float64Array;
}

/** Historical VaR forecast of each day from the preceding `window` losses. */
export function rollingHistoricalVar(
  losses: ArrayLike<number>,
  window: number,
  confidence: number,
): Float64Array {
  checkConfidence(confidence);
  if (!(Number.isInteger(window) && window >= 1))
    throw new RangeError(`window must be a positive integer, got ${window}`);
  if (losses.length <= window) {
    throw new RangeError(`backtest needs more than window=${window} losses, got ${losses.length}`);
  }
  const k = varRank(window, confidence);
  const out = new Float64Array(losses.length - window);
  // A sorted window updated by one removal and one insertion per day (O(window) per step).
  const sorted = Float64Array.from({ length: window }, (_, i) => losses[i] as number).sort();
  for (let t = window; t < losses.length; t++) {
    out[t - window] = sorted[k - 1] as number;
    removeSorted(sorted, losses[t - window] as number);
    insertSorted(sorted, losses[t] as number);
  }
  return out;
}

function lowerBound(a: Float64Array, v: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeSorted(a: Float64Array, v: number): void {
  const i = lowerBound(a, v, a.length);
  a.copyWithin(i, i + 1);
  a[a.length - 1] = Infinity;
}

function insertSorted(a: Float64Array, v: number): void {
  const i = lowerBound(a, v, a.length - 1);
  a.copyWithin(i + 1, i, a.length - 1);
  a[i] = v;
}

export function backtestHistoricalVar(
  losses: ArrayLike<number>,
  window: number,
  confidence: number,
  tsMs?: readonly number[],
): VarBacktest {
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i] as number))
      throw new RangeError(`backtest: loss ${i} is not finite`);
  }
  if (tsMs && tsMs.length !== losses.length) {
    throw new RangeError(`backtest: ${tsMs.length} dates for ${losses.length} losses`);
  }
  const forecasts = rollingHistoricalVar(losses, window, confidence);
  const days = forecasts.length;
  const hits = new Uint8Array(days);
  const breachLog: BreachRecord[] = [];
  for (let d = 0; d < days; d++) {
    const loss = losses[d + window] as number;
    const v = forecasts[d] as number;
    if (loss > v) {
      hits[d] = 1;
      const rec: BreachRecord = { index: d + window, loss, var: v };
      const ts = tsMs?.[d + window];
      if (ts !== undefined) rec.tsMs = ts;
      breachLog.push(rec);
    }
  }
  const tests = coverageTests(hits, confidence);
  const tlDays = Math.min(250, days);
  let tlBreaches = 0;
  for (let d = days - tlDays; d < days; d++) tlBreaches += hits[d] as number;
  return {
    window,
    confidence,
    days,
    expectedBreaches: days * (1 - confidence),
    breaches: breachLog.length,
    breachRate: breachLog.length / days,
    ...tests,
    trafficLight: trafficLight(tlBreaches, tlDays, confidence),
    breachLog,
    forecasts,
  };
}
