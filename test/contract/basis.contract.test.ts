/**
 * The basis slice of the contract: junk inputs are refused before any handler runs, the report
 * view built from real data passes the output schema, and a NaN in it would not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type ApiHandlers } from '../../shared/contract/dispatch';
import { basisReportSchema } from '../../shared/contract/features/basis-schemas';
import { basisUpdatedSchema } from '../../shared/contract/features/basis.api';
import { basisReportFromStore } from '../../shared/quant/basis/store-report';
import { fundamentalsRowsFromCsv } from '../../src-main/services/basis/basis-import';

const ctx = { transport: 'in-process' as const };
const calls: string[] = [];
const never = (key: string) => () => {
  calls.push(key);
  throw new Error('the handler must not run for invalid input');
};
const handlers = {
  'basis.getReport': never('basis.getReport'),
  'basis.getLive': never('basis.getLive'),
  'basis.listHoldings': never('basis.listHoldings'),
  'basis.recordPurchase': never('basis.recordPurchase'),
  'basis.getHedge': never('basis.getHedge'),
} as unknown as ApiHandlers;

const junk: Record<string, unknown[]> = {
  'basis.getReport': [
    { lookbackDays: 29 },
    { lookbackDays: 252.5 },
    { lookbackDays: Number.NaN },
    { lookbackDays: '252' },
    { lookbackDays: 5000 },
    { asOfMs: -1 },
    { asOfMs: Number.POSITIVE_INFINITY },
    { refresh: 'yes' },
    { extra: 1 },
    'report',
    [252],
  ],
  'basis.getLive': [{ lookbackDays: 0 }, { lookbackDays: null }, { mNav: 1 }],
  'basis.listHoldings': [{ all: true }, 7],
  'basis.getHedge': [{ lookbackDays: -252 }, { book: 'x' }],
  'basis.recordPurchase': [
    {},
    { date: '2026-09-01', btcBought: 1 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: -5 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 0 },
    { date: '2026-09-01', btcBought: Number.NaN, btcHoldings: 5 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: Number.POSITIVE_INFINITY },
    { date: '2026-09-01', btcBought: 1, btcHoldings: '848000' },
    { date: '01/09/2026', btcBought: 1, btcHoldings: 848000 },
    { date: 20260901, btcBought: 1, btcHoldings: 848000 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 848000, avgCostUsd: -1 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 848000, sharesOutstanding: 0 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 848000, debtUsd: -1 },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 848000, note: 'x'.repeat(301) },
    { date: '2026-09-01', btcBought: 1, btcHoldings: 848000, actor: 'admin' },
    { date: '2026-09-01', btcBought: 1e9, btcHoldings: 848000 },
  ],
};

describe('basis contract', () => {
  it('refuses junk input with invalid-input before the handler runs', async () => {
    for (const [key, inputs] of Object.entries(junk)) {
      for (const input of inputs) {
        const r = await dispatch(handlers, key, input, ctx);
        expect(r.ok, `${key} ${JSON.stringify(input)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.kind).toBe('invalid-input');
          expect(r.error.message.startsWith(`${key}: `)).toBe(true);
        }
      }
    }
    expect(calls).toEqual([]);
  });

  it('names the field and the rule in the message', async () => {
    const r = await dispatch(
      handlers,
      'basis.recordPurchase',
      { date: '2026-09-01', btcBought: 1, btcHoldings: -5 },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'basis.recordPurchase: btcHoldings: total BTC holdings must be positive',
      );
  });

  it('the report view from real data passes the output schema; NaN would not', () => {
    const csv = readFileSync(
      join(process.cwd(), 'assets/data/mstr_daily_with_btc_holdings_2020-2026.csv'),
      'utf8',
    );
    const rows = fundamentalsRowsFromCsv(csv);
    const view = basisReportFromStore({
      mstrCloses: rows.map((r) => ({ tsMs: r.dayMs, close: r.closeUsd })),
      btcCloses: rows.map((r) => ({ tsMs: r.dayMs, close: r.btcPriceUsd as number })),
      records: rows.map((r) => ({
        dayMs: r.dayMs,
        btcHoldings: r.btcHoldings,
        sharesOutstanding: r.marketCapUsd / r.closeUsd,
        debtUsd: r.debtUsd,
        preferredUsd: r.preferredUsd,
        cashUsd: r.cashUsd,
        sourceMNav: r.sourceMNav,
      })),
      purchases: [],
      lookbackDays: 252,
    });
    const parsed = basisReportSchema.safeParse(JSON.parse(JSON.stringify(view)));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
    // The first day has no return, so no EWMA beta: null, not NaN.
    expect(view.series.ewmaBeta[0]).toBeNull();
    expect(view.series.zScore.filter((z) => z !== null)).toHaveLength(253);
    const withNaN = {
      ...view,
      series: { ...view.series, mNav: [Number.NaN, ...view.series.mNav.slice(1)] },
    };
    expect(basisReportSchema.safeParse(withNaN).success).toBe(false);
    expect(
      basisUpdatedSchema.safeParse({
        reason: 'live',
        tsMs: 1,
        reportVersion: 1,
        reportAsOfMs: null,
        riskScore: Number.NaN,
        live: null,
      }).success,
    ).toBe(false);
  });
});
