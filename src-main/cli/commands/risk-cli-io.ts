/**
 * I/O helpers shared by the risk commands (var, stress, backtest): reading a saved book or a CSV
 * price column with CLI-friendly errors, list/enum flags, and JSON output that refuses NaN.
 */
import { readFileSync } from 'node:fs';
import { riskBookFromJson, type RiskBookInput } from '../../../shared/quant/risk/book-input';
import { readPriceColumn, type PriceSeries } from '../../../shared/quant/risk/price-series';
import { numberListFlag, requiredFlag, stringFlag, type ParsedArgs } from '../cli-args';
import { CliUsageError, type CliIo } from '../cli-command';

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliUsageError(
      `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export function readBook(path: string): RiskBookInput {
  let value: unknown;
  try {
    value = JSON.parse(readText(path));
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`${path} is not valid JSON`);
  }
  try {
    return riskBookFromJson(value);
  } catch (err) {
    throw new CliUsageError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function readSeries(parsed: ParsedArgs): PriceSeries {
  const file = requiredFlag(parsed, 'file');
  const column = stringFlag(parsed, 'column') ?? 'price';
  try {
    return readPriceColumn(readText(file), column);
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function confidencesFlag(parsed: ParsedArgs, fallback: number[]): number[] {
  const list = numberListFlag(parsed, 'confidence', fallback);
  for (const a of list)
    if (!(a > 0 && a < 1))
      throw new CliUsageError(`--confidence values must be in (0, 1), got ${a}`);
  return list;
}

export function oneOf<T extends string>(
  parsed: ParsedArgs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = stringFlag(parsed, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new CliUsageError(`--${name} must be one of ${allowed.join('|')}, got "${v}"`);
  return v as T;
}

/** Writes one JSON line; a non-finite number is an internal error, never printed. */
export function writeJson(io: CliIo, value: unknown): void {
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new Error(`internal: non-finite number in output (${v})`);
    return v;
  });
  io.stdout.write(text + '\n');
}
