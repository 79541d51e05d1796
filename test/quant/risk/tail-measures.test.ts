import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPriceColumn, PriceSeriesError } from '../../../shared/quant/risk/price-series';
import { historicalSeriesVar } from '../../../shared/quant/risk/series-var';
import {
  ewmaAgeWeights,
  kthSmallestInPlace,
  varEsFromLosses,
  varEsFromPnl,
  weightedVarEs,
} from '../../../shared/quant/risk/tail-measures';

const BTC_CSV = readFileSync(`${process.cwd()}/assets/data/btc_usd_daily_2015-2026.csv`, 'utf8');

/** Independent reference: parse the CSV by hand, sort, index, average (no shared code). */
function referenceVarEs(window: number | 'all', a: number): { n: number; var: number; es: number } {
  const lines = BTC_CSV.trim().split('\n').slice(1);
  const prices = lines.map((l) => Number(l.split(',')[1]));
  const losses: number[] = [];
  for (let i = 1; i < prices.length; i++)
    losses.push(-Math.log((prices[i] as number) / (prices[i - 1] as number)));
  const used = window === 'all' ? losses : losses.slice(losses.length - window);
  const sorted = [...used].sort((x, y) => x - y);
  const n = sorted.length;
  // k = ceil(a n) computed in integers: a given as a fraction of 1000.
  const k = Math.ceil((Math.round(a * 1000) * n) / 1000);
  const v = sorted[k - 1] as number;
  const tail = sorted.filter((x) => x >= v);
  return { n, var: v, es: tail.reduce((s, x) => s + x, 0) / tail.length };
}

describe('historical VaR/ES of the BTC daily series (order statistic definition)', () => {
  const series = readPriceColumn(BTC_CSV, 'price');
  for (const window of [250, 500, 1000, 'all'] as const) {
    it(`window ${window}: equals the ceil(a n)-th smallest loss and the mean beyond it`, () => {
      const got = historicalSeriesVar(series.closes, [0.95, 0.975, 0.99], window);
      for (const r of got.results) {
        const ref = referenceVarEs(window, r.confidence);
        expect(got.n).toBe(ref.n);
        expect(r.var).toBe(ref.var);
        expect(r.es).toBeCloseTo(ref.es, 14);
      }
    });
  }

  it('reads the newest-first MSTR file in date order', () => {
    const text = readFileSync(
      `${process.cwd()}/assets/data/mstr_daily_with_btc_holdings_2020-2026.csv`,
      'utf8',
    );
    const s = readPriceColumn(text, 'close');
    expect(s.tsMs.length).toBe(s.closes.length);
    for (let i = 1; i < s.tsMs.length; i++)
      expect(s.tsMs[i]).toBeGreaterThan(s.tsMs[i - 1] as number);
    expect(s.closes[0]).toBeCloseTo(12.362, 10); // 2020-08-10, the last row of the file
  });

  it('rejects bad input with a clear message', () => {
    expect(() => readPriceColumn('date,price\n2020-01-01,10\n2020-01-02,0\n', 'price')).toThrow(
      /line 3: price must be > 0/,
    );
    expect(() => readPriceColumn('date,price\n2020-01-01,10\n2020-01-02,\n', 'price')).toThrow(
      /line 3: price is blank/,
    );
    expect(() => readPriceColumn('date,price\n2020-01-01,10\n', 'close')).toThrow(
      /no column "close"/,
    );
    expect(() => readPriceColumn('date,price\n', 'price')).toThrow(PriceSeriesError);
    expect(() => readPriceColumn('date,price\n2020-01-01,10\n2020-01-01,11\n', 'price')).toThrow(
      /duplicate date/,
    );
    expect(() => historicalSeriesVar([100], [0.99])).toThrow(/at least 2 prices/);
    expect(() => historicalSeriesVar([100, 101, 102], [0.99], 5)).toThrow(/window 5 is longer/);
    expect(() => historicalSeriesVar([100, 101, 102], [1.2])).toThrow(/confidence/);
  });
});

describe('tail measure definitions', () => {
  it('hand example: 10 losses at 90% and 95%', () => {
    const losses = [5, -1, 3, 8, 2, 2, 9, 0, 4, 7];
    const [a90, a95] = varEsFromLosses(losses, [0.9, 0.95]);
    expect(a90).toEqual({ confidence: 0.9, var: 8, es: 8.5 }); // ceil(9) = 9th smallest = 8; mean(8, 9)
    expect(a95).toEqual({ confidence: 0.95, var: 9, es: 9 }); // ceil(9.5) = 10th
  });

  it('ties at VaR are all in ES', () => {
    const [r] = varEsFromLosses([1, 2, 3, 3, 3], [0.6]); // k = 3 -> VaR 3, ES mean of the three 3s
    expect(r).toEqual({ confidence: 0.6, var: 3, es: 3 });
  });

  it('P&L input is the mirror of losses', () => {
    const pnl = [1, -4, 2, -7, 0.5];
    expect(varEsFromPnl(pnl, [0.8])).toEqual(
      varEsFromLosses(
        pnl.map((x) => -x),
        [0.8],
      ),
    );
  });

  it('equal weights reproduce the order statistic; EWMA weights favour recent losses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.9, 0.95, 0.975, 0.99),
        (xs, a) => {
          const w = new Float64Array(xs.length).fill(1 / xs.length);
          const [plain] = varEsFromLosses(xs, [a]);
          const [weighted] = weightedVarEs(xs, w, [a]);
          expect(weighted?.var).toBe(plain?.var);
          expect(weighted?.es).toBeCloseTo(plain?.es as number, 10);
        },
      ),
      { numRuns: 200 },
    );
    const w = ewmaAgeWeights(100, 0.97);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    expect((w[99] as number) / (w[98] as number)).toBeCloseTo(1 / 0.97, 12);
    // One big recent loss moves weighted VaR more than an old one.
    const losses = new Array<number>(100).fill(0);
    losses[99] = 10;
    const recent = weightedVarEs(losses, w, [0.97])[0]?.var;
    losses[99] = 0;
    losses[0] = 10;
    const old = weightedVarEs(losses, w, [0.97])[0]?.var;
    expect(recent).toBe(10);
    expect(old).toBe(0);
  });

  it('quickselect equals sorting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.nat(),
        (xs, r) => {
          const k = (r % xs.length) + 1;
          const sorted = [...xs].sort((a, b) => a - b);
          expect(kthSmallestInPlace(Float64Array.from(xs), k)).toBe(sorted[k - 1]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects empty and non-finite samples', () => {
    expect(() => varEsFromLosses([], [0.99])).toThrow(/empty/);
    expect(() => varEsFromLosses([1, Number.NaN], [0.99])).toThrow(/not finite/);
    expect(() => weightedVarEs([1, 2], [0, 0], [0.9])).toThrow(/sum to zero/);
  });
});
