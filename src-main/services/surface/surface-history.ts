/** What a fit leaves behind: the summary pushed with `surface.updated` and the stored history row. */
import type { SurfaceFitSummary, SurfaceFitView } from '../../../shared/domain/vol-surface';
import type { SurfaceFitRow } from '../../db/repos/surface.repo';

export function summaryOf(view: SurfaceFitView): SurfaceFitSummary {
  return {
    underlying: view.underlying,
    model: view.model,
    source: view.source,
    asOfMs: view.asOfMs,
    spot: view.spot,
    fitMs: view.fitMs,
    rmseVolPts: view.summary.rmseVolPts,
    insideBidAsk: view.summary.insideBidAsk,
    butterflyMinG: view.arbitrage.butterflyMinG,
    calendarViolations: view.arbitrage.calendar.length,
    expiries: view.slices.length,
    unusable: view.unusable.length,
  };
}

export function historyRow(view: SurfaceFitView): SurfaceFitRow {
  return {
    underlying: view.underlying,
    model: view.model,
    tsMs: view.asOfMs,
    spot: view.spot,
    rmseVolPts: view.summary.rmseVolPts,
    insideBidAsk: view.summary.insideBidAsk,
    butterflyMinG: view.arbitrage.butterflyMinG,
    calendarViolations: view.arbitrage.calendar.length,
    expiries: view.slices.length,
    fitMs: view.fitMs,
    tenors: view.tenors,
  };
}

export interface HistoryStore {
  insertSurfaceFit(row: SurfaceFitRow): Promise<unknown>;
  pruneSurfaceHistory(nowMs: number): Promise<unknown>;
}

/**
 * Writes the pricing fits' metric history, at most one row per (underlying, model) per
 * `spacingMs`, and runs the store's retention policy; failures are logged, never thrown.
 */
export class SurfaceHistoryWriter {
  private lastStoredMs = new Map<string, number>();

  constructor(
    private readonly db: HistoryStore,
    private readonly spacingMs: number,
    private readonly quiet: () => boolean,
  ) {}

  async store(view: SurfaceFitView): Promise<void> {
    const k = `${view.underlying}|${view.model}`;
    if (view.asOfMs - (this.lastStoredMs.get(k) ?? -Infinity) < this.spacingMs) return;
    this.lastStoredMs.set(k, view.asOfMs);
    try {
      await this.db.insertSurfaceFit(historyRow(view));
    } catch (err) {
      if (!this.quiet()) console.error('surface history write failed:', errorText(err));
    }
  }

  async prune(nowMs: number): Promise<void> {
    try {
      await this.db.pruneSurfaceHistory(nowMs);
    } catch (err) {
      if (!this.quiet()) console.error('surface history retention failed:', errorText(err));
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
