/** Reads the bundled real daily series (assets/data) into the shapes the demo history needs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvNumber, parseCsv } from '../../../shared/io/csv';
import { parseUtcMs, utcDayStartMs } from '../../../shared/domain/time';
import type { MstrDailyRow, RealDailyInputs } from './demo-history';

export const BTC_DAILY_FILE = 'btc_usd_daily_2015-2026.csv';
export const MSTR_DAILY_FILE = 'mstr_daily_with_btc_holdings_2020-2026.csv';

export function readBtcDaily(path: string): { tsMs: number; close: number }[] {
  const table = parseCsv(readFileSync(path, 'utf8'));
  const out: { tsMs: number; close: number }[] = [];
  for (const row of table.rows) {
    const tsMs = parseUtcMs(row['date'] ?? '');
    const close = csvNumber(row['price']);
    if (tsMs !== undefined && close !== undefined && close > 0)
      out.push({ tsMs: utcDayStartMs(tsMs), close });
  }
  return out.sort((a, b) => a.tsMs - b.tsMs);
}

export function readMstrDaily(path: string): MstrDailyRow[] {
  const table = parseCsv(readFileSync(path, 'utf8'));
  const out: MstrDailyRow[] = [];
  for (const row of table.rows) {
    const tsMs = parseUtcMs(row['timestamp'] ?? '');
    const close = csvNumber(row['close']);
    const btcPrice = csvNumber(row['btc_price']);
    const holdings = csvNumber(row['btc_holdings']);
    const marketCap = csvNumber(row['market_cap']);
    if (tsMs === undefined || !close || !btcPrice || !holdings || !marketCap || close <= 0)
      continue;
    out.push({
      tsMs: utcDayStartMs(tsMs),
      close,
      btcPrice,
      btcPerShare: (holdings * close) / marketCap,
    });
  }
  return out.sort((a, b) => a.tsMs - b.tsMs);
}

export function readRealDaily(dataDir: string): RealDailyInputs {
  return {
    btc: readBtcDaily(join(dataDir, BTC_DAILY_FILE)),
    mstr: readMstrDaily(join(dataDir, MSTR_DAILY_FILE)),
  };
}
