import { PassThrough } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { main } from '../../../src-main/cli/main';
import { basisCliOutput } from '../../../src-main/cli/commands/basis.command';
import { analyzeBasis } from '../../../shared/quant/basis/analyze';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';

const MSTR = 'assets/data/mstr_daily_with_btc_holdings_2020-2026.csv';
const BTC = 'assets/data/btc_usd_daily_2015-2026.csv';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(['basis', ...args], { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

describe('cerberus basis (in-process, real file)', () => {
  it('prints one JSON object with the documented camelCase keys and no NaN', async () => {
    const { code, out, err } = await run(['--file', MSTR]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).not.toMatch(/NaN|Infinity/);
    const json = JSON.parse(out) as Record<string, unknown>;
    for (const key of [
      'mNav',
      'enterpriseMNav',
      'premium',
      'btcPerShare',
      'ou',
      'adf',
      'engleGranger',
      'beta',
      'correlation',
      'tailDependence',
      'impliedLeverage',
      'hedgeRatio',
      'riskScore',
      'warnings',
      'asOf',
      'n',
    ]) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json.asOf).toBe('2026-06-29');
    expect(json.n).toBe(1478);
    expect(json.lookbackDays).toBe(252);
    const ou = json.ou as Record<string, number>;
    for (const k of ['speed', 'mean', 'volatility', 'halfLifeDays', 'zScore'])
      expect(typeof ou[k], k).toBe('number');
    const eg = json.engleGranger as Record<string, number>;
    expect(typeof eg.statistic).toBe('number');
    expect(eg.pValue).toBeGreaterThanOrEqual(0);
    expect(eg.pValue).toBeLessThanOrEqual(1);
    expect(json.riskScore).toBeGreaterThanOrEqual(0);
    expect(json.riskScore).toBeLessThanOrEqual(100);
    expect(json).not.toHaveProperty('series');
  });

  it('honours --lookback, --asof and --btc-file', async () => {
    const { code, out } = await run([
      '--file',
      MSTR,
      '--lookback',
      '120',
      '--asof',
      '2025-06-30',
      '--btc-file',
      BTC,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      asOf: string;
      lookbackDays: number;
      ou: { nObs: number };
      warnings: { code: string }[];
    };
    expect(json.asOf).toBe('2025-06-30');
    expect(json.lookbackDays).toBe(120);
    expect(json.ou.nObs).toBe(120);
    // The BTC file covers every MSTR date up to 2025-06-30: no fallback to the MSTR file's btc_price.
    expect(json.warnings.map((w) => w.code)).not.toContain('data.btcPriceFallback');
  });

  it('usage errors exit 2 with a JSON error on stderr; data errors exit 1', async () => {
    const cases: [string[], number, RegExp][] = [
      [[], 2, /--file is required/],
      [['--file', MSTR, '--lookback', '10'], 2, /--lookback must be between 30 and 10000/],
      [['--file', MSTR, '--asof', '2025-02-30'], 2, /--asof is not a valid date/],
      [['--file', MSTR, '--bogus', '1'], 2, /unknown option --bogus/],
      [['--file', 'no/such/file.csv'], 2, /cannot read --file no\/such\/file.csv: ENOENT/],
      [['--file', MSTR, '--asof', '2019-01-01'], 1, /no MSTR rows on or before 2019-01-01/],
      [['--file', BTC], 1, /MSTR CSV lacks a "close" column/],
    ];
    for (const [args, want, message] of cases) {
      const { code, out, err } = await run(args);
      expect(code, args.join(' ')).toBe(want);
      expect(out).toBe('');
      expect((JSON.parse(err.trim().split('\n')[0] as string) as { error: string }).error).toMatch(
        message,
      );
    }
  });

  it('the output guard turns a non-finite number into null with a warning', () => {
    const report = analyzeBasis({
      mstr: parseMstrDailyCsv(readFileSync(MSTR, 'utf8')),
      lookbackDays: 252,
    });
    const broken = { ...report, mNav: NaN, beta: { ...report.beta, ewma: Infinity } };
    const out = basisCliOutput(broken);
    expect(out.mNav).toBeNull();
    expect((out.beta as { ewma: unknown }).ewma).toBeNull();
    const messages = (out.warnings as { message: string }[]).map((w) => w.message);
    expect(messages).toContain('mNav is not a finite number');
    expect(messages).toContain('beta.ewma is not a finite number');
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });
});
