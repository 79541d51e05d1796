import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCerberusChain } from '../../../shared/quant/surface/chain-schema';
import { parseDeribitChainCsv } from '../../../shared/quant/surface/deribit-chain';
import { fitChain, type ChainFitOptions } from '../../../shared/quant/surface/fit-chain';
import { chainFitToJson, surfaceFromJson } from '../../../shared/quant/surface/fit-json';
import { localVol } from '../../../shared/quant/surface/local-vol';
import type { OptionChain } from '../../../shared/quant/surface/chain';
import { numberListFlag, parseArgs, requiredFlag, stringFlag, type ParsedArgs } from '../cli-args';
import { CliUsageError, type CliCommand, type CliIo } from '../cli-command';

const USAGE = `Usage:
  cerberus surface fit --chain FILE [--format deribit|cerberus] [--model svi|sabr] [--arbitrage-free]
                       [--beta B] [--target auto|mid|mark] [--weights spread|vega|uniform]
      Fits one smile per expiry and prints one JSON object:
      {"model","expiries":[{"expiry","T","forward","params","rmse","insideBidAsk","quotes",...}],
       "arbitrage":{"butterfly_min_g","calendar_violations",...},"unusable":[...]}
      rmse is in vol points against the target vol (auto: the venue mark, else the bid/ask mid);
      --format defaults from the extension (.csv deribit, .json cerberus); --beta is SABR's beta (1).
  cerberus surface iv --params FIT.json (--k LIST | --strike LIST) --T LIST [--local-vol]
      Evaluates a fitted surface (the JSON printed by "surface fit") at every (k or strike, T) pair
      and prints one JSON line each: {"k","T","strike","forward","iv","totalVariance"[,"localVol"]}.
      k = ln(strike / forward(T)); T in years (ACT/365); iv is an annual decimal; localVol (Dupire)
      is null where the surface has arbitrage at that point.`;

function oneOf<T extends string>(
  parsed: ParsedArgs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = stringFlag(parsed, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new CliUsageError(`--${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliUsageError(
      `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliUsageError(`${path} is not valid JSON`);
  }
}

async function runFit(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['arbitrage-free']);
  const path = requiredFlag(parsed, 'chain');
  const format = oneOf(
    parsed,
    'format',
    ['deribit', 'cerberus'],
    extname(path).toLowerCase() === '.json' ? 'cerberus' : 'deribit',
  );
  const model = oneOf(parsed, 'model', ['svi', 'sabr'], 'svi');
  const arbitrageFree = parsed.flags.get('arbitrage-free') === true;
  if (arbitrageFree && model !== 'svi')
    throw new CliUsageError('--arbitrage-free is available with --model svi only');
  const options: ChainFitOptions = {
    model,
    arbitrageFree,
    target: oneOf(parsed, 'target', ['auto', 'mid', 'mark'], 'auto'),
    weighting: oneOf(parsed, 'weights', ['spread', 'vega', 'uniform'], 'spread'),
  };
  const beta = stringFlag(parsed, 'beta');
  if (beta !== undefined) {
    const b = Number(beta);
    if (!(b >= 0 && b <= 1))
      throw new CliUsageError(`--beta must be a number in [0, 1], got "${beta}"`);
    options.sabrBeta = b;
  }
  const text = await readText(path);
  let chain: OptionChain;
  let rowErrors: string[] = [];
  try {
    if (format === 'deribit') ({ chain, rowErrors } = parseDeribitChainCsv(text));
    else chain = parseCerberusChain(parseJson(text, path));
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fit = fitChain(chain, options);
  if (fit.expiries.length === 0) {
    const why = fit.unusable.map((u) => `${u.expiry}: ${u.reason}`).join('; ');
    throw new CliUsageError(`no expiry could be fitted (${why || 'the chain has no expiries'})`);
  }
  const extra: { underlying: string; asOfMs: number; spot?: number } = {
    underlying: chain.underlying,
    asOfMs: chain.asOfMs,
  };
  if (chain.spot !== undefined) extra.spot = chain.spot;
  const out = chainFitToJson(fit, extra);
  if (rowErrors.length > 0) out.rowErrors = rowErrors;
  io.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

async function runIv(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['local-vol']);
  const path = requiredFlag(parsed, 'params');
  const ks = numberListFlag(parsed, 'k', []);
  const strikes = numberListFlag(parsed, 'strike', []);
  const ts = numberListFlag(parsed, 'T', []);
  if ((ks.length === 0) === (strikes.length === 0))
    throw new CliUsageError('give exactly one of --k or --strike');
  if (ts.length === 0) throw new CliUsageError('--T is required (years, comma-separated)');
  if (ts.some((t) => !(t > 0))) throw new CliUsageError('--T values must be > 0 (years)');
  if (strikes.some((s) => !(s > 0))) throw new CliUsageError('--strike values must be > 0');
  const withLocal = parsed.flags.get('local-vol') === true;
  let surface;
  try {
    surface = surfaceFromJson(parseJson(await readText(path), path));
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const t of ts) {
    const forward = surface.forward(t);
    const points =
      ks.length > 0
        ? ks.map((k) => ({ k, strike: forward * Math.exp(k) }))
        : strikes.map((strike) => ({ k: Math.log(strike / forward), strike }));
    for (const { k, strike } of points) {
      const w = surface.totalVariance(k, t);
      const line: Record<string, number | null> = {
        k,
        T: t,
        strike,
        forward,
        iv: surface.iv(k, t),
        totalVariance: w,
      };
      if (withLocal) line.localVol = localVol(surface, k, t) ?? null;
      io.stdout.write(JSON.stringify(line) + '\n');
    }
  }
  return 0;
}

export const surfaceCommand: CliCommand = {
  name: 'surface',
  summary: 'Fit implied-vol surfaces (SVI/SABR) to an option chain; evaluate a fitted surface',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === 'fit') return runFit(rest, io);
    if (sub === 'iv') return runIv(rest, io);
    throw new CliUsageError(`surface: unknown subcommand "${sub ?? ''}" (fit or iv)`);
  },
};
