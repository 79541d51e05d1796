/**
 * Funding history of the demo perpetuals before the live simulator, on the 8-hour grid
 * (00/08/16 UTC):
 * - Binance BTCUSDT: the real daily means (assets/data/binance_btcusdt_funding_daily_mean_
 *   2019-2026.csv), each day stored as its three funding times at the day's mean (the daily mean
 *   is exact, the spread within the day is not known), tagged `recorded`; after the file ends an
 *   AR(1) continuation fitted to the real daily means with bootstrapped residuals, `synthetic`.
 * - Every other perp: beta x that series + offset + its own AR(1) noise, `synthetic`.
 * Deterministic in the seed: the same call always gives the same points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FundingPoint } from '../../../shared/domain/derivatives';
import { MS_PER_DAY, MS_PER_HOUR, utcDayStartMs } from '../../../shared/domain/time';
import { createRng, type Rng } from '../../../shared/quant/math/rng';
import { parseFundingCsv } from '../../../shared/quant/perps/funding-csv';
import type { DemoPerp } from './demo-perp-markets';

export const BINANCE_FUNDING_FILE = 'binance_btcusdt_funding_daily_mean_2019-2026.csv';
const STEP_MS = 8 * MS_PER_HOUR;

export interface DailyFunding {
  tsMs: number;
  mean: number;
}

export function readBinanceFundingDaily(dataDir: string): DailyFunding[] {
  const parsed = parseFundingCsv(readFileSync(join(dataDir, BINANCE_FUNDING_FILE), 'utf8'));
  if (parsed.format !== 'dailyMean')
    throw new Error(`${BINANCE_FUNDING_FILE}: expected daily means`);
  return parsed.points
    .map((p) => ({ tsMs: utcDayStartMs(p.tsMs), mean: p.rate }))
    .sort((a, b) => a.tsMs - b.tsMs);
}

interface Ar1 {
  mean: number;
  phi: number;
  residuals: number[];
}

function fitAr1(xs: readonly number[]): Ar1 {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - mean;
    den += d * d;
    if (i > 0) num += d * ((xs[i - 1] as number) - mean);
  }
  const phi = den > 0 ? num / den : 0;
  const residuals: number[] = [];
  for (let i = 1; i < n; i++)
    residuals.push((xs[i] as number) - mean - phi * ((xs[i - 1] as number) - mean));
  return { mean, phi, residuals };
}

function pick(rng: Rng, xs: readonly number[]): number {
  return xs[Math.min(xs.length - 1, Math.floor(rng.uniform() * xs.length))] ?? 0;
}

/** The Binance BTC 8-hour series from the first real day up to `untilMs` (exclusive). */
export function baseFundingSeries(
  real: readonly DailyFunding[],
  untilMs: number,
  seed: number,
): FundingPoint[] {
  const first = real[0];
  const lastReal = real.at(-1);
  if (!first || !lastReal) throw new Error('no real funding data');
  const out: FundingPoint[] = [];
  const byDay = new Map(real.map((d) => [d.tsMs, d.mean]));
  const ar = fitAr1(real.map((d) => d.mean));
  const rng = createRng(seed, 211);
  let level = lastReal.mean;
  for (let day = first.tsMs; day < untilMs; day += MS_PER_DAY) {
    const recorded = byDay.get(day);
    let mean: number;
    let offsets: [number, number, number] = [0, 0, 0];
    if (recorded !== undefined) mean = recorded;
    else if (day < lastReal.tsMs)
      mean = level; // a missing real day: carry the last one
    else {
      level = ar.mean + ar.phi * (level - ar.mean) + pick(rng, ar.residuals);
      mean = level;
      const a = 0.25 * pick(rng, ar.residuals);
      const b = 0.25 * pick(rng, ar.residuals);
      offsets = [a, b, -a - b];
    }
    if (recorded !== undefined) level = recorded;
    for (let k = 0; k < 3; k++) {
      const tsMs = day + k * STEP_MS;
      if (tsMs >= untilMs) break;
      out.push({
        tsMs,
        rate: mean + (offsets[k] ?? 0),
        source: recorded !== undefined ? 'recorded' : 'synthetic',
      });
    }
  }
  return out;
}

/** A perp's generated history from the base series (the reference perp gets the base itself). */
export function perpFundingSeries(
  perp: DemoPerp,
  base: readonly FundingPoint[],
  seed: number,
  perpIndex: number,
): FundingPoint[] {
  const h = perp.history;
  if (h.beta === 1 && h.offset === 0 && h.noiseSd === 0) return base.map((p) => ({ ...p }));
  const rng = createRng(seed, 300 + perpIndex);
  const phi = 0.7;
  const innovation = h.noiseSd * Math.sqrt(1 - phi * phi);
  let noise = 0;
  return base.map((p) => {
    noise = phi * noise + innovation * rng.normal();
    return { tsMs: p.tsMs, rate: h.beta * p.rate + h.offset + noise, source: 'synthetic' as const };
  });
}
