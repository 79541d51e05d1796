import { describe, expect, it } from 'vitest';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { buildFactorModel } from '../../../shared/quant/risk/factor-model';
import { revalueRange } from '../../../shared/quant/risk/mc-revalue';
import { simulateFactorsRange } from '../../../shared/quant/risk/mc-simulate';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import { varEsFromPnl } from '../../../shared/quant/risk/tail-measures';
import { syntheticBook, syntheticCorrelation } from './synthetic-book';

describe('fast scheme against full revaluation (options book)', () => {
  it('grid VaR/ES equal full-revaluation VaR/ES within the reported error bound', () => {
    const file = syntheticBook({ positions: 60, underlyings: 5, seed: 21 });
    const { book } = riskBookFromFile(file);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
      correlation: syntheticCorrelation(book.underlyings),
    });
    const paths = 2048;
    const res = monteCarloVar(book, model, {
      paths,
      horizonsDays: [1, 10],
      confidences: [0.95, 0.99],
      seed: 5,
      keepPnl: true,
    });
    const factors = simulateFactorsRange(model, [1, 10], 5, 0, paths);
    const nU = book.underlyings.length;
    res.horizons.forEach((h, hi) => {
      const full = new Float64Array(paths);
      revalueRange(
        { scheme: 'full', book, move: { volAddAbs: 0, rateShift: 0, dtYears: 0 } },
        factors[hi] as (typeof factors)[number],
        nU,
        full,
        undefined,
      );
      let maxErr = 0;
      full.forEach((f, p) => (maxErr = Math.max(maxErr, Math.abs(f - (h.pnl?.[p] as number)))));
      const exact = varEsFromPnl(full, [0.95, 0.99]);
      const bound = h.approximationError?.varErrorBoundUsd as number;
      h.results.forEach((r, i) => {
        // The sup-norm error over ALL paths bounds the VaR/ES error (1-Lipschitz quantiles).
        expect(Math.abs(r.var - (exact[i]?.var as number))).toBeLessThanOrEqual(maxErr + 1e-9);
        expect(Math.abs(r.es - (exact[i]?.es as number))).toBeLessThanOrEqual(maxErr + 1e-9);
        // The reported bound, measured on check paths around the VaR ranks and in the tail, holds
        // where it matters (extreme paths far from VaR can err more; they do not move VaR/ES).
        expect(Math.abs(r.var - (exact[i]?.var as number))).toBeLessThanOrEqual(bound);
        expect(Math.abs(r.es - (exact[i]?.es as number))).toBeLessThanOrEqual(bound);
        // And small: grid VaR within 0.1% of full revaluation on this mixed (American) book.
        expect(Math.abs(r.var / (exact[i]?.var as number) - 1)).toBeLessThan(0.001);
      });
    });
  });
  it('delta-gamma-vega is labelled and its (larger) error is measured', () => {
    const file = syntheticBook({ positions: 40, underlyings: 3, seed: 4 });
    const { book } = riskBookFromFile(file);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    const grid = monteCarloVar(book, model, { paths: 4096, horizonsDays: [10] });
    const dgv = monteCarloVar(book, model, {
      paths: 4096,
      horizonsDays: [10],
      scheme: 'delta-gamma-vega',
    });
    expect(dgv.approximationError?.scheme).toBe('delta-gamma-vega');
    expect(grid.approximationError?.scheme).toBe('grid-bicubic');
    expect(dgv.approximationError?.varErrorBoundUsd).toBeGreaterThan(
      grid.approximationError?.varErrorBoundUsd as number,
    );
  });
});
