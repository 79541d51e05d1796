/**
 * Store rows -> basis input: the company record and user purchases as dated facts, applied to
 * each MSTR close from their day on; and on the real file, the store path reproduces the CSV path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBasis } from '../../../shared/quant/basis/analyze';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import {
  basisRowsFromStore,
  fundamentalsOn,
  holdingsChanges,
  type FundamentalsRecord,
  type HoldingsPurchase,
} from '../../../shared/quant/basis/holdings-timeline';
import { fundamentalsRowsFromCsv } from '../../../src-main/services/basis/basis-import';

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

const records: FundamentalsRecord[] = [
  // Mon 2026-06-01 .. Wed 2026-06-03
  {
    dayMs: d('2026-06-01'),
    btcHoldings: 100,
    sharesOutstanding: 10,
    debtUsd: null,
    preferredUsd: null,
    cashUsd: null,
    sourceMNav: null,
  },
  {
    dayMs: d('2026-06-02'),
    btcHoldings: 100,
    sharesOutstanding: 10,
    debtUsd: 50,
    preferredUsd: null,
    cashUsd: 5,
    sourceMNav: 1.1,
  },
  {
    dayMs: d('2026-06-03'),
    btcHoldings: 120,
    sharesOutstanding: 11,
    debtUsd: null,
    preferredUsd: 7,
    cashUsd: null,
    sourceMNav: null,
  },
];
const purchase = (
  id: number,
  iso: string,
  extra: Partial<HoldingsPurchase> = {},
): HoldingsPurchase => ({
  id,
  dayMs: d(iso),
  btcBought: 10,
  btcHoldings: 130,
  avgCostUsd: null,
  sharesOutstanding: null,
  debtUsd: null,
  preferredUsd: null,
  cashUsd: null,
  note: null,
  recordedMs: 0,
  ...extra,
});
const closes = [
  '2026-05-29',
  '2026-06-01',
  '2026-06-02',
  '2026-06-03',
  '2026-06-04',
  '2026-06-05',
  '2026-06-06',
  '2026-06-08',
  '2026-06-09',
].map((iso, i) => ({ tsMs: d(iso), close: 10 + i }));

describe('fundamentals timeline', () => {
  it('carries each field forward until a later fact and applies purchases from their day on', () => {
    const purchases = [purchase(2, '2026-06-08', { sharesOutstanding: 12, debtUsd: 60 })];
    const rows = basisRowsFromStore({
      mstrCloses: [...closes].reverse(),
      btcCloses: [],
      records,
      purchases,
    });
    expect(rows.daysWithoutFundamentals).toBe(1); // 2026-05-29: before the record
    expect(rows.weekendRowsDropped).toBe(1); // Saturday 2026-06-06
    const byDay = new Map(rows.mstr.map((r) => [r.dateMs, r]));
    expect(rows.mstr.map((r) => r.dateMs)).toEqual(
      [
        '2026-06-01',
        '2026-06-02',
        '2026-06-03',
        '2026-06-04',
        '2026-06-05',
        '2026-06-08',
        '2026-06-09',
      ].map(d),
    );
    expect(byDay.get(d('2026-06-01'))).toMatchObject({
      btcHoldings: 100,
      sharesOutstanding: 10,
      marketCapUsd: 11 * 10,
      debtUsd: undefined,
    });
    expect(byDay.get(d('2026-06-02'))).toMatchObject({ debtUsd: 50, cashUsd: 5, sourceMNav: 1.1 });
    // A blank debt cell keeps the last known debt; preferreds appear from their first figure.
    expect(byDay.get(d('2026-06-03'))).toMatchObject({
      btcHoldings: 120,
      sharesOutstanding: 11,
      debtUsd: 50,
      preferredUsd: 7,
      cashUsd: 5,
    });
    expect(byDay.get(d('2026-06-05'))).toMatchObject({ btcHoldings: 120, marketCapUsd: 15 * 11 });
    expect(byDay.get(d('2026-06-08'))).toMatchObject({
      btcHoldings: 130,
      sharesOutstanding: 12,
      debtUsd: 60,
      preferredUsd: 7,
      marketCapUsd: 17 * 12,
    });
    expect(byDay.get(d('2026-06-09'))).toMatchObject({ btcHoldings: 130, sharesOutstanding: 12 });
  });

  it('on the same day a purchase wins over the record, later purchases over earlier ones', () => {
    const purchases = [
      purchase(5, '2026-06-03', { btcHoldings: 125 }),
      purchase(3, '2026-06-03', { btcHoldings: 999 }),
    ];
    expect(fundamentalsOn(records, purchases, d('2026-06-03'))).toMatchObject({
      btcHoldings: 125,
      source: 'user',
      sharesOutstanding: 11,
    });
    expect(fundamentalsOn(records, purchases, d('2026-06-02'))).toMatchObject({
      btcHoldings: 100,
      source: 'recorded',
      asOfDayMs: d('2026-06-02'),
    });
    expect(fundamentalsOn(records, purchases, d('2026-05-31'))).toBeUndefined();
    expect(holdingsChanges(records, purchases)).toEqual([
      {
        dayMs: d('2026-06-01'),
        btcHoldings: 100,
        changeBtc: 100,
        source: 'recorded',
        purchaseId: null,
      },
      {
        dayMs: d('2026-06-03'),
        btcHoldings: 120,
        changeBtc: 20,
        source: 'recorded',
        purchaseId: null,
      },
      { dayMs: d('2026-06-03'), btcHoldings: 999, changeBtc: 879, source: 'user', purchaseId: 3 },
      { dayMs: d('2026-06-03'), btcHoldings: 125, changeBtc: -874, source: 'user', purchaseId: 5 },
    ]);
  });

  it('on the real record the store path gives the same model as the CSV path', () => {
    const csv = readFileSync(
      join(process.cwd(), 'assets/data/mstr_daily_with_btc_holdings_2020-2026.csv'),
      'utf8',
    );
    const fromCsv = parseMstrDailyCsv(csv);
    const stored = fundamentalsRowsFromCsv(csv);
    const recs: FundamentalsRecord[] = stored
      .map((r) => ({
        dayMs: r.dayMs,
        btcHoldings: r.btcHoldings,
        sharesOutstanding: r.marketCapUsd / r.closeUsd,
        debtUsd: r.debtUsd,
        preferredUsd: r.preferredUsd,
        cashUsd: r.cashUsd,
        sourceMNav: r.sourceMNav,
      }))
      .sort((a, b) => a.dayMs - b.dayMs);
    const rows = basisRowsFromStore({
      mstrCloses: stored.map((r) => ({ tsMs: r.dayMs, close: r.closeUsd })),
      btcCloses: stored.map((r) => ({ tsMs: r.dayMs, close: r.btcPriceUsd as number })),
      records: recs,
      purchases: [],
    });
    expect(rows.mstr).toHaveLength(1478);
    const a = analyzeBasis({ mstr: rows.mstr, btc: rows.btc, lookbackDays: 252 });
    const b = analyzeBasis({ mstr: fromCsv, lookbackDays: 252 });
    for (let i = 0; i < a.n; i++) {
      expect(a.series.mNav[i]).toBeCloseTo(b.series.mNav[i] as number, 12);
    }
    expect(a.mNav).toBeCloseTo(b.mNav, 13);
    expect(a.enterpriseMNav).toBeCloseTo(b.enterpriseMNav as number, 12);
    expect(a.ou?.zScore).toBeCloseTo(b.ou?.zScore as number, 9);
    expect(a.riskScore).toBeCloseTo(b.riskScore, 6);
  });
});
