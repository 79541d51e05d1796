/**
 * The live book's daily VaR record from the stored risk snapshots (pure, for the backtest tab):
 * the last snapshot of each UTC day; the forecast made at the end of day d-1 against the realised
 * day P&L of day d (its last snapshot: marks against the previous close).
 */
import type { RiskHistoryPoint } from '../../../shared/contract/features/risk.api';
import { utcDayStartMs } from '../../../shared/domain/time';

export interface DayRecord {
  dayMs: number;
  forecastUsd: number;
  pnlUsd: number;
  breach: boolean;
}

/** Last snapshot of each UTC day, then forecast of day d-1 against the P&L of day d. */
export function dailyRecord(points: readonly RiskHistoryPoint[]): DayRecord[] {
  const lastOfDay = new Map<number, RiskHistoryPoint>();
  for (const p of points) lastOfDay.set(utcDayStartMs(p.tsMs), p);
  const days = [...lastOfDay.keys()].sort((a, b) => a - b);
  const out: DayRecord[] = [];
  for (let i = 1; i < days.length; i++) {
    const prev = lastOfDay.get(days[i - 1] as number);
    const cur = lastOfDay.get(days[i] as number);
    if (!prev || !cur) continue;
    out.push({
      dayMs: days[i] as number,
      forecastUsd: prev.var99_1dUsd,
      pnlUsd: cur.dayPnlUsd,
      breach: -cur.dayPnlUsd > prev.var99_1dUsd,
    });
  }
  return out;
}
