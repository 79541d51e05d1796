import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliUsageError, type CliCommand } from '../../../src-main/cli/cli-command';
import { fundingCommand } from '../../../src-main/cli/commands/funding.command';
import { liqCommand } from '../../../src-main/cli/commands/liq.command';
import { main } from '../../../src-main/cli/main';

async function run(
  command: CliCommand,
  args: string[],
  stdinText = '',
): Promise<{ code: number; out: string }> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await command.run(args, { stdin, stdout, stderr: new PassThrough() });
  stdout.end();
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

function tempJson(value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cerberus-perps-'));
  const path = join(dir, 'input.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('cerberus liq', () => {
  it('Bybit isolated example: one JSON line with liquidationPrice 19,700, MM 100, ratio 4', async () => {
    const file = tempJson({
      venue: 'bybit',
      mode: 'isolated',
      contract: 'linear',
      positions: [{ side: 'long', size: 1, entryPrice: 20_000, leverage: 50 }],
      tiers: [{ floor: 0, mmr: 0.005 }],
    });
    const { code, out } = await run(liqCommand, ['--input', file]);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(out) as Record<string, unknown>;
    expect(j.liquidationPrice).toBeCloseTo(19_700, 9);
    expect(j.maintenanceMargin).toBe(100);
    expect(j.marginRatio).toBe(4);
    expect(j.level).toBe('safe');
  });

  it('Binance cross with two symbols reads stdin; per-symbol and per-position results; no NaN', async () => {
    const input = {
      venue: 'binance',
      mode: 'cross',
      contract: 'linear',
      walletBalance: 30_000,
      tiers: [
        { floor: 0, cap: 50_000, mmr: 0.004 },
        { floor: 50_000, cap: 250_000, mmr: 0.005 },
        { floor: 250_000, mmr: 0.01 },
      ],
      positions: [
        {
          symbol: 'BTCUSDT',
          side: 'long',
          size: 4,
          entryPrice: 60_000,
          markPrice: 61_000,
          leverage: 10,
        },
        {
          symbol: 'ETHUSDT',
          side: 'short',
          size: 50,
          entryPrice: 3_000,
          markPrice: 3_100,
          leverage: 10,
        },
      ],
    };
    const { code, out } = await run(liqCommand, ['--input', '-'], JSON.stringify(input));
    expect(code).toBe(0);
    expect(out).not.toMatch(/NaN|Infinity/);
    const j = JSON.parse(out) as {
      liquidationPrice: number;
      symbols: { symbol: string; liquidationPrice: number }[];
      positions: { liquidationPrice: number; tierIndex: number }[];
      marginRatio: number;
    };
    expect(j.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(j.liquidationPrice).toBe(j.symbols[0]?.liquidationPrice);
    expect(j.positions[1]?.liquidationPrice).toBe(j.symbols[1]?.liquidationPrice);
    expect(j.liquidationPrice).toBeLessThan(61_000);
    expect((j.symbols[1]?.liquidationPrice ?? 0) > 3_100).toBe(true);
    expect(j.positions[0]?.tierIndex).toBe(1); // 244,000 USDT notional
  });

  it('explains bad input with the field path and exits through CliUsageError', async () => {
    const file = tempJson({ venue: 'kraken', mode: 'cross', contract: 'linear', positions: [] });
    await expect(run(liqCommand, ['--input', file])).rejects.toThrow(CliUsageError);
    await expect(run(liqCommand, ['--input', file])).rejects.toThrow(/venue/);
    await expect(run(liqCommand, ['--input', '/nonexistent/x.json'])).rejects.toThrow(
      /cannot read/,
    );
    await expect(run(liqCommand, ['--input', '-'], '{not json')).rejects.toThrow(/not valid JSON/);
  });

  it('is registered: `cerberus liq --help` prints the documented fields', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const code = await main(['liq', '--help'], {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    const text = Buffer.concat(chunks).toString('utf8');
    for (const field of [
      'walletBalance',
      'takerFeeRate',
      'maintAmount',
      'venueMarginRatio',
      'distanceToLiquidation',
    ]) {
      expect(text).toContain(field);
    }
  });
});

describe('cerberus funding', () => {
  it('computes a Binance rate from impact prices and a predicted rate, and the payment', async () => {
    const file = tempJson({
      venue: 'binance',
      samples: [
        { impactBid: 60_030, impactAsk: 60_040, index: 60_000 },
        0.0002,
        { premiumIndex: 0.0003 },
      ],
      samplesPerWindow: 5,
      position: { side: 'long', size: 2, markPrice: 60_010 },
    });
    const { code, out } = await run(fundingCommand, ['--input', file]);
    expect(code).toBe(0);
    const j = JSON.parse(out) as {
      averagePremium: number;
      fundingRate: number;
      predictedRate: number;
      annualised: number;
      payment: { cashFlow: number };
    };
    expect(j.averagePremium).toBeCloseTo((0.0005 + 2 * 0.0002 + 3 * 0.0003) / 6, 15);
    expect(j.fundingRate).toBeCloseTo(0.0001, 15);
    expect(j.annualised).toBeCloseTo(0.1095, 12);
    expect(j.payment.cashFlow).toBeCloseTo(-2 * 60_010 * 0.0001, 9);
    expect(j.predictedRate).toBeCloseTo(0.0001, 15);
  });

  it('history on both data files detects the format', async () => {
    const daily = await run(fundingCommand, [
      'history',
      '--file',
      'assets/data/binance_btcusdt_funding_daily_mean_2019-2026.csv',
    ]);
    const eight = await run(fundingCommand, [
      'history',
      '--file',
      'test/fixtures/data/binance_btcusdt_funding_8h_2019-2020.csv',
    ]);
    const d = JSON.parse(daily.out) as {
      format: string;
      count: number;
      fundingIntervalHours: number;
      min: { date: string };
    };
    const e = JSON.parse(eight.out) as {
      format: string;
      count: number;
      sampleIntervalHours: number;
      max: { rate: number; date: string };
    };
    expect(d.format).toBe('dailyMean');
    expect(d.count).toBe(2348);
    expect(d.fundingIntervalHours).toBe(8);
    expect(e.format).toBe('perInterval');
    expect(e.count).toBe(1000);
    expect(e.sampleIntervalHours).toBe(8);
    expect(e.max).toMatchObject({ rate: 0.003, date: '2020-02-12' });
  });

  it('rejects an unknown subcommand and a bad interval', async () => {
    await expect(run(fundingCommand, ['hist'])).rejects.toThrow(/unknown funding subcommand/);
    await expect(
      run(fundingCommand, [
        'history',
        '--file',
        'assets/data/binance_btcusdt_funding_daily_mean_2019-2026.csv',
        '--interval-hours',
        '0',
      ]),
    ).rejects.toThrow(/interval-hours/);
  });
});
