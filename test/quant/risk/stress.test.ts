import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../../shared/domain/book-file';
import { bsmPrice } from '../../../shared/quant/pricing/bsm';
import { positionLiquidity, riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { buildFactorModel, withCorrelationShock } from '../../../shared/quant/risk/factor-model';
import { replayShock } from '../../../shared/quant/risk/historical-replay';
import { readPriceColumn } from '../../../shared/quant/risk/price-series';
import { proportionalDirection, reverseStress } from '../../../shared/quant/risk/reverse-stress';
import {
  parseScenario,
  ScenarioError,
  type ShockScenario,
} from '../../../shared/quant/risk/scenario-schema';
import { expandGrid, runStress } from '../../../shared/quant/risk/stress';

const DIR = `${process.cwd()}/assets/scenarios`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (name: string) =>
  parseScenario(JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')), name);
const SAMPLE = readFileSync(`${process.cwd()}/test/fixtures/books/sample-book.json`, 'utf8');
const sample = (): BookFile => JSON.parse(SAMPLE) as BookFile;

function closes(file: string, column: string) {
  const s = readPriceColumn(readFileSync(`${process.cwd()}/assets/data/${file}`, 'utf8'), column);
  return s.tsMs.map((tsMs, i) => ({ tsMs, close: s.closes[i] as number }));
}

describe('scenario library (assets/scenarios)', () => {
  it('every file validates and its id is its file name', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) expect(load(f).id).toBe(f.replace(/\.json$/, ''));
  });

  it('historical replays match the peak-to-trough moves recomputed from the bundled data', () => {
    const series = {
      BTC: closes('btc_usd_daily_2015-2026.csv', 'price'),
      MSTR: closes('mstr_daily_with_btc_holdings_2020-2026.csv', 'close'),
    };
    let checked = 0;
    for (const f of files) {
      const s = load(f);
      if (s.kind !== 'historical' || !s.window) continue;
      for (const u of ['BTC', 'MSTR'] as const) {
        const shock = s.shocks[u];
        if (!shock || !s.source.includes(`${u}: assets/data/`)) continue;
        const r = replayShock(series[u], s.window.from, s.window.to);
        expect(shock.spot).toBeCloseTo(r.spot, 4);
        expect(shock.vol).toBeCloseTo(r.vol, 4);
        checked++;
      }
    }
    expect(checked).toBe(5); // COVID BTC, winter BTC+MSTR, FTX BTC+MSTR
  });

  it('bad scenarios are rejected with the file name and the field', () => {
    const base = {
      id: 'x',
      name: 'x',
      description: '',
      source: '',
      kind: 'hypothetical',
      shocks: {},
    };
    expect(() => parseScenario({ ...base, shocks: { BTC: { spot: -1.5 } } }, 'bad.json')).toThrow(
      /bad\.json: invalid scenario: shocks\.BTC\.spot/,
    );
    expect(() => parseScenario({ ...base, id: 'Bad Id' })).toThrow(ScenarioError);
    expect(() => parseScenario({ ...base, kind: 'other' })).toThrow(/kind/);
    expect(() => parseScenario({ ...base, shocks: { BTC: { spot: -0.1, typo: 1 } } })).toThrow(
      /invalid scenario/,
    );
  });
});

describe('stress revaluation', () => {
  const file = sample();
  const input = riskBookFromFile(file);
  const { book, portfolio } = input;

  it('linear positions move exactly with spot; options reprice with the library pricer', () => {
    const sc: ShockScenario = {
      id: 't',
      name: 't',
      description: '',
      source: '',
      kind: 'custom',
      shocks: { BTC: { spot: -0.2, vol: 0.3 }, MSTR: { spot: 0.1 } },
    };
    const r = runStress(book, portfolio, sc);
    const btcSpot = file.underlyings.find((u) => u.underlying === 'BTC')?.spot as number;
    const spotPos = r.byPosition.find((p) => p.positionId === 'pos-btc-spot');
    expect(spotPos?.pnlUsd).toBeCloseTo(3 * btcSpot * -0.2, 6);
    // The Deribit put (European, coin-settled): USD value = BSM(rate = basis, q = 0).
    const i = portfolio.positionIds.indexOf('pos-btc-put');
    const args = {
      type: 'put' as const,
      strike: 60000,
      tYears: portfolio.tYears[i] as number,
      rate: portfolio.rate[i] as number,
      carryYield: 0,
    };
    const v0 = bsmPrice({ ...args, spot: btcSpot, volAnnual: portfolio.volAnnual[i] as number });
    const v1 = bsmPrice({
      ...args,
      spot: btcSpot * 0.8,
      volAnnual: (portfolio.volAnnual[i] as number) * 1.3,
    });
    expect(r.byPosition.find((p) => p.positionId === 'pos-btc-put')?.pnlUsd).toBeCloseTo(
      -5 * (v1 - v0),
      6,
    );
    const sum = r.byUnderlying.reduce((s, x) => s + x.pnlUsd, 0);
    expect(sum).toBeCloseTo(r.pnlUsd, 6);
    expect(r.shocks.find((s) => s.underlying === 'QQQ')?.from).toBe('none');
  });

  it('proxies, defaults and liquidity cost', () => {
    const lehman = load('hist-2008-lehman.json') as ShockScenario;
    const r = runStress(book, portfolio, lehman);
    const mstr = r.shocks.find((s) => s.underlying === 'MSTR');
    expect(mstr?.from).toMatch(/proxy of QQQ/);
    expect(Math.log1p(mstr?.spot as number)).toBeCloseTo(1.5 * Math.log1p(-0.39), 12);
    const liq = load('hypo-liquidity-crisis.json') as ShockScenario;
    const lr = runStress(book, portfolio, liq, positionLiquidity(input));
    const l = positionLiquidity(input);
    let expected = 0;
    for (let k = 0; k < portfolio.n; k++) {
      const half = Number.isFinite(l.halfSpreadRel[k])
        ? (l.halfSpreadRel[k] as number)
        : portfolio.model[k] === 1
          ? 0.025
          : 0.0005;
      expected += (l.valueUsd[k] as number) * half * 5;
    }
    expect(lr.liquidityCostUsd).toBeCloseTo(expected, 6);
    expect(lr.pnlUsd).toBeCloseTo(lr.revaluationPnlUsd - expected, 6);
  });

  it('the IB-style grid has 7 x 7 x 5 nodes; a linear book is linear in the spot axis', () => {
    const grid = load('ib-grid.json');
    if (grid.kind !== 'grid') throw new Error('ib-grid is not a grid');
    const nodes = expandGrid(grid);
    expect(nodes.length).toBe(245);
    const lin = sample();
    const ids = new Set(lin.instruments.filter((i) => i.kind !== 'option').map((i) => i.id));
    lin.positions = lin.positions.filter((p) => ids.has(p.instrumentId));
    const li = riskBookFromFile(lin);
    const exposure = li.book.linearUsd.reduce((a, b) => a + b, 0);
    for (const n of nodes.slice(0, 7)) {
      const spot = n.default?.spot as number;
      expect(runStress(li.book, li.portfolio, n).pnlUsd).toBeCloseTo(exposure * spot, 6);
    }
  });
});

describe('reverse stress', () => {
  const file = sample();
  const { book } = riskBookFromFile(file);
  it('finds the smallest proportional move that loses the target', () => {
    const nU = book.underlyings.length;
    const down = reverseStress(book, 50_000, proportionalDirection(nU, -1));
    expect(down.found).toBe(true);
    expect(down.lossUsd).toBeCloseTo(50_000, 3);
    const t = down.t as number;
    expect(down.moves?.[0]?.spot).toBeCloseTo(Math.expm1(-t), 12);
    // Smallest: no smaller shock along the direction reaches the target.
    expect(
      reverseStress(book, 50_000, proportionalDirection(nU, -1), { tMax: t * 0.999, steps: 50 })
        .found,
    ).toBe(false);
    // A loss beyond anything reachable is reported, not invented.
    const huge = reverseStress(book, 1e12, proportionalDirection(nU, -1));
    expect(huge.found).toBe(false);
    expect(huge.maxLossUsd).toBeGreaterThan(50_000);
  });
  it('rejects a non-positive target', () => {
    expect(() => reverseStress(book, 0, proportionalDirection(3, 1))).toThrow(/target loss/);
  });
});

describe('correlation shocks', () => {
  it('sets the pair and repairs an impossible matrix', () => {
    const file = sample();
    const { book } = riskBookFromFile(file);
    const m = buildFactorModel(book.underlyings, file.underlyings, file.history);
    const s = withCorrelationShock(m, [
      { a: 'MSTR', b: 'BTC', value: 0.95 },
      { a: 'MSTR', b: 'ETH', value: 0.5 },
    ]);
    const i = book.underlyings.indexOf('MSTR');
    const j = book.underlyings.indexOf('BTC');
    expect(s.correlation[i * 3 + j]).toBeCloseTo(0.95, 12);
    expect(s.notes.some((n) => n.includes('MSTR-ETH skipped'))).toBe(true);
    const bad = withCorrelationShock(m, [
      { a: 'MSTR', b: 'BTC', value: 0.99 },
      { a: 'MSTR', b: 'QQQ', value: -0.99 },
      { a: 'BTC', b: 'QQQ', value: 0.99 },
    ]);
    expect(bad.notes.some((n) => n.includes('not positive definite'))).toBe(true);
  });
});
