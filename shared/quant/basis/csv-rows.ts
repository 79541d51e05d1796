/**
 * CSV text -> basis input rows. The MSTR layout is that of
 * `assets/data/mstr_daily_with_btc_holdings_2020-2026.csv` (timestamp, close, market_cap,
 * btc_price, btc_holdings, debt, pref, usd_reserve, m_nav, ...; blank cells = unknown); an optional
 * `shares_outstanding` column is used when present. The BTC layout is `date,price[,volume]`
 * (`timestamp` and `close` are accepted as synonyms). Structural problems throw BasisDataError with
 * the line number; value checks (positivity, order) are left to `alignBasisSeries`.
 */
import { csvNumber, parseCsv, type CsvTable } from '../../io/csv';
import { isoDate, parseUtcMs } from '../../domain/time';
import { BasisDataError, type BtcDailyRow, type MstrDailyRow } from './types';

function table(text: string, what: string): CsvTable {
  const parsed = parseCsv(text);
  const first = parsed.errors[0];
  if (first !== undefined)
    throw new BasisDataError(`${what} CSV line ${first.line}: ${first.message}`);
  if (parsed.rows.length === 0) throw new BasisDataError(`${what} CSV has no data rows`);
  return parsed;
}

function pickColumn(header: readonly string[], names: readonly string[], what: string): string {
  const found = names.find((n) => header.includes(n));
  if (found === undefined) {
    throw new BasisDataError(
      `${what} CSV lacks a "${names.join('" or "')}" column (found: ${header.join(', ')})`,
    );
  }
  return found;
}

function optionalColumn(header: readonly string[], name: string): string | undefined {
  return header.includes(name) ? name : undefined;
}

/** Header line = 1, so data row i (0-based) sits on line i + 2 when no record spans lines. */
function lineOf(index: number): number {
  return index + 2;
}

function dateOf(raw: string | undefined, index: number, what: string): number {
  const ms = raw !== undefined ? parseUtcMs(raw) : undefined;
  if (ms === undefined)
    throw new BasisDataError(`${what} CSV line ${lineOf(index)}: invalid date "${raw ?? ''}"`);
  return ms;
}

function required(
  raw: string | undefined,
  column: string,
  dateMs: number,
  index: number,
  what: string,
): number {
  const v = csvNumber(raw);
  if (v === undefined) {
    throw new BasisDataError(
      `${what} CSV line ${lineOf(index)} (${isoDate(dateMs)}): "${column}" is missing or not a number`,
    );
  }
  return v;
}

export function parseMstrDailyCsv(text: string): MstrDailyRow[] {
  const { header, rows } = table(text, 'MSTR');
  const date = pickColumn(header, ['timestamp', 'date'], 'MSTR');
  const close = pickColumn(header, ['close'], 'MSTR');
  const marketCap = pickColumn(header, ['market_cap'], 'MSTR');
  const optional = {
    btcPriceUsd: optionalColumn(header, 'btc_price'),
    btcHoldings: optionalColumn(header, 'btc_holdings'),
    sharesOutstanding: optionalColumn(header, 'shares_outstanding'),
    debtUsd: optionalColumn(header, 'debt'),
    preferredUsd: optionalColumn(header, 'pref'),
    cashUsd: optionalColumn(header, 'usd_reserve'),
    sourceMNav: optionalColumn(header, 'm_nav'),
  };
  if (optional.btcHoldings === undefined)
    throw new BasisDataError('MSTR CSV lacks a "btc_holdings" column');
  return rows.map((row, i) => {
    const dateMs = dateOf(row[date], i, 'MSTR');
    const get = (column: string | undefined): number | undefined =>
      column !== undefined ? csvNumber(row[column]) : undefined;
    return {
      dateMs,
      closeUsd: required(row[close], close, dateMs, i, 'MSTR'),
      marketCapUsd: required(row[marketCap], marketCap, dateMs, i, 'MSTR'),
      btcPriceUsd: get(optional.btcPriceUsd),
      btcHoldings: get(optional.btcHoldings),
      sharesOutstanding: get(optional.sharesOutstanding),
      debtUsd: get(optional.debtUsd),
      preferredUsd: get(optional.preferredUsd),
      cashUsd: get(optional.cashUsd),
      sourceMNav: get(optional.sourceMNav),
    };
  });
}

export function parseBtcDailyCsv(text: string): BtcDailyRow[] {
  const { header, rows } = table(text, 'BTC');
  const date = pickColumn(header, ['date', 'timestamp'], 'BTC');
  const price = pickColumn(header, ['price', 'close'], 'BTC');
  return rows.map((row, i) => {
    const dateMs = dateOf(row[date], i, 'BTC');
    return { dateMs, priceUsd: required(row[price], price, dateMs, i, 'BTC') };
  });
}
