import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isoDate, parseUtcMs } from '../../../shared/domain/time';
import { analyzeBasis } from '../../../shared/quant/basis/analyze';
import { parseBtcDailyCsv, parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import type { BasisReport } from '../../../shared/quant/basis/report';
import type { BasisWarning } from '../../../shared/quant/basis/types';
import { parseArgs, stringFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';

const USAGE = [
  'Usage: cerberus basis --file MSTR_CSV [--lookback 252] [--asof YYYY-MM-DD] [--btc-file BTC_CSV]',
  '',
  'MSTR-BTC basis risk: mNAV and premium, OU fit of ln(mNAV), ADF, Engle-Granger, EWMA and',
  'GARCH-DCC beta/correlation, t-copula tail dependence, implied leverage, hedge ratio, risk score.',
  'Prints one JSON object. The MSTR file carries btc_price, so --btc-file is optional.',
].join('\n');

const optionsSchema = z.object({
  file: z.string().min(1),
  btcFile: z.string().min(1).optional(),
  lookback: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of trading days')
    .transform(Number)
    .refine((n) => n >= 30 && n <= 10_000, 'must be between 30 and 10000'),
  asof: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .refine((s) => parseUtcMs(s) !== undefined, 'is not a valid date')
    .optional(),
});

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw new CliUsageError(`cannot read --${flag} ${path}: ${code}`);
  }
}

/**
 * Replaces any non-finite number by null and records where (a guard: the model already reports
 * unavailable metrics as null, so this should never fire).
 */
function finiteOnly(value: unknown, path: string, warnings: BasisWarning[]): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    warnings.push({ code: 'metric.unavailable', message: `${path} is not a finite number` });
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => finiteOnly(v, `${path}[${i}]`, warnings));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = finiteOnly(v, path === '' ? k : `${path}.${k}`, warnings);
    return out;
  }
  return value;
}

/** The printed object: everything but the day-by-day series, in reading order. */
export function basisCliOutput(report: BasisReport): Record<string, unknown> {
  const warnings = [...report.warnings];
  const body = {
    asOf: isoDate(report.asOfMs),
    n: report.n,
    lookbackDays: report.lookbackDays,
    windowReturns: report.windowReturns,
    mNav: report.mNav,
    enterpriseMNav: report.enterpriseMNav,
    premium: report.premium,
    btcPerShare: report.btcPerShare,
    btcNavPerShareUsd: report.btcNavPerShareUsd,
    ou: report.ou,
    adf: report.adf,
    engleGranger: report.engleGranger,
    beta: report.beta,
    correlation: report.correlation,
    tailDependence: report.tailDependence,
    impliedLeverage: report.impliedLeverage,
    hedgeRatio: report.hedgeRatio,
    riskScore: report.riskScore,
    riskScoreComponents: report.riskScoreComponents,
    garchDcc: report.garchDcc,
    latest: { ...report.latest, date: isoDate(report.latest.dateMs) },
  };
  const safe = finiteOnly(body, '', warnings) as Record<string, unknown>;
  return { ...safe, warnings };
}

export const basisCommand: CliCommand = {
  name: 'basis',
  summary:
    'MSTR-BTC basis risk (mNAV, OU z-score, cointegration, beta, tail dependence, risk score)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args);
    const known = new Set(['file', 'btc-file', 'lookback', 'asof']);
    for (const name of parsed.flags.keys()) {
      if (!known.has(name)) throw new CliUsageError(`unknown option --${name}\n${USAGE}`);
    }
    if (parsed.positional.length > 0)
      throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    const raw = {
      file: stringFlag(parsed, 'file'),
      btcFile: stringFlag(parsed, 'btc-file'),
      lookback: stringFlag(parsed, 'lookback') ?? '252',
      asof: stringFlag(parsed, 'asof'),
    };
    if (raw.file === undefined) throw new CliUsageError(`--file is required\n${USAGE}`);
    const result = optionsSchema.safeParse(
      Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
    );
    if (!result.success) {
      const issue = result.error.issues[0];
      const flag = String(issue?.path[0] ?? '').replace('btcFile', 'btc-file');
      throw new CliUsageError(`--${flag} ${issue?.message ?? 'is invalid'}`);
    }
    const options = result.data;
    const mstr = parseMstrDailyCsv(await readText(options.file, 'file'));
    const btc =
      options.btcFile !== undefined
        ? parseBtcDailyCsv(await readText(options.btcFile, 'btc-file'))
        : undefined;
    const report = analyzeBasis({
      mstr,
      btc,
      lookbackDays: options.lookback,
      asOfMs: options.asof !== undefined ? parseUtcMs(options.asof) : undefined,
    });
    io.stdout.write(JSON.stringify(basisCliOutput(report)) + '\n');
    return 0;
  },
};
