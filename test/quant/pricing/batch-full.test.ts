import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { BATCH_INVALID_PRICE } from '../../../shared/quant/pricing/batch';
import {
  GREEK_FIELDS,
  bsmFullGreeksBatch,
  type BsmFullBatchOutput,
} from '../../../shared/quant/pricing/batch-full';
import { bsmD1D2, bsmGreeks } from '../../../shared/quant/pricing/bsm';
import { greekScale } from './greek-scale';
import { emptyBook, randomBook, rowInput, setRow } from './random-book';

function outputs(n: number): BsmFullBatchOutput {
  const out = {} as Record<string, Float64Array>;
  for (const f of GREEK_FIELDS) out[f] = new Float64Array(n);
  return out as BsmFullBatchOutput;
}

describe('bsmFullGreeksBatch', () => {
  it('matches the scalar bsmGreeks on every field within 1e-10 of its scale (10k random rows)', () => {
    const n = 10_000;
    const book = randomBook(createRng(77), n);
    const out = outputs(n);
    expect(bsmFullGreeksBatch(book, out)).toBe(0);
    const worst: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const x = rowInput(book, i);
      const g = bsmGreeks(x);
      const { d1, d2 } = bsmD1D2(x);
      for (const f of GREEK_FIELDS) {
        const y = out[f][i] as number;
        expect(Number.isFinite(y)).toBe(true);
        const err = Math.abs(y - g[f]) / Math.max(greekScale(f, g, x, d1, d2), 1e-290);
        worst[f] = Math.max(worst[f] ?? 0, err);
      }
    }
    for (const f of GREEK_FIELDS) expect(worst[f], f).toBeLessThan(1e-10);
  });

  it('handles limits and invalid rows like the 6-output kernel', () => {
    const book = emptyBook(3);
    setRow(book, 0, {
      type: 'call',
      spot: 100,
      strike: 90,
      tYears: 0,
      rate: 0.05,
      carryYield: 0,
      volAnnual: 0.3,
    });
    setRow(book, 1, {
      type: 'put',
      spot: 100,
      strike: 120,
      tYears: 0.5,
      rate: 0.05,
      carryYield: 0.01,
      volAnnual: 0,
    });
    setRow(book, 2, {
      type: 'put',
      spot: 100,
      strike: 120,
      tYears: 0.5,
      rate: 0.05,
      carryYield: 0.01,
      volAnnual: 0.2,
    });
    book.volAnnual[2] = Number.NaN;
    const out = outputs(3);
    expect(bsmFullGreeksBatch(book, out)).toBe(1);
    for (const [i, x] of [
      [
        0,
        {
          type: 'call',
          spot: 100,
          strike: 90,
          tYears: 0,
          rate: 0.05,
          carryYield: 0,
          volAnnual: 0.3,
        },
      ],
      [
        1,
        {
          type: 'put',
          spot: 100,
          strike: 120,
          tYears: 0.5,
          rate: 0.05,
          carryYield: 0.01,
          volAnnual: 0,
        },
      ],
    ] as const) {
      const g = bsmGreeks(x);
      for (const f of GREEK_FIELDS) expect(out[f][i]).toBe(g[f]);
    }
    expect(out.price[2]).toBe(BATCH_INVALID_PRICE);
    for (const f of GREEK_FIELDS.slice(1)) expect(out[f][2]).toBe(0);
  });
});
