import { describe, expect, it } from 'vitest';
import { normInv, normPdf } from '../../../shared/quant/math/normal';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { buildFactorModel, TRADING_DAYS_PER_YEAR } from '../../../shared/quant/risk/factor-model';
import {
  McCancelledError,
  simulateFactorsRange,
  MC_CHUNK_PATHS,
} from '../../../shared/quant/risk/mc-simulate';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import { linearisedBookVar } from '../../../shared/quant/risk/parametric-book';
import { taylorCoefficients } from '../../../shared/quant/risk/taylor-approx';
import { syntheticBook, syntheticCorrelation } from './synthetic-book';

/** Standard error of an order-statistic quantile of a normal loss with sd `sd` (n draws). */
function quantileSe(sd: number, a: number, n: number): number {
  return (sd * Math.sqrt(a * (1 - a))) / (normPdf(normInv(a)) * Math.sqrt(n));
}

function linearBook(n: number) {
  const file = syntheticBook({ positions: n, underlyings: 3, optionShare: 0 });
  const { portfolio, book } = riskBookFromFile(file);
  return { file, portfolio, book };
}

describe('Monte Carlo VaR of linear books', () => {
  it('one underlying converges to the exact lognormal VaR (within 4 standard errors)', () => {
    const { file, book } = linearBook(1); // one BTC perp position
    expect(book.options.n).toBe(0);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    const sigma = (model.dailyVol[0] as number) * Math.sqrt(10);
    const exposure = book.linearUsd[0] as number;
    const paths = 60_000;
    const r = monteCarloVar(book, model, {
      paths,
      horizonsDays: [10],
      confidences: [0.95, 0.99],
      seed: 3,
    });
    for (const m of r.horizons[0]?.results ?? []) {
      const z = normInv(m.confidence);
      // Loss = -E (e^x - 1), x ~ N(-sigma^2/2, sigma^2): quantile by the sign of the exposure.
      const xq = -0.5 * sigma * sigma + (exposure > 0 ? -sigma * z : sigma * z);
      const exact = -exposure * Math.expm1(xq);
      expect(Math.abs(m.var - exact)).toBeLessThan(
        4 * quantileSe(Math.abs(exposure) * sigma, m.confidence, paths),
      );
    }
  });

  it('several correlated underlyings converge to the delta-gamma parametric value', () => {
    const { file, book } = linearBook(12);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
      correlation: syntheticCorrelation(book.underlyings),
    });
    const paths = 80_000;
    const mc = monteCarloVar(book, model, {
      paths,
      horizonsDays: [1],
      confidences: [0.95, 0.99],
      seed: 9,
    });
    const taylor = taylorCoefficients(book);
    const cf = linearisedBookVar(taylor, model, {
      horizonDays: 1,
      confidences: [0.95, 0.99],
      method: 'cornish-fisher',
    });
    const normal = linearisedBookVar(taylor, model, {
      horizonDays: 1,
      confidences: [0.95, 0.99],
      method: 'normal',
    });
    mc.horizons[0]?.results.forEach((m, i) => {
      const se = quantileSe(cf.moments.sd, m.confidence, paths);
      expect(Math.abs(m.var - (cf.results[i]?.var as number))).toBeLessThan(4 * se);
      // Delta-normal ignores the convexity of e^x - 1: right to within a few percent only.
      expect(Math.abs(m.var - (normal.results[i]?.var as number))).toBeLessThan(
        4 * se + 0.04 * m.var,
      );
    });
  });
});

describe('reproducibility and splitting', () => {
  const file = syntheticBook({ positions: 40, underlyings: 4 });
  const { book } = riskBookFromFile(file);
  const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
    volSource: 'implied',
    correlation: syntheticCorrelation(book.underlyings),
    jumps: { BTC: { intensityPerYear: 8, meanLog: -0.05, volLog: 0.08 } },
    copula: { kind: 'student-t', nu: 5 },
  });
  it('a seed gives identical results; path ranges split on chunk boundaries give the same paths', () => {
    const whole = simulateFactorsRange(model, [1, 10], 42, 0, 3 * MC_CHUNK_PATHS);
    const a = simulateFactorsRange(model, [1, 10], 42, 0, MC_CHUNK_PATHS);
    const b = simulateFactorsRange(model, [1, 10], 42, MC_CHUNK_PATHS, 3 * MC_CHUNK_PATHS);
    const nU = book.underlyings.length;
    for (let h = 0; h < 2; h++) {
      expect(Array.from(whole[h]?.x.slice(0, MC_CHUNK_PATHS * nU) ?? [])).toEqual(
        Array.from(a[h]?.x ?? []),
      );
      expect(Array.from(whole[h]?.v.slice(MC_CHUNK_PATHS * nU) ?? [])).toEqual(
        Array.from(b[h]?.v ?? []),
      );
    }
    expect(() => simulateFactorsRange(model, [1], 42, 100, 200)).toThrow(/multiple of/);
    const r1 = monteCarloVar(book, model, { paths: 5000, seed: 1 });
    const r2 = monteCarloVar(book, model, { paths: 5000, seed: 1 });
    const r3 = monteCarloVar(book, model, { paths: 5000, seed: 2 });
    expect(r1.horizons).toEqual(r2.horizons);
    expect(r1.horizons[0]?.results[0]?.var).not.toBe(r3.horizons[0]?.results[0]?.var);
  });
  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    simulateFactorsRange(model, [1], 1, 0, 2 * MC_CHUNK_PATHS, { onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([MC_CHUNK_PATHS, 2 * MC_CHUNK_PATHS]);
    let calls = 0;
    expect(() =>
      simulateFactorsRange(model, [1], 1, 0, 4 * MC_CHUNK_PATHS, {
        isCancelled: () => ++calls > 2,
      }),
    ).toThrow(McCancelledError);
  });
  it('fat tails: the t copula and jumps raise the 99% VaR of a linear book', () => {
    const { file: lf, book: lb } = linearBook(6);
    const base = {
      volSource: 'implied' as const,
      correlation: syntheticCorrelation(lb.underlyings),
    };
    const g = buildFactorModel(lb.underlyings, lf.underlyings, undefined, base);
    const t = buildFactorModel(lb.underlyings, lf.underlyings, undefined, {
      ...base,
      copula: { kind: 'student-t', nu: 4 },
    });
    const j = buildFactorModel(lb.underlyings, lf.underlyings, undefined, {
      ...base,
      jumps: Object.fromEntries(
        lb.underlyings.map((u) => [u, { intensityPerYear: 20, meanLog: -0.08, volLog: 0.1 }]),
      ),
    });
    const v = (m: typeof g) =>
      monteCarloVar(lb, m, { paths: 40_000, horizonsDays: [1], confidences: [0.999] }).horizons[0]
        ?.results[0]?.var as number;
    expect(v(t)).toBeGreaterThan(v(g) * 1.05);
    expect(v(j)).toBeGreaterThan(v(g) * 1.05);
  });
});

describe('contributions', () => {
  it('component VaR and ES add up; incremental VaR of the only underlying is VaR', () => {
    const file = syntheticBook({ positions: 50, underlyings: 4, seed: 8 });
    const { book } = riskBookFromFile(file);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
      correlation: syntheticCorrelation(book.underlyings),
    });
    const r = monteCarloVar(book, model, { paths: 8192, horizonsDays: [1] });
    const h = r.horizons[0];
    h?.contributions.forEach((c, i) => {
      const sumVar = c.byUnderlying.reduce((s, x) => s + x.componentVar, 0);
      const sumEs = c.byUnderlying.reduce((s, x) => s + x.componentEs, 0);
      expect(sumVar).toBeCloseTo(h.results[i]?.var as number, 6);
      expect(sumEs).toBeCloseTo(h.results[i]?.es as number, 6);
    });
    const single = syntheticBook({ positions: 10, underlyings: 1, seed: 8 });
    const sb = riskBookFromFile(single).book;
    const sm = buildFactorModel(sb.underlyings, single.underlyings, undefined, {
      volSource: 'implied',
    });
    const sr = monteCarloVar(sb, sm, { paths: 4096, horizonsDays: [1], confidences: [0.99] })
      .horizons[0];
    expect(sr?.contributions[0]?.byUnderlying[0]?.incrementalVar).toBeCloseTo(
      sr?.results[0]?.var as number,
      6,
    );
  });
  it('tail-sampled position components add up to VaR and ES', () => {
    const file = syntheticBook({ positions: 30, underlyings: 3, seed: 12 });
    const { book, portfolio } = riskBookFromFile(file);
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    const h = monteCarloVar(book, model, { paths: 4096, horizonsDays: [1], byPosition: portfolio })
      .horizons[0];
    h?.positionContributions?.forEach((c, i) => {
      expect(c.sampledScenarios).toBeGreaterThan(0);
      expect(c.byPosition.reduce((s, x) => s + x.componentVar, 0)).toBeCloseTo(
        h.results[i]?.var as number,
        6,
      );
      expect(c.byPosition.reduce((s, x) => s + x.componentEs, 0)).toBeCloseTo(
        h.results[i]?.es as number,
        6,
      );
    });
  });
  it('implied vols convert with 252 trading days', () => {
    const { file, book } = linearBook(3);
    const m = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    expect(m.dailyVol[0]).toBeCloseTo(
      (file.underlyings[0]?.atmVol as number) / Math.sqrt(TRADING_DAYS_PER_YEAR),
      14,
    );
  });
});
