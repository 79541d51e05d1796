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
