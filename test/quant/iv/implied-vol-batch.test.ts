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

describe('impliedVolBlack76Batch', () => {
  it('agrees bit for bit with the scalar API on valid cases', () => {
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
      expect(out[i]).toBe(scalar);
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

  it('throws invalid-input when an input array is shorter than out', () => {
    const a = new Float64Array(1);
    expect(() => impliedVolBlack76Batch(new Int8Array(2), a, a, a, a, new Float64Array(2))).toThrow(
      ImpliedVolError,
    );
  });
});
