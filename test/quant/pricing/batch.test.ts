import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import {
  BATCH_INVALID_PRICE,
  bsmGreeksBatch,
  type BsmBatchInput,
  type BsmBatchOutput,
} from '../../../shared/quant/pricing/batch';
import { bsmGreeks } from '../../../shared/quant/pricing/bsm';
import type { Greeks } from '../../../shared/quant/pricing/types';
import { emptyBook, randomBook, rowInput, setRow } from './random-book';
import { loadReferenceRows, relErr, withinTol } from './reference-rows';

const FIELDS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;

function outputs(n: number): BsmBatchOutput {
  return {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

/**
 * Error of a batch value against the scalar one, relative to the natural scale of the output.
 * Theta is a sum of terms of both signs (decay, carry, rate) and crosses zero: its scale is the
 * sum of their magnitudes. Values in the subnormal range (< 1e-290) are compared absolutely.
 */
function batchErr(
  field: (typeof FIELDS)[number],
  x: number,
  g: Greeks,
  inp: {
    spot: number;
    strike: number;
    tYears: number;
    rate: number;
    carryYield: number;
    volAnnual: number;
  },
): number {
  const ref = g[field];
  let scale = Math.abs(ref);
  if (field === 'theta') {
    scale =
      (g.vega * inp.volAnnual) / (2 * inp.tYears) +
      Math.abs(inp.carryYield * inp.spot * g.delta) +
      Math.abs(inp.rate * inp.strike * g.dualDelta);
  }
  return Math.abs(x - ref) / Math.max(scale, 1e-290);
}

describe('bsmGreeksBatch', () => {
  it('matches every reference row (1e-10 relative or 1e-12 absolute)', () => {
    const rows = loadReferenceRows();
    const book = emptyBook(rows.length);
    rows.forEach((row, i) => setRow(book, i, row.input));
    const out = outputs(rows.length);
    expect(bsmGreeksBatch(book, out)).toBe(0);
    rows.forEach((row, i) => {
      for (const f of FIELDS) {
        const x = out[f][i] as number;
        if (!withinTol(x, row.expected[f])) {
          expect.fail(
            `line ${row.line} ${f}: got ${x}, expected ${row.expected[f]} (rel ${relErr(x, row.expected[f])})`,
          );
        }
      }
    });
  });

  it('stays within 1e-10 of the scalar bsmGreeks on a random realistic book (20k rows)', () => {
    const n = 20_000;
    const book = randomBook(createRng(2024), n);
    const out = outputs(n);
    expect(bsmGreeksBatch(book, out)).toBe(0);
    const worst: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const inp = rowInput(book, i);
      const g = bsmGreeks(inp);
      for (const f of FIELDS) {
        const x = out[f][i] as number;
        expect(Number.isFinite(x)).toBe(true);
        worst[f] = Math.max(worst[f] ?? 0, batchErr(f, x, g, inp));
      }
    }
    // Measured here: ~1e-12 on price (cancellation far out of the money), ~1e-13 elsewhere.
    for (const f of FIELDS) expect(worst[f], f).toBeLessThan(1e-10);
  });

  it('takes the scalar limits for expired and zero-vol rows, exactly', () => {
    const cases = [
      { type: 'call', spot: 100, strike: 90, tYears: 0, rate: 0.05, carryYield: 0, volAnnual: 0.3 },
      { type: 'put', spot: 100, strike: 100, tYears: 0, rate: 0.05, carryYield: 0, volAnnual: 0.3 },
      {
        type: 'put',
        spot: 100,
        strike: 120,
        tYears: 0.5,
        rate: 0.05,
        carryYield: 0.01,
        volAnnual: 0,
      },
      {
        type: 'call',
        spot: 100,
        strike: 80,
        tYears: 1e-13,
        rate: 0.05,
        carryYield: 0,
        volAnnual: 0.5,
      },
    ] as const;
    const book = emptyBook(cases.length);
    cases.forEach((c, i) => setRow(book, i, c));
    const out = outputs(cases.length);
    expect(bsmGreeksBatch(book, out)).toBe(0);
    cases.forEach((c, i) => {
      const g = bsmGreeks(c);
      for (const f of FIELDS) expect(out[f][i], `${i} ${f}`).toBe(g[f]);
    });
  });

  it('writes the sentinel for invalid rows, counts them, and never writes NaN', () => {
    const good = {
      type: 'call',
      spot: 100,
      strike: 100,
      tYears: 1,
      rate: 0.01,
      carryYield: 0,
      volAnnual: 0.2,
    } as const;
    const bad: Partial<Record<keyof BsmBatchInput, number>>[] = [
      { spot: Number.NaN },
      { spot: -1 },
      { strike: 0 },
      { strike: Number.POSITIVE_INFINITY },
      { tYears: -0.1 },
      { volAnnual: -0.2 },
      { volAnnual: Number.NaN },
      { rate: Number.NEGATIVE_INFINITY },
      { carryYield: 6 },
      { type: 0 },
      { type: 2 },
    ];
    const n = bad.length + 1;
    const book = emptyBook(n);
    for (let i = 0; i < n; i++) setRow(book, i, good);
    bad.forEach((patch, i) => {
      for (const [k, v] of Object.entries(patch))
        (book[k as keyof BsmBatchInput] as Float64Array | Int8Array)[i] = v;
    });
    const out = outputs(n);
    for (const f of FIELDS) out[f].fill(Number.NaN);
    expect(bsmGreeksBatch(book, out)).toBe(bad.length);
    for (let i = 0; i < bad.length; i++) {
      expect(out.price[i]).toBe(BATCH_INVALID_PRICE);
      for (const f of FIELDS.slice(1)) expect(out[f][i]).toBe(0);
    }
    expect(out.price[bad.length]).toBeCloseTo(bsmGreeks(good).price, 12);
  });

  it('only touches [start, end) and rejects short arrays', () => {
    const n = 600; // spans more than one internal block of 256
    const book = randomBook(createRng(5), n);
    const out = outputs(n);
    out.price.fill(-7);
    expect(bsmGreeksBatch(book, out, 100, 550)).toBe(0);
    expect(out.price[99]).toBe(-7);
    expect(out.price[550]).toBe(-7);
    for (let i = 100; i < 550; i++) expect(out.price[i]).toBeGreaterThanOrEqual(0);
    const full = outputs(n);
    bsmGreeksBatch(book, full);
    for (let i = 100; i < 550; i++) expect(out.delta[i]).toBe(full.delta[i]);
    expect(() => bsmGreeksBatch(book, outputs(10))).toThrow(RangeError);
    expect(() => bsmGreeksBatch(book, out, 5, 2)).toThrow(RangeError);
  });
});
