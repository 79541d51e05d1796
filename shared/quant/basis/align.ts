/**
 * Turns raw MSTR rows (any order, newest-first in the shipped file) and an optional BTC daily
 * series into one validated, oldest-first series of trading days keyed by UTC date.
 *
 * Rules (each departure from clean data either throws BasisDataError or leaves a warning):
 * - a non-positive or non-finite close, market cap or BTC price throws, naming the date;
 * - duplicate dates throw; rows in neither ascending nor descending order are sorted (warning);
 * - BTC price: the BTC series on the same UTC date when one is given, else (or when that date is
 *   missing from it) the MSTR row's own btc_price (warning); a day with neither is dropped (warning);
 * - BTC holdings: a missing value is carried forward from the last known one (warning); a missing
 *   value with nothing before it throws; zero or negative holdings throw;
 * - debt, preferreds and cash are carried forward the same way but may stay unknown;
 * - calendar gaps longer than `maxGapDays` between consecutive kept days are reported.
 */
import { isoDate, MS_PER_DAY, utcDayStartMs } from '../../domain/time';
import { BasisDataError, type BasisWarning, type BtcDailyRow, type MstrDailyRow } from './types';

export interface AlignedBasisDay {
  dateMs: number;
  mstrCloseUsd: number;
  marketCapUsd: number;
  btcPriceUsd: number;
  btcHoldings: number;
  sharesOutstanding: number;
  debtUsd: number | undefined;
  preferredUsd: number | undefined;
  cashUsd: number | undefined;
  sourceMNav: number | undefined;
  holdingsCarried: boolean;
  btcPriceSource: 'btc-series' | 'mstr-row';
}

export interface CalendarGap {
  fromMs: number;
  toMs: number;
  calendarDays: number;
}

export interface AlignedBasisSeries {
  days: AlignedBasisDay[];
  gaps: CalendarGap[];
  warnings: BasisWarning[];
}

export interface AlignBasisInput {
  mstr: readonly MstrDailyRow[];
  btc?: readonly BtcDailyRow[] | undefined;
  /** Keep only days on or before this instant's UTC date. */
  asOfMs?: number | undefined;
  /** Largest calendar gap between trading days that is not reported (default 5: a long weekend). */
  maxGapDays?: number;
}

function positive(value: number, what: string, dateMs: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new BasisDataError(
      `${what} must be a positive number on ${isoDate(dateMs)}, got ${value}`,
    );
  }
}

function nonNegativeOrMissing(value: number | undefined, what: string, dateMs: number): void {
  if (value !== undefined && (!(value >= 0) || !Number.isFinite(value))) {
    throw new BasisDataError(`${what} must be >= 0 on ${isoDate(dateMs)}, got ${value}`);
  }
}

function checkedDay(dateMs: number, what: string): number {
  if (!Number.isFinite(dateMs)) throw new BasisDataError(`${what} row has an invalid date`);
  return utcDayStartMs(dateMs);
}

function listDates(dates: number[], max = 3): string {
  const shown = dates.slice(0, max).map(isoDate).join(', ');
  return dates.length > max ? `${shown}, ... (${dates.length} in all)` : shown;
}

function btcPriceMap(rows: readonly BtcDailyRow[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const row of rows) {
    const day = checkedDay(row.dateMs, 'BTC');
    positive(row.priceUsd, 'BTC price', day);
    if (map.has(day)) throw new BasisDataError(`duplicate BTC date ${isoDate(day)}`);
    map.set(day, row.priceUsd);
  }
  return map;
}

function sortedMstr(rows: readonly MstrDailyRow[], warnings: BasisWarning[]): MstrDailyRow[] {
  let ascending = true;
  let descending = true;
  const normalized = rows.map((row) => {
    const dateMs = checkedDay(row.dateMs, 'MSTR');
    positive(row.closeUsd, 'MSTR close', dateMs);
    positive(row.marketCapUsd, 'MSTR market cap', dateMs);
    if (row.btcPriceUsd !== undefined) positive(row.btcPriceUsd, 'BTC price', dateMs);
    if (row.btcHoldings !== undefined) positive(row.btcHoldings, 'BTC holdings', dateMs);
    if (row.sharesOutstanding !== undefined)
      positive(row.sharesOutstanding, 'shares outstanding', dateMs);
    nonNegativeOrMissing(row.debtUsd, 'debt', dateMs);
    nonNegativeOrMissing(row.preferredUsd, 'preferred stock', dateMs);
    nonNegativeOrMissing(row.cashUsd, 'cash', dateMs);
    return { ...row, dateMs };
  });
  for (let i = 1; i < normalized.length; i++) {
    const d = (normalized[i] as MstrDailyRow).dateMs - (normalized[i - 1] as MstrDailyRow).dateMs;
    if (d < 0) ascending = false;
    if (d > 0) descending = false;
  }
  const sorted = normalized.sort((a, b) => a.dateMs - b.dateMs);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as MstrDailyRow).dateMs === (sorted[i - 1] as MstrDailyRow).dateMs) {
      throw new BasisDataError(
        `duplicate MSTR date ${isoDate((sorted[i] as MstrDailyRow).dateMs)}`,
      );
    }
  }
  if (!ascending && !descending) {
    warnings.push({
      code: 'data.unsortedInput',
      message: 'MSTR rows were not in date order; they were sorted by date',
    });
  }
  return sorted;
}

/** Validates, sorts and aligns the inputs; throws BasisDataError for unusable data. */
export function alignBasisSeries(input: AlignBasisInput): AlignedBasisSeries {
  const warnings: BasisWarning[] = [];
  const btc = input.btc !== undefined ? btcPriceMap(input.btc) : undefined;
  const cutoff = input.asOfMs !== undefined ? utcDayStartMs(input.asOfMs) : Infinity;
  const rows = sortedMstr(input.mstr, warnings).filter((r) => r.dateMs <= cutoff);
  if (rows.length === 0) {
    const when = input.asOfMs !== undefined ? ` on or before ${isoDate(input.asOfMs)}` : '';
    throw new BasisDataError(`no MSTR rows${when}`);
  }
  const days: AlignedBasisDay[] = [];
  const carriedHoldings: number[] = [];
  const carriedBalance: number[] = [];
  const fallbackPrice: number[] = [];
  const dropped: number[] = [];
  let holdings: number | undefined;
  let debt: number | undefined;
  let preferred: number | undefined;
  let cash: number | undefined;
  for (const row of rows) {
    // Holdings and balance-sheet values are known facts even on a day dropped for want of a price.
    const holdingsCarried = row.btcHoldings === undefined;
    holdings = row.btcHoldings ?? holdings;
    const balanceCarried =
      (row.debtUsd === undefined && debt !== undefined) ||
      (row.preferredUsd === undefined && preferred !== undefined) ||
      (row.cashUsd === undefined && cash !== undefined);
    debt = row.debtUsd ?? debt;
    preferred = row.preferredUsd ?? preferred;
    cash = row.cashUsd ?? cash;
    const fromSeries = btc?.get(row.dateMs);
    const btcPrice = fromSeries ?? row.btcPriceUsd;
    if (btcPrice === undefined) {
      dropped.push(row.dateMs);
      continue;
    }
    if (btc !== undefined && fromSeries === undefined) fallbackPrice.push(row.dateMs);
    if (holdings === undefined) {
      throw new BasisDataError(
        `BTC holdings missing on ${isoDate(row.dateMs)} and no earlier value to carry forward`,
      );
    }
    if (holdingsCarried) carriedHoldings.push(row.dateMs);
    if (balanceCarried) carriedBalance.push(row.dateMs);
    days.push({
      dateMs: row.dateMs,
      mstrCloseUsd: row.closeUsd,
      marketCapUsd: row.marketCapUsd,
      btcPriceUsd: btcPrice,
      btcHoldings: holdings,
      sharesOutstanding: row.sharesOutstanding ?? row.marketCapUsd / row.closeUsd,
      debtUsd: debt,
      preferredUsd: preferred,
      cashUsd: cash,
      sourceMNav: row.sourceMNav,
      holdingsCarried,
      btcPriceSource: fromSeries !== undefined ? 'btc-series' : 'mstr-row',
    });
  }
  if (days.length === 0) throw new BasisDataError('no MSTR day has a BTC price');
  if (carriedHoldings.length > 0) {
    warnings.push({
      code: 'data.holdingsCarriedForward',
      message: `BTC holdings missing on ${listDates(carriedHoldings)}: carried forward from the last known value`,
    });
  }
  if (carriedBalance.length > 0) {
    warnings.push({
      code: 'data.balanceSheetCarriedForward',
      message: `debt, preferreds or cash missing on ${listDates(carriedBalance)}: carried forward`,
    });
  }
  if (fallbackPrice.length > 0) {
    warnings.push({
      code: 'data.btcPriceFallback',
      message: `BTC series has no price on ${listDates(fallbackPrice)}: used the MSTR file's btc_price`,
    });
  }
  if (dropped.length > 0) {
    warnings.push({
      code: 'data.rowsDropped',
      message: `no BTC price on ${listDates(dropped)}: day dropped`,
    });
  }
  const gaps = findGaps(days, input.maxGapDays ?? 5);
  if (gaps.length > 0) {
    const widest = gaps.reduce((a, b) => (b.calendarDays > a.calendarDays ? b : a));
    warnings.push({
      code: 'data.gap',
      message: `${gaps.length} gap(s) longer than ${input.maxGapDays ?? 5} calendar days; widest ${widest.calendarDays} days from ${isoDate(widest.fromMs)} to ${isoDate(widest.toMs)}`,
    });
  }
  return { days, gaps, warnings };
}

function findGaps(days: readonly AlignedBasisDay[], maxGapDays: number): CalendarGap[] {
  const gaps: CalendarGap[] = [];
  for (let i = 1; i < days.length; i++) {
    const fromMs = (days[i - 1] as AlignedBasisDay).dateMs;
    const toMs = (days[i] as AlignedBasisDay).dateMs;
    const calendarDays = Math.round((toMs - fromMs) / MS_PER_DAY);
    if (calendarDays > maxGapDays) gaps.push({ fromMs, toMs, calendarDays });
  }
  return gaps;
}
