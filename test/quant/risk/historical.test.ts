import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../../shared/domain/book-file';
import {
  BookInputError,
  parseBookFile,
  riskBookFromFile,
  riskBookFromJson,
} from '../../../shared/quant/risk/book-input';
import { HistoryError } from '../../../shared/quant/risk/history-align';
import { historicalVar } from '../../../shared/quant/risk/historical-var';
import { filterReturns } from '../../../shared/quant/risk/vol-filter';

const SAMPLE = readFileSync(`${process.cwd()}/test/fixtures/books/sample-book.json`, 'utf8');
const sample = (): BookFile => JSON.parse(SAMPLE) as BookFile;

/** The sample book without its options (linear P&L has a closed form per scenario). */
function linearOnly(): BookFile {
  const b = sample();
  const linear = new Set(b.instruments.filter((i) => i.kind !== 'option').map((i) => i.id));
  b.positions = b.positions.filter((p) => linear.has(p.instrumentId));
  return b;
}

describe('historical VaR/ES by full revaluation', () => {
  it('linear book: equals an independent computation on the date-aligned closes', () => {
    const file = linearOnly();
    const { book } = riskBookFromFile(file);
    const res = historicalVar(book, file.history, {
      windowDays: 500,
      horizonsDays: [1, 10],
      confidences: [0.95, 0.99],
    });
    // Reference: common dates by string key, per-day USD P&L = sum_u E_u (P_t / P_{t-h} - 1).
    const byU = new Map(
      (file.history ?? []).map((h) => [
        h.underlying,
        new Map(h.points.map((p) => [p.tsMs, p.close])),
      ]),
    );
    const names = book.underlyings;
    const days = [...(byU.get(names[0] as string) as Map<number, number>).keys()]
      .filter((d) => names.every((u) => byU.get(u)?.has(d)))
      .sort((a, b) => a - b)
      .slice(-501);
    for (const h of [1, 10]) {
      const pnl: number[] = [];
      for (let t = h; t < days.length; t++) {
        let s = 0;
        names.forEach((u, k) => {
          const m = byU.get(u) as Map<number, number>;
          s +=
            (book.linearUsd[k] as number) *
            ((m.get(days[t] as number) as number) / (m.get(days[t - h] as number) as number) - 1);
        });
        pnl.push(s);
      }
      const losses = pnl.map((x) => -x).sort((a, b) => a - b);
      const hr = res.horizons.find((x) => x.horizonDays === h);
      expect(hr?.scenarios).toBe(500 - h + 1);
      for (const r of hr?.results ?? []) {
        const k = Math.ceil((Math.round(r.confidence * 100) * losses.length) / 100);
        const v = losses[k - 1] as number;
        const tail = losses.filter((x) => x >= v);
        expect(r.var).toBeCloseTo(v, 6);
        expect(r.es).toBeCloseTo(tail.reduce((a, b) => a + b, 0) / tail.length, 6);
      }
    }
  });

  it('options book: grid revaluation equals full revaluation within its reported bound', () => {
    const file = sample();
    const { book } = riskBookFromFile(file);
    const full = historicalVar(book, file.history, { horizonsDays: [1, 10] });
    const grid = historicalVar(book, file.history, { horizonsDays: [1, 10], revaluation: 'grid' });
    full.horizons.forEach((h, i) => {
      const g = grid.horizons[i];
      const bound = g?.approximationError?.varErrorBoundUsd as number;
      expect(bound).toBeLessThan(1e-3 * (h.results[0]?.var as number));
      h.results.forEach((r, j) => {
        expect(Math.abs(r.var - (g?.results[j]?.var as number))).toBeLessThanOrEqual(bound + 1e-9);
        expect(Math.abs(r.es - (g?.results[j]?.es as number))).toBeLessThanOrEqual(bound + 1e-9);
      });
    });
    expect(full.gaps).toEqual([]);
    expect(full.droppedDays.BTC).toBeGreaterThan(0); // weekends dropped onto the equity calendar
  });

  it('EWMA weights (lambda 1 = equal), sqrt scaling and filtered HS', () => {
    const file = sample();
    const { book } = riskBookFromFile(file);
    const equal = historicalVar(book, file.history, { horizonsDays: [1] });
    const flat = historicalVar(book, file.history, {
      horizonsDays: [1],
      weighting: 'ewma',
      weightLambda: 1,
    });
    expect(flat.horizons[0]?.results[1]?.var).toBeCloseTo(
      equal.horizons[0]?.results[1]?.var as number,
      9,
    );
    const ewma = historicalVar(book, file.history, {
      horizonsDays: [1],
      weighting: 'ewma',
      weightLambda: 0.97,
    });
    expect(ewma.weightLambda).toBe(0.97);
    expect(ewma.horizons[0]?.results[1]?.var).not.toBe(equal.horizons[0]?.results[1]?.var);
    const sq = historicalVar(book, file.history, { horizonsDays: [10], scaling: 'sqrt' });
    expect(sq.horizons[0]?.scenarios).toBe(500);
    for (const filter of ['ewma', 'garch'] as const) {
      const f = historicalVar(book, file.history, { horizonsDays: [1], filter });
      expect(f.filter).toBe(filter);
      expect(f.horizons[0]?.results[1]?.var).toBeGreaterThan(0);
    }
  });

  it('filtering leaves a constant-volatility series unchanged and rescales a vol step', () => {
    const r = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 0.01 : -0.01));
    filterReturns(r, 'ewma').forEach((x, i) => expect(x).toBeCloseTo(r[i] as number, 12));
    const step = Float64Array.from(
      { length: 400 },
      (_, i) => (i % 2 ? 1 : -1) * (i < 200 ? 0.01 : 0.04),
    );
    const f = filterReturns(step, 'ewma');
    expect(Math.abs(f[50] as number)).toBeGreaterThan(0.035); // calm days scaled up to today's vol
  });
});

describe('bad input gives clear errors', () => {
  it('no history, empty series, missing underlying, short window', () => {
    const file = sample();
    const { book } = riskBookFromFile(file);
    expect(() => historicalVar(book, undefined)).toThrow(HistoryError);
    expect(() => historicalVar(book, undefined)).toThrow(/no history/);
    const empty = (file.history ?? []).map((h) =>
      h.underlying === 'QQQ' ? { ...h, points: [] } : h,
    );
    expect(() => historicalVar(book, empty)).toThrow(/history of QQQ is empty/);
    expect(() =>
      historicalVar(
        book,
        (file.history ?? []).filter((h) => h.underlying !== 'MSTR'),
      ),
    ).toThrow(/no history for underlying MSTR/);
    expect(() => historicalVar(book, file.history, { windowDays: 5000 })).toThrow(
      /the window needs 5000/,
    );
  });

  it('zero prices are rejected by the book schema and by the aligner', () => {
    const file = sample();
    const bad = JSON.parse(SAMPLE) as { history: { points: { close: number }[] }[] };
    (bad.history[0]?.points[3] as { close: number }).close = 0;
    expect(() => parseBookFile(bad)).toThrow(BookInputError);
    expect(() => parseBookFile(bad)).toThrow(/history\.0\.points\.3\.close/);
    const { book } = riskBookFromFile(file);
    const zero = (file.history ?? []).map((h) =>
      h.underlying === 'BTC'
        ? { ...h, points: h.points.map((p, i) => (i === 700 ? { ...p, close: 0 } : p)) }
        : h,
    );
    expect(() => historicalVar(book, zero)).toThrow(/close on .* must be > 0/);
  });

  it('gaps are reported, not hidden', () => {
    const file = sample();
    const { book } = riskBookFromFile(file);
    const gappy = (file.history ?? []).map((h) =>
      h.underlying === 'MSTR' ? { ...h, points: h.points.filter((_, i) => i < 300 || i > 310) } : h,
    );
    const res = historicalVar(book, gappy, { windowDays: 400 });
    expect(res.gaps.length).toBe(1);
    expect(res.gaps[0]?.underlying).toBe('MSTR');
    expect(res.gaps[0]?.calendarDays).toBeGreaterThan(10);
  });

  it('a book with an unknown instrument or an invalid shape', () => {
    const bad = JSON.parse(SAMPLE) as BookFile;
    (bad.positions[0] as { instrumentId: string }).instrumentId = 'ib:NOPE';
    expect(() => riskBookFromJson(bad)).toThrow(
      /positions\.0\.instrumentId: unknown instrument "ib:NOPE"/,
    );
    expect(() => riskBookFromJson({ format: 'cerberus.book' })).toThrow(/invalid book file/);
    const noMarket = JSON.parse(SAMPLE) as BookFile;
    noMarket.underlyings = noMarket.underlyings.filter((u) => u.underlying !== 'QQQ');
    expect(() => riskBookFromJson(noMarket)).toThrow(/no market for underlying "QQQ"/);
    const empty = JSON.parse(SAMPLE) as BookFile;
    empty.positions = [];
    expect(() => riskBookFromJson(empty)).toThrow(/no positions/);
  });
});

describe('per-position contributions (historical, exact)', () => {
  it('position components add up to VaR/ES and per-position P&L adds up to each underlying', () => {
    const file = sample();
    const { book, portfolio } = riskBookFromFile(file);
    const r = historicalVar(book, file.history, { horizonsDays: [1], byPosition: portfolio });
    const h = r.horizons[0];
    h?.positionContributions?.forEach((c, i) => {
      expect(c.byPosition.length).toBe(portfolio.n);
      expect(c.byPosition.reduce((s, x) => s + x.componentVar, 0)).toBeCloseTo(
        h.results[i]?.var as number,
        6,
      );
      expect(c.byPosition.reduce((s, x) => s + x.componentEs, 0)).toBeCloseTo(
        h.results[i]?.es as number,
        6,
      );
      // Positions of one underlying add up to the underlying's ES component.
      for (const u of h.contributions[i]?.byUnderlying ?? []) {
        const ids = new Set(
          portfolio.positionIds.filter(
            (_, k) => book.underlyings[portfolio.underlyingIndex[k] as number] === u.name,
          ),
        );
        const sum = c.byPosition
          .filter((x) => ids.has(x.name))
          .reduce((s, x) => s + x.componentEs, 0);
        expect(sum).toBeCloseTo(u.componentEs, 6);
      }
    });
  });
});
