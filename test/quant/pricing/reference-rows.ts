import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvNumber, parseCsv } from '../../../shared/io/csv';
import type { BsmInput } from '../../../shared/quant/pricing/types';

/** One row of test/fixtures/reference/european_bsm.csv (high-precision values). */
export interface ReferenceRow {
  line: number;
  note: string;
  input: BsmInput;
  expected: {
    price: number;
    delta: number;
    gamma: number;
    vega: number;
    theta: number;
    rho: number;
  };
  d1: number;
  d2: number;
}

function num(row: Record<string, string>, key: string): number {
  const x = csvNumber(row[key]);
  if (x === undefined)
    throw new Error(`european_bsm.csv: column ${key} is not a number: ${row[key]}`);
  return x;
}

export function loadReferenceRows(): ReferenceRow[] {
  const text = readFileSync(
    join(process.cwd(), 'test/fixtures/reference/european_bsm.csv'),
    'utf8',
  );
  const table = parseCsv(text);
  if (table.errors.length > 0) throw new Error(`european_bsm.csv: ${JSON.stringify(table.errors)}`);
  return table.rows.map((row, i) => {
    const type = row.type === 'call' ? 'call' : 'put';
    return {
      line: i + 2,
      note: row.note ?? '',
      input: {
        type,
        spot: num(row, 'S'),
        strike: num(row, 'K'),
        tYears: num(row, 'T_years'),
        rate: num(row, 'r'),
        carryYield: num(row, 'q'),
        volAnnual: num(row, 'sigma'),
      },
      expected: {
        price: num(row, 'price'),
        delta: num(row, 'delta'),
        gamma: num(row, 'gamma'),
        vega: num(row, 'vega'),
        theta: num(row, 'theta'),
        rho: num(row, 'rho'),
      },
      d1: num(row, 'd1'),
      d2: num(row, 'd2'),
    };
  });
}

/** |x - ref| <= relTol |ref| or <= absTol (the reference tolerance of the task). */
export function withinTol(x: number, ref: number, relTol = 1e-10, absTol = 1e-12): boolean {
  const err = Math.abs(x - ref);
  return err <= relTol * Math.abs(ref) || err <= absTol;
}

export function relErr(x: number, ref: number): number {
  return ref === 0 ? Math.abs(x) : Math.abs(x - ref) / Math.abs(ref);
}
