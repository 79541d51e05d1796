import { describe, it, expect } from 'vitest';
import { americanAccurateBatch, priceAmerican } from '../../../shared/quant/american';
import { createRng } from '../../../shared/quant/math/rng';
import { BATCH_INVALID_PRICE, type BsmBatchInput } from '../../../shared/quant/pricing/batch';
import { emptyBook, rowInput } from '../pricing/random-book';
import { loadReference, type ReferenceRow } from './reference-rows';

type Row = [number, number, number, number, number, number, number];

function setRow(b: BsmBatchInput, i: number, row: Row): void {
  const [sg, S, K, T, r, q, v] = row;
  b.type[i] = sg;
  b.spot[i] = S;
  b.strike[i] = K;
  b.tYears[i] = T;
  b.rate[i] = r;
  b.carryYield[i] = q;
  b.volAnnual[i] = v;
}

function bookOf(rows: readonly Row[]): BsmBatchInput {
  const b = emptyBook(rows.length);
  rows.forEach((row, i) => setRow(b, i, row));
  return b;
}

function fromReference(rows: readonly ReferenceRow[]): Row[] {
  return rows.map(({ input: o }) => [
    o.type === 'call' ? 1 : -1,
    o.spot,
    o.strike,
    o.tYears,
    o.rate,
    o.carryYield,
    o.volAnnual,
  ]);
}

/** Rows whose scalar price differs (Object.is) from the batch output. */
function mismatches(b: BsmBatchInput, out: Float64Array): number {
  let count = 0;
  for (let i = 0; i < out.length; i++) {
    if (!Object.is(out[i], priceAmerican(rowInput(b, i), 'accurate'))) count++;
  }
  return count;
}

const grid = loadReference('american_alo_quantlib.csv');
const random = loadReference('american_alo_quantlib_random.csv');

describe('americanAccurateBatch', () => {
  it("equals priceAmerican(row, 'accurate') and keeps its accuracy on the QuantLib rows", () => {
    const refs = [...grid, ...random];
    const b = bookOf(fromReference(refs));
    const out = new Float64Array(refs.length);
    expect(americanAccurateBatch(b, out)).toBe(0);
    expect(mismatches(b, out)).toBe(0);
    let maxRel = 0;
    refs.forEach((row, i) => {
      if (row.ref >= 1e-4 * row.input.strike) {
        maxRel = Math.max(maxRel, Math.abs((out[i] as number) - row.ref) / row.ref);
      }
    });
    // Observed 1.07e-6 (grid) and 8.5e-7 (random), the scalar path's figures.
    expect(maxRel).toBeLessThan(2e-6);
  });

  it('shares boundaries across strikes and types of one (T, r, q, vol), limits and fallbacks included', () => {
    const rng = createRng(8);
    const rows: Row[] = [];
    for (let g = 0; g < 12; g++) {
      const T = 0.02 + 2 * rng.uniform();
      const r = 0.01 + 0.08 * rng.uniform();
      const q = 0.08 * rng.uniform();
      const v = 0.1 + 0.6 * rng.uniform();
      for (let k = 0; k < 8; k++) {
        const sg = k % 2 === 0 ? 1 : -1;
        rows.push([sg, 100, 70 + 8 * k, T, r, q, v]);
        // The same key seen again after other keys: found in the cache, not re-solved.
        if (g > 0 && k === 0) rows.push([-sg, 90, 100, rows[0]?.[3] ?? T, 0.05, 0.02, 0.3]);
      }
    }
    rows.push(
      [1, 100, 90, 0, 0.05, 0.02, 0.3], // expired: intrinsic
      [-1, 100, 110, 1, 0.05, 0.02, 0], // zero vol: deterministic
      [1, 100, 100, 1, 0.05, -0.01, 0.3], // call with q < 0: European
      [-1, 100, 100, 1, -0.01, 0.02, 0.3], // put with r < 0 <= q: European
      [1, 100, 100, 1, -0.01, 0.03, 0.3], // call as a put with r = 3 %: ALO
      [-1, 100, 100, 0.25, -0.01, -0.03, 0.3], // double boundary: the tree
      [-1, 40, 100, 0.5, 0.08, 0, 0.2], // exercise now
    );
    const b = bookOf(rows);
    const out = new Float64Array(rows.length);
    expect(americanAccurateBatch(b, out)).toBe(0);
    expect(mismatches(b, out)).toBe(0);
    expect(out[rows.length - 1]).toBe(60);
    expect(out[rows.length - 7]).toBe(10);
  });

  it('stays equal to the scalar path past the cache bound (4,096 boundaries)', () => {
    const n = 4200;
    const rows: Row[] = [];
    for (let i = 0; i < n; i++)
      rows.push([i % 2 === 0 ? 1 : -1, 100, 100, 0.1, 0.04, 0.05, 0.2 + 1e-4 * i]);
    // Revisit early keys after the cache was emptied.
    for (let i = 0; i < 20; i++) rows.push([1, 95, 100, 0.1, 0.04, 0.05, 0.2 + 1e-4 * i]);
    const b = bookOf(rows);
    const out = new Float64Array(rows.length);
    americanAccurateBatch(b, out);
    expect(mismatches(b, out)).toBe(0);
  });

  it('writes the sentinel for invalid rows, counts them, and honours [start, end)', () => {
    const good: Row = [-1, 95, 100, 0.5, 0.05, 0.01, 0.3];
    const b = bookOf(Array.from({ length: 9 }, () => good));
    b.type[1] = 2;
    b.strike[2] = 0;
    b.volAnnual[3] = Number.NaN;
    b.tYears[4] = 101;
    b.carryYield[5] = -5.5;
    b.spot[6] = Number.POSITIVE_INFINITY;
    const out = new Float64Array(9).fill(7);
    expect(americanAccurateBatch(b, out, 1, 8)).toBe(6);
    expect(Array.from(out.subarray(1, 7))).toEqual(Array(6).fill(BATCH_INVALID_PRICE));
    expect(out[7]).toBe(priceAmerican(rowInput(b, 7), 'accurate'));
    expect(out[0]).toBe(7);
    expect(out[8]).toBe(7);
    for (const x of out) expect(Number.isNaN(x)).toBe(false);
    expect(() => americanAccurateBatch(b, new Float64Array(3))).toThrow(RangeError);
    expect(() => americanAccurateBatch(b, out, 5, 2)).toThrow(RangeError);
  });
});
