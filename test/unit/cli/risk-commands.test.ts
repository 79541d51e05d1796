import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';

const ROOT = process.cwd();
const BTC = `${ROOT}/assets/data/btc_usd_daily_2015-2026.csv`;
const MSTR = `${ROOT}/assets/data/mstr_daily_with_btc_holdings_2020-2026.csv`;
const BOOK = `${ROOT}/test/fixtures/books/sample-book.json`;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr });
  stdout.end();
  stderr.end();
  return {
    code,
    out: Buffer.concat(out).toString('utf8'),
    err: Buffer.concat(err).toString('utf8'),
  };
}

function json<T>(text: string): T {
  expect(text).not.toMatch(/NaN|Infinity/);
  expect(text.trim().split('\n').length).toBe(1);
  return JSON.parse(text) as T;
}

interface SeriesOut {
  n: number;
  results: { confidence: number; var: number; es: number }[];
}

describe('cerberus var series', () => {
  it('prints the documented shape with the order-statistic definition', async () => {
    const r = await cli([
      'var',
      'series',
      '--file',
      BTC,
      '--column',
      'price',
      '--confidence',
      '0.95,0.99',
      '--window',
      '250',
    ]);
    expect(r.code).toBe(0);
    const j = json<SeriesOut>(r.out);
    expect(Object.keys(j)).toEqual(['n', 'results']);
    expect(j.n).toBe(250);
    expect(j.results.map((x) => x.confidence)).toEqual([0.95, 0.99]);
    for (const x of j.results) {
      expect(Object.keys(x)).toEqual(['confidence', 'var', 'es']);
      expect(x.es).toBeGreaterThanOrEqual(x.var);
    }
  });
  it('reads the MSTR file (newest first) and uses every return with --window all', async () => {
    const j = json<SeriesOut>(
      (
        await cli([
          'var',
          'series',
          '--file',
          MSTR,
          '--column',
          'close',
          '--confidence',
          '0.99',
          '--window',
          'all',
        ])
      ).out,
    );
    expect(j.n).toBe(1477);
  });
  it('bad arguments exit 2 with a JSON error', async () => {
    for (const args of [
      ['var', 'series', '--file', BTC, '--column', 'nope'],
      ['var', 'series', '--file', '/no/such.csv'],
      ['var', 'series', '--file', BTC, '--confidence', '1.5'],
      ['var', 'series', '--file', BTC, '--window', '99999'],
      ['var', 'series', '--file', BTC, '--method', 'magic'],
      ['var', 'nothing'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.err.trim().split('\n')[0] as string)).toHaveProperty('error');
    }
  });
});

interface BookOut {
  method: string;
  currency: string;
  results: {
    horizonDays: number;
    confidence: number;
    var: number;
    es: number;
    distribution?: string;
  }[];
  contributions?: {
    horizonDays: number;
    confidence: number;
    byUnderlying: { underlying: string; componentVar: number }[];
  }[];
  approximationError?: { varErrorBoundRelative: number };
  paths?: number;
  seed?: number;
}

describe('cerberus var book', () => {
  it('historical (default) in USD with contributions per underlying', async () => {
    const j = json<BookOut>((await cli(['var', 'book', '--book', BOOK, '--horizon', '1,10'])).out);
    expect(j.method).toBe('historical');
    expect(j.currency).toBe('USD');
    expect(j.results.length).toBe(4);
    const c = j.contributions?.find((x) => x.horizonDays === 1 && x.confidence === 0.99);
    const v = j.results.find((x) => x.horizonDays === 1 && x.confidence === 0.99)?.var as number;
    expect(c?.byUnderlying.reduce((s, x) => s + x.componentVar, 0)).toBeCloseTo(v, 4);
  });
  it('--by-position splits each entry by position', async () => {
    const j = json<{
      results: { var: number }[];
      contributions: { byPosition: { positionId: string; componentVar: number }[] }[];
    }>(
      (
        await cli([
          'var',
          'book',
          '--book',
          BOOK,
          '--horizon',
          '1',
          '--confidence',
          '0.99',
          '--by-position',
        ])
      ).out,
    );
    const c = j.contributions[0];
    expect(c?.byPosition.length).toBe(10);
    expect(c?.byPosition.reduce((s, x) => s + x.componentVar, 0)).toBeCloseTo(
      j.results[0]?.var as number,
      4,
    );
  });
  it('Monte Carlo is seeded and reports the approximation error', async () => {
    const args = [
      'var',
      'book',
      '--book',
      BOOK,
      '--method',
      'montecarlo',
      '--paths',
      '8192',
      '--seed',
      '7',
      '--horizon',
      '1',
    ];
    const a = json<BookOut>((await cli(args)).out);
    const b = json<BookOut>((await cli(args)).out);
    expect(a).toEqual(b);
    expect(a.paths).toBe(8192);
    expect(a.seed).toBe(7);
    expect(a.approximationError?.varErrorBoundRelative).toBeLessThan(0.01);
  });
  it('parametric: normal, Cornish-Fisher and Student-t rows', async () => {
    const j = json<BookOut>(
      (await cli(['var', 'book', '--book', BOOK, '--method', 'parametric', '--horizon', '1'])).out,
    );
    expect(new Set(j.results.map((r) => r.distribution))).toEqual(
      new Set(['normal', 'cornish-fisher', 'student-t']),
    );
  });
  it('a book with an unknown instrument is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerberus-risk-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...JSON.parse(readFileSync(BOOK, 'utf8')),
        positions: [
          {
            id: 'p',
            accountId: 'acc-ib',
            instrumentId: 'ib:NOPE',
            quantity: 1,
            avgPrice: 1,
            openedMs: 0,
            leverage: 1,
          },
        ],
      }),
    );
    const r = await cli(['var', 'book', '--book', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown instrument \\"ib:NOPE\\"/);
    const noHist = join(dir, 'nohist.json');
    const book = JSON.parse(readFileSync(BOOK, 'utf8')) as Record<string, unknown>;
    delete book.history;
    writeFileSync(noHist, JSON.stringify(book));
    const h = await cli(['var', 'book', '--book', noHist, '--method', 'historical']);
    expect(h.code).toBe(2);
    expect(h.err).toMatch(/no history/);
  });
});

interface StressOut {
  scenarios: {
    id: string;
    pnlUsd: number;
    byUnderlying: { underlying: string; pnlUsd: number }[];
  }[];
  grids: { id: string; pnlUsd: number[][][]; worst: { pnlUsd: number } }[];
  reverse?: { found: boolean; lossUsd?: number }[];
}

describe('cerberus stress', () => {
  it('all scenarios sorted by loss, per-underlying breakdown, grid and reverse stress', async () => {
    const r = await cli(['stress', '--book', BOOK, '--reverse', '40000']);
    expect(r.code).toBe(0);
    const j = json<StressOut>(r.out);
    expect(j.scenarios.length).toBe(8);
    for (let i = 1; i < j.scenarios.length; i++)
      expect(j.scenarios[i]?.pnlUsd).toBeGreaterThanOrEqual(j.scenarios[i - 1]?.pnlUsd as number);
    expect(j.scenarios[0]?.byUnderlying.map((b) => b.underlying).sort()).toEqual([
      'BTC',
      'MSTR',
      'QQQ',
    ]);
    expect(j.grids[0]?.pnlUsd.length).toBe(5);
    expect(j.reverse?.some((x) => x.found && Math.abs((x.lossUsd as number) - 40000) < 1e-3)).toBe(
      true,
    );
  });
  it('one scenario by name; unknown names list the choices', async () => {
    const j = json<StressOut>(
      (await cli(['stress', '--book', BOOK, '--scenario', 'hypo-btc-minus-50'])).out,
    );
    expect(j.scenarios.map((s) => s.id)).toEqual(['hypo-btc-minus-50']);
    const bad = await cli(['stress', '--book', BOOK, '--scenario', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/available: .*hist-2008-lehman/);
  });
});

describe('cerberus backtest var', () => {
  it('prints breaches, Kupiec and Christoffersen statistics with p-values, and the traffic light', async () => {
    const r = await cli([
      'backtest',
      'var',
      '--file',
      BTC,
      '--column',
      'price',
      '--window',
      '250',
      '--confidence',
      '0.99',
    ]);
    expect(r.code).toBe(0);
    const j = json<{
      days: number;
      breaches: number;
      kupiec: { lr: number; pValue: number };
      christoffersen: { independence: { pValue: number }; conditionalCoverage: { pValue: number } };
      trafficLight: { zone: string };
      breachLog: { date: string }[];
    }>(r.out);
    expect(j.days).toBe(4062 - 1 - 250);
    expect(j.breachLog.length).toBe(j.breaches);
    expect(j.breachLog[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of [
      j.kupiec.pValue,
      j.christoffersen.independence.pValue,
      j.christoffersen.conditionalCoverage.pValue,
    ]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(['green', 'yellow', 'red']).toContain(j.trafficLight.zone);
  });
  it('backtests the book on its history', async () => {
    const j = json<{ source: string; days: number }>(
      (await cli(['backtest', 'var', '--book', BOOK, '--window', '250'])).out,
    );
    expect(j.source).toMatch(/hypothetical P&L/);
    expect(j.days).toBe(599 - 250);
  });
  it('needs the var subcommand', async () => {
    expect((await cli(['backtest', 'pnl'])).code).toBe(2);
  });
});
