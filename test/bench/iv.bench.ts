/**
 * pricing.iv: Black-76 implied volatility throughput through the batch API (Let's Be Rational)
 * against a straightforward safeguarded Newton/bisection solver on the plain Black formula, on
 * the same 1e6 mixed cases in the same run. Single thread, so the figure is per core. Also
 * timed in the same run: the scalar solver's core (solveBlack76Undiscounted) in a plain loop,
 * which is what the batch was before it got its own passes (`scalarLbrIvPerS`), and the batch's
 * largest difference from it.
 */
import type { Benchmark } from './bench-types';
import { normCdf, normPdf } from '../../shared/quant/math/normal';
import { black76Price } from '../../shared/quant/iv/black76-price';
import { impliedVolBlack76Batch } from '../../shared/quant/iv/implied-vol-batch';
import { solveBlack76Undiscounted } from '../../shared/quant/iv/black76-solve';

const CASES = 1_000_000;

interface Cases {
  types: Int8Array;
  forward: Float64Array;
  strike: Float64Array;
  tYears: Float64Array;
  price: Float64Array;
  vol: Float64Array;
}

/** mulberry32: a fixed, seeded case set. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Calls and puts half each; T from 1 day to 2 years and vol from 10 % to 150 % (log-uniform);
 * strikes ln(K/F) = z sigma sqrt(T) with z uniform in [-3, 3], so half are in the money and every
 * quote is one a market would show (strikes many standard deviations out have prices that
 * underflow or equal intrinsic to the last bit).
 */
function makeCases(n: number): Cases {
  const next = rng(2026);
  const c: Cases = {
    types: new Int8Array(n),
    forward: new Float64Array(n),
    strike: new Float64Array(n),
    tYears: new Float64Array(n),
    price: new Float64Array(n),
    vol: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const isCall = next() < 0.5;
    const forward = 100 * Math.exp(2 * next() - 1);
    const tYears = Math.exp(Math.log(1 / 365) + Math.log(730) * next());
    const vol = 0.1 * Math.exp(Math.log(15) * next());
    const strike = forward * Math.exp((6 * next() - 3) * vol * Math.sqrt(tYears));
    c.types[i] = isCall ? 1 : -1;
    c.forward[i] = forward;
    c.strike[i] = strike;
    c.tYears[i] = tYears;
    c.vol[i] = vol;
    c.price[i] = black76Price({
      type: isCall ? 'call' : 'put',
      forward,
      strike,
      tYears,
      volAnnual: vol,
    });
  }
  return c;
}

/** Plain Black-76 undiscounted price and vega (d/dsigma). */
function plainBlack(isCall: boolean, f: number, k: number, t: number, vol: number): number {
  const sd = vol * Math.sqrt(t);
  const d1 = Math.log(f / k) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  return isCall ? f * normCdf(d1) - k * normCdf(d2) : k * normCdf(-d2) - f * normCdf(-d1);
}

function plainVega(f: number, k: number, t: number, vol: number): number {
  const sd = vol * Math.sqrt(t);
  const d1 = Math.log(f / k) / sd + 0.5 * sd;
  return f * normPdf(d1) * Math.sqrt(t);
}

/**
 * Baseline: Newton on sigma from the Brenner-Subrahmanyam guess, falling back to bisection when
 * a step leaves the bracket [0, 10] or vega vanishes; stops at 1e-12 relative step or 100 steps.
 */
function baselineSolve(isCall: boolean, f: number, k: number, t: number, price: number): number {
  let lo = 0;
  let hi = 10;
  let vol = Math.min(Math.max((Math.sqrt((2 * Math.PI) / t) * price) / f, 0.01), 5);
  for (let iter = 0; iter < 100; iter++) {
    const diff = plainBlack(isCall, f, k, t, vol) - price;
    if (diff > 0) hi = vol;
    else lo = vol;
    const vega = plainVega(f, k, t, vol);
    let next = vega > 1e-300 ? vol - diff / vega : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - vol) <= 1e-12 * next) return next;
    vol = next;
  }
  return vol;
}

function baselineBatch(c: Cases, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = baselineSolve(
      c.types[i] === 1,
      c.forward[i] as number,
      c.strike[i] as number,
      c.tYears[i] as number,
      c.price[i] as number,
    );
  }
}

function scalarBatch(c: Cases, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = solveBlack76Undiscounted(
      c.types[i] === 1,
      c.forward[i] as number,
      c.strike[i] as number,
      c.tYears[i] as number,
      c.price[i] as number,
    );
  }
}

/** Largest relative difference between two solutions. */
function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number)) / (b[i] as number);
    worst = d > worst ? d : worst;
  }
  return worst;
}

/** Largest and median relative error of `out` against the generating volatilities. */
function errors(c: Cases, out: Float64Array): { max: number; median: number } {
  const rel = new Float64Array(out.length);
  for (let i = 0; i < out.length; i++) {
    const v = c.vol[i] as number;
    rel[i] = Math.abs((out[i] as number) - v) / v;
  }
  rel.sort();
  return { max: rel[rel.length - 1] as number, median: rel[rel.length >> 1] as number };
}

/** CPU time (user + system) of `fn` in ms: on a shared machine it counts only this thread's work. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'pricing.iv',
    unit: 'iv/s/core',
    higherIsBetter: true,
    run() {
      const c = makeCases(CASES);
      const ours = new Float64Array(CASES);
      const base = new Float64Array(CASES);
      const scalar = new Float64Array(CASES);
      let failures = 0;
      const runOurs = () => {
        failures = impliedVolBlack76Batch(c.types, c.forward, c.strike, c.tYears, c.price, ours);
      };
      const runBase = () => baselineBatch(c, base);
      const runScalar = () => scalarBatch(c, scalar);
      // Warm all up, then alternate them so that load from other processes hits them alike.
      runOurs();
      runBase();
      runScalar();
      const oursCpu: number[] = [];
      const baseCpu: number[] = [];
      const scalarCpu: number[] = [];
      const oursWall: number[] = [];
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        oursCpu.push(cpuMs(runOurs));
        oursWall.push(performance.now() - t0);
        if (round < 3) {
          baseCpu.push(cpuMs(runBase));
          scalarCpu.push(cpuMs(runScalar));
        }
      }
      const eo = errors(c, ours);
      const eb = errors(c, base);
      return {
        value: CASES / (median(oursCpu) / 1000),
        baseline: CASES / (median(baseCpu) / 1000),
        extra: {
          timing: 'median CPU time, single thread',
          wallIvPerS: Math.round(CASES / (median(oursWall) / 1000)),
          scalarLbrIvPerS: Math.round(CASES / (median(scalarCpu) / 1000)),
          maxRelDiffVsScalar: Number(maxRelDiff(ours, scalar).toPrecision(3)),
          cases: CASES,
          failures,
          maxRelErr: Number(eo.max.toPrecision(3)),
          medianRelErr: Number(eo.median.toPrecision(3)),
          baselineMaxRelErr: Number(eb.max.toPrecision(3)),
          baselineMedianRelErr: Number(eb.median.toPrecision(3)),
        },
      };
    },
  },
];
