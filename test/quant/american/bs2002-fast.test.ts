import { describe, it, expect } from 'vitest';
import { americanBs2002Price, priceAmerican } from '../../../shared/quant/american';
import { americanBs2002Batch } from '../../../shared/quant/american/bs2002-batch';
import {
  BS2002_T1_FRACTION,
  bs2002UpperOrthant,
  fastNormCdf,
} from '../../../shared/quant/american/bs2002-normal';
import { bivariateNormalCdf } from '../../../shared/quant/math/bivariate-normal';
import { normCdf } from '../../../shared/quant/math/normal';
import { createRng } from '../../../shared/quant/math/rng';
import { BATCH_INVALID_PRICE, type BsmBatchInput } from '../../../shared/quant/pricing/batch';
import { emptyBook, randomBook, rowInput } from '../pricing/random-book';
import { referenceBs2002Price } from './bs2002-reference';
import { loadReference } from './reference-rows';

const RHO = Math.sqrt(BS2002_T1_FRACTION);

describe('BS2002 fixed-correlation bivariate normal', () => {
  it('matches the general Genz routine within 1e-15 absolute for both signs of rho*', () => {
    const rng = createRng(9);
    let maxAbs = 0;
    for (let i = 0; i < 50_000; i++) {
      const h = -12 + 24 * rng.uniform();
      const k = -12 + 24 * rng.uniform();
      const sign = rng.uniform() < 0.5 ? 1 : -1;
      const fast = bs2002UpperOrthant(h, k, fastNormCdf(-h), fastNormCdf(-k), sign);
      maxAbs = Math.max(maxAbs, Math.abs(fast - bivariateNormalCdf(-h, -k, sign * RHO)));
    }
    // Observed 2.8e-16 (12 Gauss-Legendre nodes; 10 nodes gave 2e-13).
    expect(maxAbs).toBeLessThan(1e-15);
  });

  it('has the closed form at the origin and stays inside [0, min(Phi(-h), Phi(-k))]', () => {
    for (const sign of [1, -1]) {
      const atZero = 0.25 + Math.asin(sign * RHO) / (2 * Math.PI);
      expect(Math.abs(bs2002UpperOrthant(0, 0, 0.5, 0.5, sign) - atZero)).toBeLessThan(1e-16);
      for (const [h, k] of [
        [40, 3],
        [-40, 2],
        [9, 9.5],
        [-9, 9],
      ] as const) {
        const p = bs2002UpperOrthant(h, k, fastNormCdf(-h), fastNormCdf(-k), sign);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(Math.min(normCdf(-h), normCdf(-k)) * (1 + 1e-13));
      }
    }
  });
});

describe('BS2002 fast formula vs the general-routine implementation', () => {
  // Only the bivariate normal's and the normal's rounding may differ: the bound is
  // |fast - reference| <= 1e-12 price + 1e-14 max(S, K) (observed 1.3e-13 relative above
  // 0.01 max(S, K), 6.5e-13 above 0.001, 1.5e-15 max(S, K) absolute: below that the prices are
  // differences of terms ~max(S, K) and both implementations carry that rounding).
  function compare(inputs: ReturnType<typeof rowInput>[]) {
    let maxRelAbove1pct = 0;
    let maxAbsPerScale = 0;
    for (const o of inputs) {
      const fast = americanBs2002Price(o);
      const ref = referenceBs2002Price(o);
      expect(Number.isNaN(fast)).toBe(Number.isNaN(ref));
      if (Number.isNaN(ref)) continue;
      const scale = Math.max(o.spot, o.strike);
      const err = Math.abs(fast - ref);
      expect(err, JSON.stringify(o)).toBeLessThanOrEqual(1e-12 * ref + 1e-14 * scale);
      maxAbsPerScale = Math.max(maxAbsPerScale, err / scale);
      if (ref >= 0.01 * scale) maxRelAbove1pct = Math.max(maxRelAbove1pct, err / ref);
    }
    return { maxRelAbove1pct, maxAbsPerScale };
  }

  it('agrees on the QuantLib grid and random reference inputs', () => {
    const rows = [
      ...loadReference('american_alo_quantlib.csv'),
      ...loadReference('american_alo_quantlib_random.csv'),
    ];
    const { maxRelAbove1pct } = compare(rows.map((r) => r.input));
    expect(maxRelAbove1pct).toBeLessThan(1e-12);
  });

  it('agrees on 20,000 random options (T 1 hour..30 years, vol 1%..300%, r -2%..15%)', () => {
    const book = randomBook(createRng(5), 20_000);
    const inputs = Array.from({ length: 20_000 }, (_, i) => rowInput(book, i));
    const { maxRelAbove1pct, maxAbsPerScale } = compare(inputs);
    expect(maxRelAbove1pct).toBeLessThan(1e-12);
    expect(maxAbsPerScale).toBeLessThan(1e-14);
  });
});

function setRow(
  b: BsmBatchInput,
  i: number,
  row: [number, number, number, number, number, number, number],
): void {
  const [sg, S, K, T, r, q, v] = row;
  b.type[i] = sg;
  b.spot[i] = S;
  b.strike[i] = K;
  b.tYears[i] = T;
  b.rate[i] = r;
  b.carryYield[i] = q;
  b.volAnnual[i] = v;
}

describe('americanBs2002Batch', () => {
  it("equals priceAmerican(row, 'bs2002') on every valid row, limits and fallbacks included", () => {
    const n = 3000;
    const book = randomBook(createRng(21), n);
    // Expired, zero vol, no early exercise (call q < 0, put r < 0), BS2002 undefined (call r < 0
    // with q > 0: the accurate method takes over), deep in the exercise region.
    setRow(book, 0, [1, 100, 90, 0, 0.05, 0.02, 0.3]);
    setRow(book, 1, [-1, 100, 110, 1, 0.05, 0.02, 0]);
    setRow(book, 2, [1, 100, 100, 1, 0.03, -0.01, 0.2]);
    setRow(book, 3, [-1, 100, 100, 1, -0.01, 0.02, 0.2]);
    setRow(book, 4, [1, 100, 100, 1, -0.01, 0.03, 0.2]);
    setRow(book, 5, [-1, 40, 100, 0.5, 0.08, 0.0, 0.2]);
    const out = new Float64Array(n);
    expect(americanBs2002Batch(book, out)).toBe(0);
    let mismatches = 0;
    for (let i = 0; i < n; i++) {
      if (!Object.is(out[i], priceAmerican(rowInput(book, i), 'bs2002'))) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(out[5]).toBe(60);
  });

  it('writes the sentinel for invalid rows, counts them, and honours [start, end)', () => {
    const b = emptyBook(8);
    const good: [number, number, number, number, number, number, number] = [
      -1, 95, 100, 0.5, 0.05, 0.01, 0.3,
    ];
    for (let i = 0; i < 8; i++) setRow(b, i, good);
    b.type[1] = 0;
    b.spot[2] = Number.NaN;
    b.volAnnual[3] = -0.1;
    b.tYears[4] = Number.POSITIVE_INFINITY;
    b.rate[5] = 6;
    const out = new Float64Array(8).fill(7);
    expect(americanBs2002Batch(b, out, 1, 7)).toBe(5);
    expect(Array.from(out.subarray(1, 6))).toEqual(Array(5).fill(BATCH_INVALID_PRICE));
    expect(out[6]).toBe(priceAmerican(rowInput(b, 6), 'bs2002'));
    expect(out[0]).toBe(7);
    expect(out[7]).toBe(7);
    expect(() => americanBs2002Batch(b, new Float64Array(4))).toThrow(RangeError);
  });
});
