/**
 * The basis feature on the real services (temp data folder, real SQLite, real compute workers):
 * the company record imported on first launch, the model report computed in the pool, live
 * numbers from the demo desk, a holdings edit changing mNAV from its date on, bad edits refused,
 * and the hedge applied to the sample book.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { ApiOutput } from '../../shared/contract/api';
import { isoDate, MS_PER_DAY, utcDayStartMs } from '../../shared/domain/time';
import { withServices } from '../helpers/services-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const ctx = { transport: 'in-process' as const };
const events: { name: string; payload: unknown }[] = [];

async function call(key: string, input: unknown) {
  return dispatch(harness.services.handlers, key, input, ctx, { validateOutput: true });
}
async function ok<T>(key: string, input: unknown): Promise<T> {
  const r = await call(key, input);
  if (!r.ok) throw new Error(`${key}: ${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

type Report = ApiOutput<'basis.getReport'>;
const LAST_RECORDED = Date.UTC(2026, 5, 29);

beforeAll(async () => {
  harness = await withServices();
  harness.services.bus.onAny((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await harness?.stop();
});

describe('basis service', () => {
  let before: Report;

  it('imports the company record and computes the report in the worker pool', async () => {
    const holdings = await ok<ApiOutput<'basis.listHoldings'>>('basis.listHoldings', {});
    expect(holdings.lastRecordedDayMs).toBe(LAST_RECORDED);
    expect(holdings.current?.btcHoldings).toBe(847363);
    expect(holdings.purchases).toEqual([]);
    before = await ok<Report>('basis.getReport', {});
    const r = before.report;
    const today = utcDayStartMs(Date.now());
    // The last weekday daily bar before today; the history runs from the record's first day.
    expect(r.asOfMs).toBeLessThan(today);
    expect(today - r.asOfMs).toBeLessThanOrEqual(3 * MS_PER_DAY);
    expect(isoDate(r.series.dateMs[0] as number)).toBe('2020-08-10');
    expect(r.n).toBeGreaterThan(1478);
    expect(r.lookbackDays).toBe(252);
    expect(r.riskScore).toBeGreaterThanOrEqual(0);
    expect(r.riskScore).toBeLessThanOrEqual(100);
    expect(r.ou).not.toBeNull();
    expect(r.bands?.mNav.lower).toBeLessThan(r.bands?.mNav.mean ?? 0);
    expect(r.decoupling?.band.scenario.shocks.BTC.spot).toBe(0);
    expect(r.warnings.map((w) => w.code)).toContain('data.holdingsCarriedForward');
    // On the last recorded day mNAV = market cap / (holdings x BTC price) from the file's own
    // columns: 34,580,912,384 / (847,363 x 60,307.98).
    const i = r.series.dateMs.indexOf(LAST_RECORDED);
    expect(r.series.mNav[i]).toBeCloseTo(34580912384 / (847363 * 60307.98), 12);
    expect(before.computeMs).toBeGreaterThan(0);
  });

  it('derives live mNAV, premium and z-score from the live prices', async () => {
    const { live, reportAsOfMs } = await ok<ApiOutput<'basis.getLive'>>('basis.getLive', {});
    expect(reportAsOfMs).toBe(before.report.asOfMs);
    const u = harness.services.market.getUnderlyings();
    const mstr = u.find((x) => x.underlying === 'MSTR')?.spot ?? NaN;
    const btc = u.find((x) => x.underlying === 'BTC')?.spot ?? NaN;
    const shares = live.sharesOutstanding;
    expect(shares).toBeCloseTo(34580912384 / 93.056, 2);
    // The desk moves between the two reads; mNAV is MSTR x shares / (holdings x BTC).
    expect(live.mNav).toBeCloseTo((live.mstrSpotUsd * shares) / (847363 * live.btcSpotUsd), 12);
    expect(Math.abs(live.mstrSpotUsd / mstr - 1)).toBeLessThan(0.05);
    expect(Math.abs(live.btcSpotUsd / btc - 1)).toBeLessThan(0.05);
    expect(live.premium).toBeCloseTo(live.mNav - 1, 14);
    const ou = before.report.ou;
    expect(live.zScore).toBeCloseTo(
      (Math.log(live.mNav) - (ou?.mean ?? 0)) / (ou?.stationaryStd ?? 1),
      12,
    );
  });

  it('applies the hedge ratio to the book: BTC to hedge the MSTR delta vs the BTC delta held', async () => {
    const h = await ok<ApiOutput<'basis.getHedge'>>('basis.getHedge', {});
    const snap = harness.services.book.getSnapshot();
    expect(snap).not.toBeNull();
    const mstrDelta = (snap?.risks ?? [])
      .filter((r) => r.underlying === 'MSTR')
      .reduce((s, r) => s + r.deltaUnits, 0);
    // The sample book: 3000 MSTR shares plus calls and short puts, all long delta.
    expect(h.hedge.mstrDeltaShares).toBeGreaterThan(3000);
    if (snap?.seq === h.bookSeq) expect(h.hedge.mstrDeltaShares).toBeCloseTo(mstrDelta, 9);
    expect(h.hedge.hedgeBtcPerShare).toBeCloseTo((h.beta * h.mstrSpotUsd) / h.btcSpotUsd, 14);
    expect(h.hedge.btcToHedgeMstr).toBeCloseTo(
      -h.hedge.mstrDeltaShares * h.hedge.hedgeBtcPerShare,
      9,
    );
    expect(h.hedge.residualBtc).toBeCloseTo(h.hedge.btcEquivalentOfMstr + h.hedge.bookBtcDelta, 9);
    expect(h.hedge.btcLegs.length).toBeGreaterThanOrEqual(4);
    expect(h.decoupling?.mstrSpotMove).toBeLessThanOrEqual(0);
  });

  it('refuses bad holdings edits with clear errors and stores nothing', async () => {
    const today = utcDayStartMs(Date.now());
    const cases: [unknown, RegExp][] = [
      [
        { date: isoDate(today + 2 * MS_PER_DAY), btcBought: 10, btcHoldings: 847373 },
        /date: .* is in the future/,
      ],
      [
        { date: '2026-06-01', btcBought: 10, btcHoldings: 847373 },
        /date: the imported company record already covers days up to 2026-06-29/,
      ],
      [
        { date: '2026-02-30', btcBought: 10, btcHoldings: 847373 },
        /date: "2026-02-30" is not a calendar date/,
      ],
      [
        { date: '2026-09-01', btcBought: 10, btcHoldings: -5 },
        /btcHoldings: total BTC holdings must be positive/,
      ],
      [
        { date: '2026-09-01', btcBought: 10, btcHoldings: 0 },
        /btcHoldings: total BTC holdings must be positive/,
      ],
      [
        { date: '2026-09-01', btcBought: 900, btcHoldings: 800 },
        /btcBought: cannot exceed the total/,
      ],
      [
        { date: '2026-09-01', btcBought: 1, btcHoldings: 3e7 },
        /btcHoldings: more than the 21 million/,
      ],
      [
        { date: '2026-09-01', btcBought: 1, btcHoldings: 847364, sharesOutstanding: -1 },
        /sharesOutstanding: shares outstanding must be positive/,
      ],
      [{ date: 'yesterday', btcBought: 1, btcHoldings: 847364 }, /date: date must be YYYY-MM-DD/],
    ];
    for (const [input, message] of cases) {
      const r = await call('basis.recordPurchase', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('invalid-input');
        expect(r.error.message).toMatch(message);
      }
    }
    const holdings = await ok<ApiOutput<'basis.listHoldings'>>('basis.listHoldings', {});
    expect(holdings.purchases).toEqual([]);
  });

  it('a recorded purchase changes mNAV from its date on, and only from then', async () => {
    const date = '2026-09-01';
    const dayMs = Date.parse(`${date}T00:00:00Z`);
    const seen = events.length;
    const res = await ok<ApiOutput<'basis.recordPurchase'>>('basis.recordPurchase', {
      date,
      btcBought: 2637,
      btcHoldings: 850000,
      avgCostUsd: 64000,
      note: 'test 8-K',
    });
    expect(res.purchase.btcHoldings).toBe(850000);
    expect(res.warnings).toEqual([]);
    const after = await ok<Report>('basis.getReport', {});
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    const a = after.report.series;
    const b = before.report.series;
    let changed = 0;
    for (let i = 0; i < b.dateMs.length; i++) {
      const t = b.dateMs[i] as number;
      expect(a.dateMs[i]).toBe(t);
      const ratio = (a.mNav[i] as number) / (b.mNav[i] as number);
      if (t < dayMs) expect(ratio).toBe(1);
      else {
        // Same price and shares, more BTC: mNAV scales by old / new holdings.
        expect(ratio).toBeCloseTo(847363 / 850000, 13);
        changed++;
      }
    }
    expect(changed).toBeGreaterThan(40);
    const holdings = await ok<ApiOutput<'basis.listHoldings'>>('basis.listHoldings', {});
    expect(holdings.current?.btcHoldings).toBe(850000);
    expect(holdings.purchases[0]).toMatchObject({ dayMs, btcBought: 2637, note: 'test 8-K' });
    expect(holdings.changes[0]).toMatchObject({
      dayMs,
      changeBtc: 850000 - 847363,
      source: 'user',
    });
    const live = await ok<ApiOutput<'basis.getLive'>>('basis.getLive', {});
    expect(live.live.btcHoldings).toBe(850000);
    const audit = await harness.services.db.auditTrail(20);
    expect(audit.find((x) => x.action === 'basis.purchase.record')?.detail).toMatchObject({
      dayMs,
      btcHoldings: 850000,
    });
    await expect
      .poll(
        () =>
          events
            .slice(seen)
            .some(
              (e) =>
                e.name === 'basis.updated' &&
                (e.payload as { reason: string }).reason === 'holdings',
            ),
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('pushes live basis.updated events as the market moves', async () => {
    const seen = events.length;
    await expect
      .poll(() => events.slice(seen).filter((e) => e.name === 'basis.updated').length, {
        timeout: 5_000,
      })
      .toBeGreaterThanOrEqual(1);
    const last = events.filter((e) => e.name === 'basis.updated').at(-1)?.payload as {
      live: { mNav: number; btcHoldings: number } | null;
    };
    expect(last.live?.btcHoldings).toBe(850000);
    expect(Number.isFinite(last.live?.mNav)).toBe(true);
  });

  it('computes other lookbacks and an as-of date on demand', async () => {
    const r = await ok<Report>('basis.getReport', {
      lookbackDays: 126,
      asOfMs: Date.UTC(2025, 11, 31),
    });
    expect(r.report.lookbackDays).toBe(126);
    expect(isoDate(r.report.asOfMs)).toBe('2025-12-31');
    expect(r.report.windowReturns).toBe(126);
    const bad = await call('basis.getReport', { asOfMs: Date.UTC(2019, 0, 1) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('invalid-input');
  });
});
