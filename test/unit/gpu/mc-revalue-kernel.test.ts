import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { buildBookGrid } from '../../../shared/quant/risk/book-grid';
import { buildFactorModel } from '../../../shared/quant/risk/factor-model';
import { revalueRange } from '../../../shared/quant/risk/mc-revalue';
import { simulateFactorsRange } from '../../../shared/quant/risk/mc-simulate';
import { factorRanges } from '../../../shared/quant/risk/mc-var';
import {
  createMcRevalueKernel,
  kernelInputsFromGrid,
  mcRevalueCpu,
  MC_REVALUE_FLOAT32_RTOL,
  type McRevalueInputs,
} from '../../../src-workers/gpu/mc-revalue.kernel';
import { syntheticBook, syntheticCorrelation } from '../../quant/risk/synthetic-book';

function setup(nV: number, paths: number) {
  const file = syntheticBook({ positions: 80, underlyings: 4, seed: 3 });
  const { book } = riskBookFromFile(file);
  const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
    volSource: 'implied',
    correlation: syntheticCorrelation(book.underlyings),
  });
  const f = simulateFactorsRange(model, [10], 17, 0, paths);
  const h = f[0] as (typeof f)[number];
  const grid = buildBookGrid(book, factorRanges(f, book.underlyings.length), { nV });
  return {
    book,
    grid,
    h,
    inputs: kernelInputsFromGrid(grid, h.x, nV === 1 ? new Float64Array(h.v.length) : h.v),
  };
}

/** The P&L scale of the tolerance: |P&L| + sum |linearUsd| + max |grid value|. */
function scale(inp: McRevalueInputs, pnl: Float32Array): number {
  let m = 0;
  for (const x of pnl) m = Math.max(m, Math.abs(x));
  let lin = 0;
  for (const x of inp.linearUsd) lin += Math.abs(x);
  let g = 0;
  for (const x of inp.values) g = Math.max(g, Math.abs(x));
  return m + lin + g;
}

describe('Monte Carlo revaluation kernel (gpu.js) and its CPU twin', () => {
  for (const nV of [17, 1]) {
    it(`gpu.js cpu mode equals the twin within float32 tolerance (nV = ${nV})`, () => {
      const { inputs } = setup(nV, 2048);
      const gpu = new GPU({ mode: 'cpu' });
      const kernel = createMcRevalueKernel(gpu);
      const got = kernel(inputs);
      const twin = mcRevalueCpu(inputs);
      expect(got.length).toBe(2048);
      const tol = MC_REVALUE_FLOAT32_RTOL * scale(inputs, twin);
      let maxDiff = 0;
      twin.forEach((t, p) => (maxDiff = Math.max(maxDiff, Math.abs(t - (got[p] as number)))));
      expect(maxDiff).toBeLessThanOrEqual(tol);
      // A second call with another size reuses the kernel (dynamic output).
      const small = {
        ...inputs,
        paths: 16,
        x: inputs.x.slice(0, 16 * inputs.nU),
        v: inputs.v.slice(0, 16 * inputs.nU),
      };
      expect(Array.from(kernel(small))).toEqual(Array.from(got.slice(0, 16)));
      gpu.destroy();
    });
  }

  it('the twin reproduces the float64 CPU kernel of shared/quant/risk within float32 rounding', () => {
    const { grid, h, inputs } = setup(17, 1024);
    const ref = new Float64Array(1024);
    revalueRange({ scheme: 'grid', grid }, h, grid.nU, ref, undefined);
    const twin = mcRevalueCpu(inputs);
    const tol = MC_REVALUE_FLOAT32_RTOL * scale(inputs, twin);
    ref.forEach((r, p) => expect(Math.abs(r - (twin[p] as number))).toBeLessThanOrEqual(tol));
  });

  it('rejects inconsistent sizes', () => {
    const { inputs } = setup(17, 64);
    expect(() => mcRevalueCpu({ ...inputs, paths: 65 })).toThrow(/paths \* nU/);
    expect(() => mcRevalueCpu({ ...inputs, nV: 3 })).toThrow(/bad sizes/);
  });
});
