/**
 * BTC holdings changes, newest first: the company record's own changes (imported) and the
 * purchases recorded here (with average cost and note).
 */
import { fmtNumber, fmtUsd } from '../../ui/format';
import { fmtSignedNumber, isoDay } from './basis-format';
import type { BasisHoldings } from './basis.store';

export function HoldingsTable({ holdings }: { holdings: BasisHoldings | undefined }) {
  const byId = new Map((holdings?.purchases ?? []).map((p) => [p.id, p]));
  const rows = holdings?.changes ?? [];
  return (
    <section className="panel" data-testid="basis-holdings">
      <header className="panel-head">
        <h2>BTC holdings</h2>
        <span className="muted">
          {holdings
            ? `${holdings.purchases.length} recorded here · company record to ${isoDay(holdings.lastRecordedDayMs)}`
            : ''}
        </span>
      </header>
      <div className="holdings-scroll">
        <table className="table compact" data-testid="basis-holdings-table">
          <thead>
            <tr>
              <th>Date</th>
              <th className="num">Holdings</th>
              <th className="num">Change</th>
              <th className="num">Avg cost</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const p = r.purchaseId !== null ? byId.get(r.purchaseId) : undefined;
              return (
                <tr
                  key={`${r.dayMs}-${r.source}-${r.purchaseId ?? ''}`}
                  className={r.source === 'user' ? 'row-user' : ''}
                  data-source={r.source}
                >
                  <td>{isoDay(r.dayMs)}</td>
                  <td className="num">{fmtNumber(r.btcHoldings, 0)}</td>
                  <td className={`num ${r.changeBtc < 0 ? 'neg' : ''}`}>
                    {fmtSignedNumber(r.changeBtc, 0)}
                  </td>
                  <td className="num">{p?.avgCostUsd != null ? fmtUsd(p.avgCostUsd) : ''}</td>
                  <td title={p?.note ?? ''}>
                    {r.source === 'user'
                      ? `8-K (recorded)${p?.note ? ` · ${p.note}` : ''}`
                      : 'company record'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
