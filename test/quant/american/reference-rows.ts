import { readFileSync } from 'node:fs';
import { parseCsv, csvNumber } from '../../../shared/io/csv';
import type { BsmInput } from '../../../shared/quant/pricing/types';

export interface ReferenceRow {
  input: BsmInput;
  /** QuantLib QdFpAmericanEngine high-precision scheme. */
  ref: number;
  /** QuantLib Legendre (64, 20, 48, 256): a second converged value. */
  chk: number;
  european: number;
}

function num(row: Record<string, string>, key: string): number {
  const v = csvNumber(row[key]);
  if (v === undefined) throw new Error(`missing ${key}`);
  return v;
}

/** Rows of test/fixtures/reference/american_alo_quantlib*.csv (see american_reference.py). */
export function loadReference(file: string): ReferenceRow[] {
  const table = parseCsv(readFileSync(`test/fixtures/reference/${file}`, 'utf8'));
  if (table.errors.length > 0) throw new Error(`${file}: ${JSON.stringify(table.errors)}`);
  return table.rows.map((row) => ({
    input: {
      type: row['type'] === 'call' ? 'call' : 'put',
      spot: num(row, 'S'),
      strike: num(row, 'K'),
      tYears: num(row, 'T_years'),
      rate: num(row, 'r'),
      carryYield: num(row, 'q'),
      volAnnual: num(row, 'sigma'),
    },
    ref: num(row, 'price_ref'),
    chk: num(row, 'price_chk'),
    european: num(row, 'european'),
  }));
}
