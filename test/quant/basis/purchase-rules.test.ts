/** The rules a user-recorded 8-K purchase must pass (shared by the service and the form). */
import { describe, expect, it } from 'vitest';
import type { FundamentalsState } from '../../../shared/quant/basis/holdings-timeline';
import {
  checkPurchase,
  parsePurchaseDate,
  type PurchaseContext,
} from '../../../shared/quant/basis/purchase-rules';

const before: FundamentalsState = {
  asOfDayMs: Date.UTC(2026, 5, 29),
  source: 'recorded',
  btcHoldings: 847_363,
  sharesOutstanding: 371_614_000,
  debtUsd: 6.754e9,
  preferredUsd: null,
  cashUsd: null,
};
const ctx: PurchaseContext = {
  nowMs: Date.UTC(2026, 10, 22, 15, 30),
  lastRecordedDayMs: Date.UTC(2026, 5, 29),
  before,
  purchaseDaysMs: [Date.UTC(2026, 7, 3)],
};
const good = { date: '2026-09-01', btcBought: 1000, btcHoldings: 848_363 };

describe('checkPurchase', () => {
  it('accepts a consistent purchase after the record and up to today', () => {
    expect(checkPurchase(good, ctx)).toEqual({
      dayMs: Date.UTC(2026, 8, 1),
      errors: [],
      warnings: [],
    });
    expect(checkPurchase({ ...good, date: '2026-11-22' }, ctx).errors).toEqual([]);
  });

  it('refuses future dates, dates inside the record and impossible dates', () => {
    expect(checkPurchase({ ...good, date: '2026-11-23' }, ctx).errors).toEqual([
      { field: 'date', message: '2026-11-23 is in the future (today is 2026-11-22 UTC)' },
    ]);
    expect(checkPurchase({ ...good, date: '2026-06-29' }, ctx).errors[0]?.message).toMatch(
      /covers days up to 2026-06-29/,
    );
    expect(checkPurchase({ ...good, date: '2026-02-29' }, ctx).errors[0]?.field).toBe('date');
    expect(checkPurchase({ ...good, date: '26-9-1' }, ctx).errors[0]?.message).toMatch(
      /not a calendar date/,
    );
    expect(parsePurchaseDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
  });

  it('refuses negative or zero holdings, impossible amounts and bad optional figures', () => {
    const fields = (input: Parameters<typeof checkPurchase>[0]) =>
      checkPurchase(input, ctx).errors.map((e) => e.field);
    expect(fields({ ...good, btcHoldings: -1 })).toEqual(['btcHoldings']);
    expect(fields({ ...good, btcHoldings: 0 })).toEqual(['btcHoldings']);
    expect(fields({ ...good, btcHoldings: 22e6 })).toEqual(['btcHoldings']);
    expect(fields({ ...good, btcBought: Number.NaN })).toEqual(['btcBought']);
    expect(fields({ ...good, btcBought: 900_000 })).toEqual(['btcBought']);
    expect(
      fields({
        ...good,
        avgCostUsd: 0,
        sharesOutstanding: -5,
        debtUsd: -1,
        preferredUsd: Number.NaN,
        cashUsd: -2,
      }),
    ).toEqual(['avgCostUsd', 'sharesOutstanding', 'debtUsd', 'preferredUsd', 'cashUsd']);
    // A sale is a negative purchase and is allowed.
    expect(fields({ ...good, btcBought: -704, btcHoldings: 846_659 })).toEqual([]);
  });

  it('warns (without refusing) when totals do not add up, shares jump, or the day has a purchase', () => {
    const w = checkPurchase({ ...good, btcHoldings: 850_000 }, ctx);
    expect(w.errors).toEqual([]);
    expect(w.warnings[0]).toMatch(/847,363.*1,000.*848,363.*850,000/);
    expect(checkPurchase({ ...good, sharesOutstanding: 37_161_400 }, ctx).warnings[0]).toMatch(
      /split-adjusted/,
    );
    expect(checkPurchase({ ...good, date: '2026-08-03' }, ctx).warnings[0]).toMatch(
      /already recorded for 2026-08-03/,
    );
  });
});
