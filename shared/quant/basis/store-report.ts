/**
 * The compute job behind the Basis screen: store rows (daily closes from `bars_1d`, the imported
 * company record, the user's purchases) -> `analyzeBasis` -> the contract view. Pure; the
 * compute worker only binds it.
 */
import { isoDate } from '../../domain/time';
import { analyzeBasis } from './analyze';
import { basisRowsFromStore, type StoreBasisInput } from './holdings-timeline';
import { basisReportView, type BasisReportView } from './report-view';

export interface BasisJobInput extends StoreBasisInput {
  lookbackDays: number;
  asOfMs?: number | undefined;
  ewmaLambda?: number | undefined;
}

export function basisReportFromStore(input: BasisJobInput): BasisReportView {
  const rows = basisRowsFromStore(input);
  const report = analyzeBasis({
    mstr: rows.mstr,
    btc: rows.btc,
    lookbackDays: input.lookbackDays,
    asOfMs: input.asOfMs,
    ...(input.ewmaLambda !== undefined ? { ewmaLambda: input.ewmaLambda } : {}),
  });
  const lastRecordedDayMs = input.records.reduce<number | null>(
    (m, r) => (m === null || r.dayMs > m ? r.dayMs : m),
    null,
  );
  const usedPurchases = input.purchases.filter((p) => p.dayMs <= report.asOfMs);
  const lastPurchaseDayMs = usedPurchases.reduce<number | null>(
    (m, p) => (m === null || p.dayMs > m ? p.dayMs : m),
    null,
  );
  const lastFactMs = Math.max(lastRecordedDayMs ?? -Infinity, lastPurchaseDayMs ?? -Infinity);
  const view = basisReportView(report, {
    mstrDays: rows.mstr.length,
    firstDayMs: rows.mstr[0]?.dateMs ?? report.asOfMs,
    lastRecordedDayMs,
    lastPurchaseDayMs,
    purchases: usedPurchases.length,
    daysWithoutFundamentals: rows.daysWithoutFundamentals,
    weekendRowsDropped: rows.weekendRowsDropped,
  });
  if (Number.isFinite(lastFactMs) && report.asOfMs > lastFactMs) {
    view.warnings.unshift({
      code: 'data.holdingsCarriedForward',
      message: `BTC holdings, shares, debt and preferreds after ${isoDate(lastFactMs)} are carried forward from the last record: record new 8-K purchases to keep mNAV right`,
    });
  }
  return view;
}
