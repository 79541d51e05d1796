/**
 * Spot constituents of the demo desk's price indices: four simulated spot venues per coin quote
 * the model's spot with a small dispersion, and now and then one of them prints an outlier for a
 * minute or two (a thin book, a stuck feed), so Cerberus' own index (index-price.ts with each
 * venue's outlier rule) has something to protect against.
 *
 * Stateless and deterministic: a constituent's price at a time depends only on the seed, the coin,
 * the time and the spot. Dispersion = a per-10-minute offset (sd 1 bp) plus per-second noise
 * (sd 1 bp). Outliers: each 10-minute window of a coin holds one with probability 0.3, on one
 * venue, lasting 30-120 s, 0.3%-2.5% away from spot, up or down.
 */
import { createRng } from '../quant/math/rng';

export interface DemoConstituent {
  source: string;
  price: number;
  weight: number;
  tsMs: number;
}

/** The simulated spot venues and their index weights (the same for BTC and ETH). */
export const DEMO_INDEX_SOURCES: readonly { source: string; weight: number }[] = [
  { source: 'Coinbase', weight: 0.3 },
  { source: 'Kraken', weight: 0.2 },
  { source: 'Bitstamp', weight: 0.2 },
  { source: 'OKX spot', weight: 0.3 },
];

const WINDOW_MS = 600_000;
const OUTLIER_PROBABILITY = 0.3;
/** Generator streams apart from the market's and the funding's. */
const STREAM_WINDOW = 211;
const STREAM_SECOND = 223;

function coinKey(underlying: string): number {
  let h = 0;
  for (let i = 0; i < underlying.length; i++) h = (h * 31 + underlying.charCodeAt(i)) | 0;
  return h >>> 0;
}

export interface OutlierEvent {
  sourceIndex: number;
  startMs: number;
  endMs: number;
  deviation: number;
}

/** The outlier of the 10-minute window holding `tsMs`, if that window has one. */
export function outlierOf(seed: number, underlying: string, tsMs: number): OutlierEvent | null {
  const w = Math.floor(tsMs / WINDOW_MS);
  const rng = createRng(seed ^ coinKey(underlying), STREAM_WINDOW + (w % 1_000_000) * 7);
  // Offsets are drawn first so they do not depend on whether the window has an outlier.
  for (let i = 0; i < DEMO_INDEX_SOURCES.length; i++) rng.normal();
  if (rng.uniform() >= OUTLIER_PROBABILITY) return null;
  const sourceIndex = Math.floor(rng.uniform() * DEMO_INDEX_SOURCES.length);
  const durationMs = 30_000 + Math.floor(rng.uniform() * 90_000);
  const startMs = w * WINDOW_MS + Math.floor(rng.uniform() * (WINDOW_MS - durationMs));
  const size = 0.003 + rng.uniform() * 0.022;
  const deviation = rng.uniform() < 0.5 ? -size : size;
  return { sourceIndex, startMs, endMs: startMs + durationMs, deviation };
}

function windowOffsets(seed: number, underlying: string, tsMs: number): number[] {
  const w = Math.floor(tsMs / WINDOW_MS);
  const rng = createRng(seed ^ coinKey(underlying), STREAM_WINDOW + (w % 1_000_000) * 7);
  return DEMO_INDEX_SOURCES.map(() => 1e-4 * rng.normal());
}

/** Each simulated spot venue's price of `underlying` at `tsMs` when the model's spot is `spot`. */
export function demoConstituents(
  seed: number,
  underlying: string,
  tsMs: number,
  spot: number,
): DemoConstituent[] {
  const second = Math.floor(tsMs / 1000);
  const noise = createRng(seed ^ coinKey(underlying), STREAM_SECOND + (second % 100_000_000) * 3);
  const offsets = windowOffsets(seed, underlying, tsMs);
  const outlier = outlierOf(seed, underlying, tsMs);
  return DEMO_INDEX_SOURCES.map((s, i) => {
    let rel = (offsets[i] as number) + 1e-4 * noise.normal();
    if (outlier && outlier.sourceIndex === i && tsMs >= outlier.startMs && tsMs < outlier.endMs)
      rel += outlier.deviation;
    return { source: s.source, price: spot * (1 + rel), weight: s.weight, tsMs: second * 1000 };
  });
}
