/** The live book's daily VaR record built from the stored risk snapshots. */
import { describe, expect, it } from 'vitest';
import type { RiskHistoryPoint } from '../../../shared/contract/features/risk.api';
import { dailyRecord } from '../../../src-renderer/features/risk/live-record-days';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 10, 20);
const pt = (tsMs: number, var99: number, dayPnl: number): RiskHistoryPoint => ({
  tsMs,
  var99_1dUsd: var99,
  es99_1dUsd: var99 * 1.2,
  var95_1dUsd: var99 * 0.7,
  mcVar99_1dUsd: null,
  bookValueUsd: 1e6,
  dayPnlUsd: dayPnl,
});

describe('dailyRecord', () => {
  it('compares the last forecast of each day with the next day realised P&L', () => {
    const points = [
      pt(D0 + 1000, 50_000, -1000),
      pt(D0 + DAY - 1000, 60_000, -2000), // last of day 0: forecast 60k
      pt(D0 + DAY + 5000, 55_000, -70_000),
      pt(D0 + 2 * DAY - 1, 40_000, -65_000), // last of day 1: P&L -65k > 60k: breach
      pt(D0 + 2 * DAY + 10, 45_000, -10_000), // day 2: P&L -10k vs forecast 40k
    ];
    expect(dailyRecord(points)).toEqual([
      { dayMs: D0 + DAY, forecastUsd: 60_000, pnlUsd: -65_000, breach: true },
      { dayMs: D0 + 2 * DAY, forecastUsd: 40_000, pnlUsd: -10_000, breach: false },
    ]);
  });
  it('is empty within one day', () => {
    expect(dailyRecord([pt(D0 + 1, 1, 0), pt(D0 + 2, 1, 0)])).toEqual([]);
  });
});
