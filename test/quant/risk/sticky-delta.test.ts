import { describe, expect, it } from 'vitest';
import { bsmPrice } from '../../../shared/quant/pricing/bsm';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { buildFactorModel } from '../../../shared/quant/risk/factor-model';
import { revalueRange } from '../../../shared/quant/risk/mc-revalue';
import { simulateFactorsRange } from '../../../shared/quant/risk/mc-simulate';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import type { ShockScenario } from '../../../shared/quant/risk/scenario-schema';
import { withStickyDelta, type RiskSmile } from '../../../shared/quant/risk/sticky-delta';
import { runStress } from '../../../shared/quant/risk/stress';
import { varEsFromPnl } from '../../../shared/quant/risk/tail-measures';
import { AS_OF, optionBook, sviSlice, sviSmileOf, sviVol, type UnderlyingSpec } from './smile-book';

const BTC: UnderlyingSpec = { name: 'BTC', spot: 90_000, rate: 0.03, carryYield: 0, atmVol: 0.55 };
const MSTR: UnderlyingSpec = { name: 'MSTR', spot: 200, rate: 0.04, carryYield: 0, atmVol: 0.8 };
const DAYS = [14, 45, 120];

function shock(spot: number, vol = 0): ShockScenario {
  return {
    id: `s${spot}`,
    name: `spot ${spot}`,
    description: '',
    source: '',
    kind: 'hypothetical',
    shocks: {},
    default: { spot, vol },
  };
}

/** A long-vega book: strangles on BTC at several expiries, with vols read off the smile. */
function longVegaBook(smile: RiskSmile) {
  const options = DAYS.flatMap((days, i) => {
    const slice = smile.slices[i]!;
    return [0.85, 1, 1.15].flatMap((m) => {
      const strike = Math.round(BTC.spot * m);
      const k = Math.log(strike / slice.forward);
      return (['call', 'put'] as const).map((right) => ({
        underlying: 'BTC',
        right,
        strike,
        days,
        quantity: 2,
        iv: sviVol(slice, k),
      }));
    });
  });
  return optionBook([BTC], options);
}

describe('sticky-delta spot moves', () => {
  it('one option: the vol is read at the moved moneyness k0 - x on the smile (BSM by hand)', () => {
    const slice = sviSlice(BTC, 45, -0.6);
    const smile = { underlying: 'BTC', asOfMs: AS_OF, spot: BTC.spot, slices: [slice] };
    const strike = 80_000;
    const k0 = Math.log(strike / slice.forward);
    const file = optionBook(
      [BTC],
      [{ underlying: 'BTC', right: 'put', strike, days: 45, quantity: 3, iv: sviVol(slice, k0) }],
    );
    const base = riskBookFromFile(file);
    const sticky = withStickyDelta(base.book, [smile], AS_OF);
    expect(sticky.covered).toEqual(['BTC']);
    for (const x of [-0.25, -0.1, 0.1, 0.2]) {
      const spot = BTC.spot * Math.exp(x);
      const vol = sviVol(slice, k0 - x);
      const inputs = { type: 'put' as const, strike, tYears: slice.tYears, rate: BTC.rate };
      const expected =
        3 *
        (bsmPrice({ ...inputs, spot, carryYield: 0, volAnnual: vol }) -
          bsmPrice({ ...inputs, spot: BTC.spot, carryYield: 0, volAnnual: sviVol(slice, k0) }));
      const r = runStress(sticky.book, base.portfolio, shock(Math.expm1(x)));
      expect(r.pnlUsd).toBeCloseTo(expected, 6);
    }
  });

  it('a flat smile gives exactly the sticky-strike numbers (stress and Monte Carlo grid)', () => {
    const flat = sviSmileOf(BTC, DAYS, 0, false);
    const file = longVegaBook(flat);
    const { book, portfolio } = riskBookFromFile(file);
    const sticky = withStickyDelta(book, [flat], AS_OF).book;
    for (const s of [-0.4, -0.1, 0.15, 0.3]) {
      const a = runStress(book, portfolio, shock(s, 0.2));
      const b = runStress(sticky, portfolio, shock(s, 0.2));
      expect(b.pnlUsd).toBe(a.pnlUsd);
    }
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    const opts = { paths: 2048, horizonsDays: [10], confidences: [0.99], seed: 4 };
    const strike = monteCarloVar(book, model, opts).horizons[0]!.results[0]!;
    const delta = monteCarloVar(sticky, model, opts).horizons[0]!.results[0]!;
    expect(delta.var).toBe(strike.var);
    expect(delta.es).toBe(strike.es);
  });

  it('negative skew: a long-vega book loses more on a fall and gains more on a rise', () => {
    const skew = sviSmileOf(BTC, DAYS, -0.7);
    const file = longVegaBook(skew);
    const { book, portfolio } = riskBookFromFile(file);
    const sticky = withStickyDelta(book, [skew], AS_OF).book;
    // The vol of every strike falls when spot falls (k moves up the negative skew), so the long
    // strangles are worth less than with their vols held; the reverse on a rise.
    for (const s of [-0.3, -0.1]) {
      const ss = runStress(book, portfolio, shock(s)).pnlUsd;
      const sd = runStress(sticky, portfolio, shock(s)).pnlUsd;
      expect(sd).toBeLessThan(ss - 1);
    }
    for (const s of [0.1, 0.3]) {
      const ss = runStress(book, portfolio, shock(s)).pnlUsd;
      const sd = runStress(sticky, portfolio, shock(s)).pnlUsd;
      expect(sd).toBeGreaterThan(ss + 1);
    }
    // No spot move, no difference (a pure vol shock moves both alike).
    expect(runStress(sticky, portfolio, shock(0, 0.3)).pnlUsd).toBeCloseTo(
      runStress(book, portfolio, shock(0, 0.3)).pnlUsd,
      9,
    );
  });

  it('an underlying without a smile stays sticky-strike and is reported', () => {
    const skew = sviSmileOf(BTC, DAYS, -0.7);
    const file = optionBook(
      [BTC, MSTR],
      [
        { underlying: 'BTC', right: 'put', strike: 80_000, days: 45, quantity: 1, iv: 0.6 },
        { underlying: 'MSTR', right: 'put', strike: 180, days: 45, quantity: 10, iv: 0.85 },
      ],
    );
    const { book, portfolio } = riskBookFromFile(file);
    const sticky = withStickyDelta(book, [skew], AS_OF);
    expect(sticky.covered).toEqual(['BTC']);
    expect(sticky.missing).toEqual(['MSTR']);
    const a = runStress(book, portfolio, shock(-0.2));
    const b = runStress(sticky.book, portfolio, shock(-0.2));
    const mstr = (r: typeof a) => r.byUnderlying.find((x) => x.underlying === 'MSTR')?.pnlUsd;
    expect(mstr(b)).toBe(mstr(a));
  });

  it('the fast grid is measured against sticky-delta full revaluation and stays within 0.1%', () => {
    const skew = sviSmileOf(BTC, DAYS, -0.7);
    const file = longVegaBook(skew);
    const { book } = riskBookFromFile(file);
    const sticky = withStickyDelta(book, [skew], AS_OF).book;
    const model = buildFactorModel(sticky.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
    });
    const paths = 4096;
    const res = monteCarloVar(sticky, model, {
      paths,
      horizonsDays: [1, 10],
      confidences: [0.95, 0.99],
      seed: 9,
      keepPnl: true,
    });
    const factors = simulateFactorsRange(model, [1, 10], 9, 0, paths);
    res.horizons.forEach((h, hi) => {
      const full = new Float64Array(paths);
      revalueRange(
        { scheme: 'full', book: sticky, move: { volAddAbs: 0, rateShift: 0, dtYears: 0 } },
        factors[hi]!,
        1,
        full,
        undefined,
      );
      const exact = varEsFromPnl(full, [0.95, 0.99]);
      const bound = h.approximationError?.varErrorBoundUsd as number;
      h.results.forEach((r, i) => {
        const e = exact[i]!;
        expect(Math.abs(r.var - e.var)).toBeLessThanOrEqual(bound);
        expect(Math.abs(r.es - e.es)).toBeLessThanOrEqual(bound);
        expect(Math.abs(r.var / e.var - 1)).toBeLessThan(0.001);
      });
    });
  });
});
