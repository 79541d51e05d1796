import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvNumber, parseCsv } from '../../../shared/io/csv';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import type { InverseOptionInput } from '../../../shared/quant/pricing/inverse';

/** One option of a recorded Deribit chain snapshot with its published mark and Greeks. */
export interface DeribitQuote {
  name: string;
  input: InverseOptionInput;
  markPriceCoin: number;
  markIvPct: number;
  greeks: { delta: number; gamma: number; vega: number; theta: number };
}

/** Parses Deribit's python-dict greeks field, e.g. "{'vega': 5.49, 'delta': -0.43}". */
function parseGreeks(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/'(\w+)':\s*(-?[\d.eE+-]+)/g)) out[m[1] as string] = Number(m[2]);
  return out;
}

export function loadDeribitChain(file: string): DeribitQuote[] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/data', file), 'utf8');
  const quotes: DeribitQuote[] = [];
  for (const row of parseCsv(text).rows) {
    const expiry = csvNumber(row.expiration_timestamp);
    const ts = csvNumber(row.timestamp);
    const F = csvNumber(row.underlying_price);
    const K = csvNumber(row.strike);
    const iv = csvNumber(row.mark_iv);
    const mark = csvNumber(row.mark_price);
    const g = parseGreeks(row.greeks ?? '');
    if ([expiry, ts, F, K, iv, mark].some((x) => x === undefined)) continue;
    if (
      g.delta === undefined ||
      g.gamma === undefined ||
      g.vega === undefined ||
      g.theta === undefined
    )
      continue;
    quotes.push({
      name: row.instrument_name ?? '',
      input: {
        type: row.option_type === 'call' ? 'call' : 'put',
        forward: F as number,
        strike: K as number,
        tYears: ((expiry as number) - (ts as number)) / MS_PER_YEAR,
        volAnnual: (iv as number) / 100,
      },
      markPriceCoin: mark as number,
      markIvPct: iv as number,
      greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta },
    });
  }
  return quotes;
}
