/**
 * pricing.bsm_greeks: BSM price + delta, gamma, vega, theta, rho for 1e6 random realistic options
 * (test/quant/pricing/random-book.ts) through bsmGreeksBatch on one core, against a
 * straightforward scalar implementation (object in, object out, Math.exp/Math.log, the textbook
 * Abramowitz-Stegun 26.2.17 normal CDF) on the same options in the same run.
 */
import { createRng } from '../../shared/quant/math/rng';
import {
  bsmFullGreeksBatch,
  GREEK_FIELDS,
  type BsmFullBatchOutput,
} from '../../shared/quant/pricing/batch-full';
import { bsmGreeksBatch, type BsmBatchOutput } from '../../shared/quant/pricing/batch';
import { bsmGreeks } from '../../shared/quant/pricing/bsm';
import { randomBook, rowInput } from '../quant/pricing/random-book';
import { medianMs, type Benchmark } from './bench-types';

interface TextbookInput {
  type: 'call' | 'put';
  spot: number;
  strike: number;
  tYears: number;
  rate: number;
  carryYield: number;
  volAnnual: number;
}

interface TextbookGreeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Abramowitz & Stegun 26.2.17 (|error| < 7.5e-8), as in most textbooks. */
function textbookCdf(x: number): number {
  const k = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly =
    k *
    (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
  const tail = (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

function textbookGreeks(o: TextbookInput): TextbookGreeks {
  const { spot: S, strike: K, tYears: T, rate: r, carryYield: q, volAnnual: v } = o;
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  const dfR = Math.exp(-r * T);
  const dfQ = Math.exp(-q * T);
  const pdf = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
  const gamma = (dfQ * pdf) / (S * v * sqrtT);
  const vega = S * dfQ * pdf * sqrtT;
  const decay = (-S * dfQ * pdf * v) / (2 * sqrtT);
  if (o.type === 'call') {
    const n1 = textbookCdf(d1);
    const n2 = textbookCdf(d2);
    return {
      price: S * dfQ * n1 - K * dfR * n2,
      delta: dfQ * n1,
      gamma,
      vega,
      theta: decay - r * K * dfR * n2 + q * S * dfQ * n1,
      rho: K * T * dfR * n2,
    };
  }
  const n1 = textbookCdf(-d1);
  const n2 = textbookCdf(-d2);
  return {
    price: K * dfR * n2 - S * dfQ * n1,
    delta: -dfQ * n1,
    gamma,
    vega,
    theta: decay + r * K * dfR * n2 - q * S * dfQ * n1,
    rho: -K * T * dfR * n2,
  };
}

const N = 1_000_000;

/** Median wall times of `a` and `b`, run alternately `repeats` times after one warm-up each. */
function interleavedMedianMs(a: () => void, b: () => void, repeats: number): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1] as number;
  return [median(ta), median(tb)];
}

function run(): { value: number; baseline: number; extra: Record<string, number | string> } {
  const book = randomBook(createRng(20261122), N);
  const out: BsmBatchOutput = {
    price: new Float64Array(N),
    delta: new Float64Array(N),
    gamma: new Float64Array(N),
    vega: new Float64Array(N),
    theta: new Float64Array(N),
    rho: new Float64Array(N),
  };
  const objects: TextbookInput[] = Array.from({ length: N }, (_, i) => rowInput(book, i));
  let sink = 0;
  // Ours and the baseline alternate, so that both see the same load on a shared machine.
  const [oursMs, baselineMs] = interleavedMedianMs(
    () => {
      sink += bsmGreeksBatch(book, out);
    },
    () => {
      for (let i = 0; i < N; i++) {
        const g = textbookGreeks(objects[i] as TextbookInput);
        sink += g.price + g.delta + g.gamma + g.vega + g.theta + g.rho;
      }
    },
    9,
  );
  const full = {} as Record<string, Float64Array>;
  for (const f of GREEK_FIELDS) full[f] = new Float64Array(N);
  const fullMs = medianMs(() => {
    sink += bsmFullGreeksBatch(book, full as BsmFullBatchOutput);
  }, 3);
  // Accuracy of both on a sample, against the scalar closed form (near machine precision).
  let batchPriceRel = 0;
  let textbookPriceRel = 0;
  for (let i = 0; i < N; i += 97) {
    const ref = bsmGreeks(rowInput(book, i));
    if (ref.price < 1e-8 * (book.spot[i] as number)) continue; // compare where prices matter
    batchPriceRel = Math.max(
      batchPriceRel,
      Math.abs((out.price[i] as number) - ref.price) / ref.price,
    );
    const tb = textbookGreeks(objects[i] as TextbookInput);
    textbookPriceRel = Math.max(textbookPriceRel, Math.abs(tb.price - ref.price) / ref.price);
  }
  return {
    value: N / (oursMs / 1000),
    baseline: N / (baselineMs / 1000),
    extra: {
      fullGreeksOptionsPerS: Number((N / (fullMs / 1000)).toPrecision(4)),
      batchMaxRelErrPrice: Number(batchPriceRel.toPrecision(2)),
      textbookMaxRelErrPrice: Number(textbookPriceRel.toPrecision(2)),
      sink: Number.isFinite(sink) ? 'ok' : 'non-finite',
    },
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'pricing.bsm_greeks', unit: 'options/s/core', higherIsBetter: true, run },
];
