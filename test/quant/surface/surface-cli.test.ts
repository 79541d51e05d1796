import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../src-main/cli/cli-command';
import { surfaceCommand } from '../../../src-main/cli/commands/surface.command';
import { toCerberusChain } from '../../../shared/quant/surface/chain-schema';
import { parseDeribitChainCsv } from '../../../shared/quant/surface/deribit-chain';

const CHAIN = `${process.cwd()}/test/fixtures/data/deribit_btc_options_2020-05-14_raw.csv`;

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await surfaceCommand.run(args, {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
  });
  stdout.end();
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

interface FitJson {
  model: string;
  expiries: {
    expiry: string;
    T: number;
    forward: number;
    params: Record<string, number>;
    rmse: number;
    insideBidAsk: number;
    quotes: number;
  }[];
  arbitrage: { butterfly_min_g: number; calendar_violations: number };
  unusable: { expiry: string; reason: string }[];
}

describe('cerberus surface fit', () => {
  it('prints one JSON object with the documented shape (SVI, Deribit CSV)', async () => {
    const { code, out } = await run(['fit', '--chain', CHAIN, '--format', 'deribit']);
    expect(code).toBe(0);
    expect(out.trim().split('\n').length).toBe(1);
    expect(out).not.toMatch(/NaN|Infinity/);
    const j = JSON.parse(out) as FitJson;
    expect(j.model).toBe('svi');
    expect(j.expiries.length).toBe(6);
    for (const e of j.expiries) {
      expect(e.expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.T).toBeGreaterThan(0);
      expect(e.forward).toBeGreaterThan(9000);
      expect(Object.keys(e.params).sort()).toEqual(['a', 'b', 'm', 'rho', 'sigma']);
      expect(e.rmse).toBeGreaterThan(0);
      expect(e.insideBidAsk).toBeGreaterThanOrEqual(0);
      expect(e.insideBidAsk).toBeLessThanOrEqual(1);
      expect(Number.isInteger(e.quotes)).toBe(true);
    }
    expect(j.expiries[0]?.expiry).toBe('2020-05-15');
    expect(j.arbitrage.butterfly_min_g).toBeGreaterThan(0);
    expect(j.arbitrage.calendar_violations).toBe(0);
    expect(j.unusable[0]?.expiry).toBe('2020-05-14');
  });

  it('SABR params, the arbitrage-free flag and the Cerberus JSON format', async () => {
    const sabr = JSON.parse(
      (await run(['fit', '--chain', CHAIN, '--model', 'sabr', '--beta', '0.5'])).out,
    ) as FitJson;
    expect(sabr.model).toBe('sabr');
    expect(Object.keys(sabr.expiries[0]?.params ?? {}).sort()).toEqual([
      'alpha',
      'beta',
      'nu',
      'rho',
    ]);
    expect(sabr.expiries[0]?.params.beta).toBe(0.5);

    const free = JSON.parse(
      (await run(['fit', '--chain', CHAIN, '--arbitrage-free'])).out,
    ) as FitJson & { arbitrageFree: boolean };
    expect(free.arbitrageFree).toBe(true);
    expect(free.arbitrage.calendar_violations).toBe(0);
    expect(free.arbitrage.butterfly_min_g).toBeGreaterThanOrEqual(0);

    const dir = mkdtempSync(join(tmpdir(), 'cerberus-surface-'));
    const jsonPath = join(dir, 'chain.json');
    writeFileSync(
      jsonPath,
      JSON.stringify(toCerberusChain(parseDeribitChainCsv(readFileSync(CHAIN, 'utf8')).chain)),
    );
    const viaJson = JSON.parse((await run(['fit', '--chain', jsonPath])).out) as FitJson;
    const viaCsv = JSON.parse((await run(['fit', '--chain', CHAIN])).out) as FitJson;
    expect(viaJson.expiries).toEqual(viaCsv.expiries);
  });

  it('refuses bad arguments with usage errors', async () => {
    await expect(run(['fit'])).rejects.toThrow(/--chain is required/);
    await expect(run(['fit', '--chain', CHAIN, '--model', 'heston'])).rejects.toThrow(
      /--model must be one of svi, sabr/,
    );
    await expect(
      run(['fit', '--chain', CHAIN, '--model', 'sabr', '--arbitrage-free']),
    ).rejects.toThrow(/--model svi only/);
    await expect(run(['fit', '--chain', '/nonexistent/chain.csv'])).rejects.toThrow(CliUsageError);
    await expect(run(['fit', '--chain', CHAIN, '--format', 'cerberus'])).rejects.toThrow(
      /not valid JSON/,
    );
    await expect(run(['smile'])).rejects.toThrow(/unknown subcommand/);
  });
});

describe('cerberus surface iv', () => {
  it('evaluates the fitted surface at every (k, T) pair, one JSON line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerberus-surface-'));
    const fitPath = join(dir, 'fit.json');
    const fitOut = (await run(['fit', '--chain', CHAIN])).out;
    writeFileSync(fitPath, fitOut);
    const fit = JSON.parse(fitOut) as FitJson;
    const { code, out } = await run([
      'iv',
      '--params',
      fitPath,
      '--k',
      '-0.2,0,0.2',
      '--T',
      '0.05,1',
      '--local-vol',
    ]);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines.length).toBe(6);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual([
        'T',
        'forward',
        'iv',
        'k',
        'localVol',
        'strike',
        'totalVariance',
      ]);
      expect(l.totalVariance).toBeCloseTo((l.iv as number) ** 2 * (l.T as number), 12);
      expect(l.strike).toBeCloseTo((l.forward as number) * Math.exp(l.k as number), 8);
    }
    // At a fitted expiry the surface returns that slice's SVI vol.
    const dec = fit.expiries[5];
    if (!dec) throw new Error('missing December expiry');
    const p = dec.params as { a: number; b: number; rho: number; m: number; sigma: number };
    const atm = (
      await run(['iv', '--params', fitPath, '--strike', String(dec.forward), '--T', String(dec.T)])
    ).out;
    const w = p.a + p.b * (-p.rho * p.m + Math.sqrt(p.m * p.m + p.sigma * p.sigma));
    expect((JSON.parse(atm) as { iv: number }).iv).toBeCloseTo(Math.sqrt(w / dec.T), 9);
  });

  it('refuses missing or contradictory point arguments and invalid params files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerberus-surface-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        model: 'svi',
        expiries: [{ expiry: 'x', T: 0.1, forward: 100, params: { a: 0.01 } }],
      }),
    );
    await expect(run(['iv', '--params', bad, '--k', '0', '--T', '0.1'])).rejects.toThrow(
      /invalid surface params JSON: expiries\.0\.params\.b/,
    );
    await expect(run(['iv', '--params', bad, '--T', '0.1'])).rejects.toThrow(
      /exactly one of --k or --strike/,
    );
    await expect(
      run(['iv', '--params', bad, '--k', '0', '--strike', '5', '--T', '0.1']),
    ).rejects.toThrow(/exactly one/);
    await expect(run(['iv', '--params', bad, '--k', '0', '--T', '0,-1'])).rejects.toThrow(
      /must be > 0/,
    );
    await expect(run(['iv', '--params', bad, '--k', 'x', '--T', '1'])).rejects.toThrow(
      /comma-separated numbers/,
    );
  });
});
