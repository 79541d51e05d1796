/**
 * Rules for a user-recorded 8-K purchase, shared by the service (which refuses a bad one) and
 * the purchase form (which shows the same messages inline before sending). Errors name the
 * field they concern; warnings accept the purchase but tell the user something looks off.
 */
import { isoDate, parseUtcMs } from '../../domain/time';
import type { FundamentalsState } from './holdings-timeline';

export interface PurchaseInput {
  /** Effective date, YYYY-MM-DD (UTC). */
  date: string;
  btcBought: number;
  btcHoldings: number;
  avgCostUsd?: number | undefined;
  sharesOutstanding?: number | undefined;
  debtUsd?: number | undefined;
  preferredUsd?: number | undefined;
  cashUsd?: number | undefined;
  note?: string | undefined;
}

export type PurchaseField = Exclude<keyof PurchaseInput, 'note'>;

export interface PurchaseContext {
  /** Now (ms); a purchase may not be dated after today's UTC date. */
  nowMs: number;
  /** Last day of the imported company record (purchases must come after it). */
  lastRecordedDayMs: number | null;
  /** Fundamentals in force the day before the purchase (for the consistency warning). */
  before: FundamentalsState | undefined;
  /** Days that already have a user purchase. */
  purchaseDaysMs: readonly number[];
}

export interface PurchaseCheck {
  dayMs: number | null;
  errors: { field: PurchaseField; message: string }[];
  warnings: string[];
}

/** Total supply cap: no holding or purchase can exceed it. */
export const MAX_BTC = 21_000_000;
const DAY_MS = 86_400_000;

export function parsePurchaseDate(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = parseUtcMs(date);
  return ms !== undefined && isoDate(ms) === date ? ms : null;
}

export function checkPurchase(input: PurchaseInput, ctx: PurchaseContext): PurchaseCheck {
  const errors: PurchaseCheck['errors'] = [];
  const warnings: string[] = [];
  const dayMs = parsePurchaseDate(input.date);
  const todayMs = Math.floor(ctx.nowMs / DAY_MS) * DAY_MS;
  if (dayMs === null) {
    errors.push({ field: 'date', message: `"${input.date}" is not a calendar date (YYYY-MM-DD)` });
  } else if (dayMs > todayMs) {
    errors.push({
      field: 'date',
      message: `${input.date} is in the future (today is ${isoDate(todayMs)} UTC)`,
    });
  } else if (ctx.lastRecordedDayMs !== null && dayMs <= ctx.lastRecordedDayMs) {
    errors.push({
      field: 'date',
      message: `the imported company record already covers days up to ${isoDate(ctx.lastRecordedDayMs)}: record purchases after that day`,
    });
  }
  const h = input.btcHoldings;
  if (!(Number.isFinite(h) && h > 0)) {
    errors.push({ field: 'btcHoldings', message: 'total BTC holdings must be a positive number' });
  } else if (h > MAX_BTC) {
    errors.push({
      field: 'btcHoldings',
      message: 'more than the 21 million BTC that can ever exist',
    });
  }
  const b = input.btcBought;
  if (!Number.isFinite(b)) {
    errors.push({
      field: 'btcBought',
      message: 'BTC bought must be a number (negative for a sale)',
    });
  } else if (Math.abs(b) > MAX_BTC) {
    errors.push({
      field: 'btcBought',
      message: 'more than the 21 million BTC that can ever exist',
    });
  } else if (Number.isFinite(h) && h > 0 && b > h) {
    errors.push({
      field: 'btcBought',
      message: 'cannot exceed the total BTC held after the purchase',
    });
  }
  const positive = (field: PurchaseField, v: number | undefined, what: string) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      errors.push({ field, message: `${what} must be a positive number` });
  };
  const nonNegative = (field: PurchaseField, v: number | undefined, what: string) => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      errors.push({ field, message: `${what} must be zero or positive` });
  };
  positive('avgCostUsd', input.avgCostUsd, 'average cost');
  positive('sharesOutstanding', input.sharesOutstanding, 'shares outstanding');
  nonNegative('debtUsd', input.debtUsd, 'debt');
  nonNegative('preferredUsd', input.preferredUsd, 'preferreds');
  nonNegative('cashUsd', input.cashUsd, 'cash');
  if (errors.length > 0) return { dayMs, errors, warnings };

  const before = ctx.before;
  if (before !== undefined) {
    const implied = before.btcHoldings + b;
    if (Math.abs(implied - h) > 0.5) {
      warnings.push(
        `holdings before (${before.btcHoldings.toLocaleString('en-US')}) + bought (${b.toLocaleString('en-US')}) = ${implied.toLocaleString('en-US')} differs from the stated total ${h.toLocaleString('en-US')}: the stated total is used (a purchase may be missing)`,
      );
    }
    const s = input.sharesOutstanding;
    if (
      s !== undefined &&
      (s > 2 * before.sharesOutstanding || s < 0.5 * before.sharesOutstanding)
    ) {
      warnings.push(
        `shares outstanding change from ${Math.round(before.sharesOutstanding).toLocaleString('en-US')} to ${Math.round(s).toLocaleString('en-US')}: the record uses split-adjusted shares, check the figure`,
      );
    }
  }
  if (dayMs !== null && ctx.purchaseDaysMs.includes(dayMs)) {
    warnings.push(`a purchase is already recorded for ${input.date}: this one is applied after it`);
  }
  return { dayMs, errors, warnings };
}
