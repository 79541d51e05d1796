import { describe, it, expect } from 'vitest';
import {
  IV_FAILED,
  IV_STATUS_ABOVE_MAXIMUM,
  IV_STATUS_BELOW_INTRINSIC,
  IV_STATUS_INVALID_INPUT,
  IV_STATUS_OK,
  impliedVolBlack76Batch,
} from '../../../shared/quant/iv/implied-vol-batch';
import { impliedVolBlack76 } from '../../../shared/quant/iv/implied-vol';
import { black76Price } from '../../../shared/quant/iv/black76-price';
import { ImpliedVolError } from '../../../shared/quant/iv/implied-vol-error';
import { solveBlack76Undiscounted } from '../../../shared/quant/iv/black76-solve';
import { normalisedVega } from '../../../shared/quant/iv/normalised-black';

/** Small deterministic generator (mulberry32) so the case set is fixed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EPS = 2 ** -52;

/** kappa = P / (sigma dP/dsigma): sigma is pinned only to ~EPS kappa by a double price. */
function conditionNumber(F: number, K: number, tYears: number, vol: number, price: number): number {
  const s = vol * Math.sqrt(tYears);
  return price / (Math.sqrt(F) * Math.sqrt(K) * normalisedVega(Math.log(F / K), s) * s);
}

describe('impliedVolBlack76Batch', () => {
  it('agrees with the scalar API to a few ulp times the price condition on valid cases', () => {
    const n = 2000;
    const next = rng(42);
    const types = new Int8Array(n);
    const forward = new Float64Array(n);
    const strike = new Float64Array(n);
    const tYears = new Float64Array(n);
    const price = new Float64Array(n);
    const vol = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      types[i] = next() < 0.5 ? 1 : -1;
      forward[i] = 50 + 100 * next();
      strike[i] = forward[i]! * Math.exp(-0.7 + 1.4 * next());
      tYears[i] = 1 / 365 + 2 * next();
      vol[i] = 0.1 + 1.4 * next();
      const type = types[i] === 1 ? 'call' : 'put';
      price[i] = black76Price({
        type,
        forward: forward[i]!,
        strike: strike[i]!,
        tYears: tYears[i]!,
        volAnnual: vol[i]!,
      });
    }
    const out = new Float64Array(n);
    const failures = impliedVolBlack76Batch(types, forward, strike, tYears, price, out);
    expect(failures).toBe(0);
    for (let i = 0; i < n; i++) {
      const type = types[i] === 1 ? 'call' : 'put';
      const scalar = impliedVolBlack76({
        type,
        forward: forward[i]!,
        strike: strike[i]!,
        tYears: tYears[i]!,
        price: price[i]!,
      });
      // The batch runs on table kernels (exp, log, Mills ratio within ~2.5 ulp), so it is not
      // the scalar bit for bit; it agrees to within 12 ulp x (1 + kappa), kappa = P / (sigma
      // dP/dsigma) the price's condition number (measured 3.8-4.8 on the grids of
      // implied-vol-batch-accuracy.test.ts).
      const kappa = conditionNumber(forward[i]!, strike[i]!, tYears[i]!, vol[i]!, price[i]!);
      expect(Math.abs(out[i]! - scalar)).toBeLessThanOrEqual(12 * EPS * (1 + kappa) * scalar);
      // Accuracy only where the price still carries the volatility (not all intrinsic value).
      const intrinsic = Math.max(
        type === 'call' ? forward[i]! - strike[i]! : strike[i]! - forward[i]!,
        0,
      );
      if (price[i]! - intrinsic > 1e-2 * price[i]!) {
        expect(Math.abs(out[i]! - vol[i]!) / vol[i]!).toBeLessThan(1e-12);
      }
    }
  });

  it('writes the -1 sentinel, never NaN, counts failures and reports statuses', () => {
    // call OK, put OK (type 0), put OK (type 255 = -1 in a Uint8Array), below intrinsic,
    // above maximum, NaN price, bad type code, zero T, at intrinsic (vol 0).
    const types = new Uint8Array([1, 0, 255, 1, 0, 1, 7, 1, 1]);
    const forward = new Float64Array([100, 100, 100, 120, 100, 100, 100, 100, 120]);
    const strike = new Float64Array([110, 110, 90, 100, 110, 100, 100, 100, 100]);
    const tYears = new Float64Array([0.5, 0.5, 0.5, 1, 1, 1, 1, 0, 1]);
    const price = new Float64Array([3, 13, 2, 19, 111, NaN, 5, 5, 20]);
    const out = new Float64Array(types.length);
    const status = new Uint8Array(types.length);
    const failures = impliedVolBlack76Batch(types, forward, strike, tYears, price, out, { status });
    expect(failures).toBe(5);
    expect(Array.from(out).some(Number.isNaN)).toBe(false);
    expect(Array.from(status)).toEqual([
      IV_STATUS_OK,
      IV_STATUS_OK,
      IV_STATUS_OK,
      IV_STATUS_BELOW_INTRINSIC,
      IV_STATUS_ABOVE_MAXIMUM,
      IV_STATUS_INVALID_INPUT,
      IV_STATUS_INVALID_INPUT,
      IV_STATUS_INVALID_INPUT,
      IV_STATUS_OK,
    ]);
    for (const i of [3, 4, 5, 6, 7]) expect(out[i]).toBe(IV_FAILED);
    expect(out[8]).toBe(0);
    expect(out[0]).toBeCloseTo(
      impliedVolBlack76({ type: 'call', forward: 100, strike: 110, tYears: 0.5, price: 3 }),
      15,
    );
  });

  it('accepts discounted prices with per-case discount factors', () => {
    const df = new Float64Array([0.9, 0.97]);
    const price = new Float64Array([
      black76Price({
        type: 'call',
        forward: 100,
        strike: 105,
        tYears: 1,
        volAnnual: 0.3,
        discountFactor: 0.9,
      }),
      black76Price({
        type: 'put',
        forward: 100,
        strike: 95,
        tYears: 2,
        volAnnual: 0.6,
        discountFactor: 0.97,
      }),
    ]);
    const out = new Float64Array(2);
    const failures = impliedVolBlack76Batch(
      new Int8Array([1, -1]),
      new Float64Array([100, 100]),
      new Float64Array([105, 95]),
      new Float64Array([1, 2]),
      price,
      out,
      { discountFactor: df },
    );
    expect(failures).toBe(0);
    expect(out[0]).toBeCloseTo(0.3, 13);
    expect(out[1]).toBeCloseTo(0.6, 13);
  });

  it('solves rows the fast path declines with the scalar routine, bit for bit', () => {
    // Price below 1e-290 times sqrt(FK); |ln(F/K)| > 700; a call one ulp below F; a put at
    // K - 1 ulp; ln(F/K) ~ 1e-17 with a tiny price; plus ordinary rows in between.
    const types = new Int8Array([1, 1, 1, -1, 1, 1, -1, 1]);
    const forward = new Float64Array([1, 1, 1, 1, 1, 100, 100, 100]);
    const strike = new Float64Array([3, Math.exp(720), 1.5, 2, 1 + 2 ** -52, 110, 90, 100]);
    const tYears = new Float64Array([0.01, 1, 1, 1, 1, 0.5, 0.5, 1]);
    const price = new Float64Array([
      1e-300,
      1e-200,
      1 - 2 ** -53,
      2 - 2 ** -52,
      1e-12,
      3,
      2,
      black76Price({ type: 'call', forward: 100, strike: 100, tYears: 1, volAnnual: 0.3 }),
    ]);
    const out = new Float64Array(types.length);
    const status = new Uint8Array(types.length);
    impliedVolBlack76Batch(types, forward, strike, tYears, price, out, { status });
    for (let i = 0; i < 5; i++) {
      const want = solveBlack76Undiscounted(
        types[i] === 1,
        forward[i]!,
        strike[i]!,
        tYears[i]!,
        price[i]!,
      );
      expect(status[i], `row ${i}`).toBe(want >= 0 ? IV_STATUS_OK : -want);
      expect(out[i], `row ${i}`).toBe(want >= 0 ? want : IV_FAILED);
    }
    expect(Array.from(status.subarray(5))).toEqual([IV_STATUS_OK, IV_STATUS_OK, IV_STATUS_OK]);
    expect(Math.abs(out[7]! - 0.3) / 0.3).toBeLessThan(1e-14);
  });

  it('covers the upper branch (very high total volatility) and the asymptotic wing', () => {
    // s = 3..12 at the money and in the wings (upper branch); deep OTM at small s (h < -10).
    const cases: [boolean, number, number, number][] = [];
    for (const vol of [3, 5, 8, 12])
      for (const k of [1, 2, 0.3]) cases.push([true, k * 100, 1, vol]);
    for (const k of [0.01, 30]) for (const vol of [0.15, 0.3]) cases.push([k > 1, k * 100, 1, vol]);
    const n = cases.length;
    const types = new Int8Array(cases.map(([c]) => (c ? 1 : -1)));
    const forward = new Float64Array(n).fill(100);
    const strike = new Float64Array(cases.map(([, k]) => k));
    const tYears = new Float64Array(cases.map(([, , t]) => t));
    const price = new Float64Array(
      cases.map(([c, k, t, v]) =>
        black76Price({
          type: c ? 'call' : 'put',
          forward: 100,
          strike: k,
          tYears: t,
          volAnnual: v,
        }),
      ),
    );
    const out = new Float64Array(n);
    expect(impliedVolBlack76Batch(types, forward, strike, tYears, price, out)).toBe(0);
    cases.forEach(([, k, t, v], i) => {
      const kappa = conditionNumber(100, k, t, v, price[i]!);
      expect(Math.abs(out[i]! - v) / v, `case ${i}`).toBeLessThan(1e-14 + 8 * EPS * kappa);
    });
  });

  it('throws invalid-input when an input array is shorter than out', () => {
    const a = new Float64Array(1);
    expect(() => impliedVolBlack76Batch(new Int8Array(2), a, a, a, a, new Float64Array(2))).toThrow(
      ImpliedVolError,
    );
  });
});
