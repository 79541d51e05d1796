import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../shared/io/csv';
import { impliedVolBlack76 } from '../../../shared/quant/iv/implied-vol';

const csvPath = join(process.cwd(), 'test/fixtures/reference/implied_vol_black76_dev.csv');
const table = parseCsv(readFileSync(csvPath, 'utf8'));

interface Row {
  type: 'call' | 'put';
  forward: number;
  strike: number;
  tYears: number;
  sigmaTrue: number;
  price: number;
}

function field(row: Record<string, string>, name: string): number {
  const v = Number(row[name]);
  if (!Number.isFinite(v)) throw new Error(`bad ${name} in ${JSON.stringify(row)}`);
  return v;
}

const rows: Row[] = table.rows.map((r) => ({
  type: r.type === 'call' ? 'call' : 'put',
  forward: field(r, 'F'),
  strike: field(r, 'K'),
  tYears: field(r, 'T_years'),
  sigmaTrue: field(r, 'sigma_true'),
  // The 30-digit column parsed to the nearest double (the 17-digit one is not always exact).
  price: field(r, 'price_mp_str'),
}));

describe('Black-76 implied vol on the high-precision reference set', () => {
  it('reads every row', () => {
    expect(table.errors).toEqual([]);
    expect(rows.length).toBe(71);
  });

  it.each(rows)('$type K=$strike T=$tYears sigma=$sigmaTrue price=$price', (row) => {
    const sigma = impliedVolBlack76({
      type: row.type,
      forward: row.forward,
      strike: row.strike,
      tYears: row.tYears,
      price: row.price,
    });
    expect(Math.abs(sigma - row.sigmaTrue) / row.sigmaTrue).toBeLessThan(1e-12);
  });

  it('worst relative error over the set stays at the ulp level (measured <= 2e-15)', () => {
    let worst = 0;
    for (const row of rows) {
      const sigma = impliedVolBlack76({ ...row });
      worst = Math.max(worst, Math.abs(sigma - row.sigmaTrue) / row.sigmaTrue);
    }
    expect(worst).toBeLessThan(1e-14);
  });
});
