import { describe, it, expect } from 'vitest';
import { fastExp, fastMills } from '../../../shared/quant/pricing/batch-math';
import { tableExp, tableMills } from '../../../shared/quant/iv/batch-kernels';

// The copies exist only for V8 (tables held in this module's constants); they must be the same
// functions, so the accuracy proven for batch-math.ts carries over.
describe('batch-kernels copies of the batch-math kernels', () => {
  it('tableExp equals fastExp bit for bit on [-745, 709.7]', () => {
    for (let i = 0; i <= 300_000; i++) {
      const x = -745 + (1454.7 * i) / 300_000;
      if (tableExp(x) !== fastExp(x)) expect(tableExp(x)).toBe(fastExp(x));
    }
    for (const x of [0, -0.5, 0.5, 1e-300, -1e-10, 709.7, -745.2])
      expect(tableExp(x)).toBe(fastExp(x));
  });

  it('tableMills equals fastMills bit for bit on [0, 80]', () => {
    for (let i = 0; i <= 300_000; i++) {
      const t = (80 * i) / 300_000;
      if (tableMills(t) !== fastMills(t)) expect(tableMills(t)).toBe(fastMills(t));
    }
    for (let k = -12; k <= 1; k += 0.01) {
      const t = 10 ** k;
      if (tableMills(t) !== fastMills(t)) expect(tableMills(t)).toBe(fastMills(t));
    }
  });
});
