/**
 * Carry: funding vs futures basis, side by side per underlying. Perpetuals: predicted and 30-day
 * funding annualised (what a short perp receives). Dated futures: price, basis, annualised basis
 * against the index, days to expiry, and inside the last day the delivery-price estimate (time
 * average of the index over the venue's window). The chart puts both on one axis.
 */
import { fmtPct, fmtPrice } from '../../ui/format';
import { CarryChart } from './carry-chart';
import { fmtAnnual, isoDateOf, venueLabel, VENUE_COLOR } from './funding-format';
import type { FundingBoard, FundingRow } from './funding.store';

type FutureRow = FundingBoard['futures'][number];

function Settlement({ f }: { f: FutureRow }) {
  const s = f.settlementEstimate;
  if (!s) return <span className="muted">from 24h before</span>;
  return (
    <span title={`${s.windowMinutes}-minute index average; ${s.samples} samples seen`}>
      {fmtPrice(s.estimate)}
      <span className="muted small">
        {' '}
        {s.inWindow ? `${Math.round(s.observedShare * 100)}% of window seen` : 'window not open'}
      </span>
    </span>
  );
}

function fmtSpread(future: number, perp: number | null): string {
  if (perp === null) return '\u2014';
  const d = future - perp;
  return `${d >= 0 ? '+' : ''}${fmtAnnual(d)}`;
}

function PerpTable({ perps }: { perps: FundingRow[] }) {
  return (
    <table className="table carry-table" data-testid="carry-perps">
      <thead>
        <tr>
          <th>Perpetual</th>
          <th className="num">Predicted</th>
          <th className="num">7d</th>
          <th className="num">30d</th>
        </tr>
      </thead>
      <tbody>
        {perps.map((p) => (
          <tr key={p.instrumentId}>
            <td>
              <span className="venue-dot" style={{ background: VENUE_COLOR[p.venue] ?? '#888' }} />
              {venueLabel(p.venue)} <span className="muted small">{p.settlement}</span>
            </td>
            <td className="num strong">{fmtAnnual(p.predictedAnnualised)}</td>
            <td className="num">{fmtAnnual(p.stats?.last7dAnnualised)}</td>
            <td className="num">{fmtAnnual(p.stats?.last30dAnnualised)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The same venue's perp 30-day annualised funding (the carry a future competes with). */
function perpCarry(perps: FundingRow[], f: FutureRow): number | null {
  const p = perps.find((x) => x.venue === f.venue) ?? null;
  return p?.stats?.last30dAnnualised ?? p?.predictedAnnualised ?? null;
}

function FuturesTable({ futures, perps }: { futures: FutureRow[]; perps: FundingRow[] }) {
  return (
    <table className="table carry-table" data-testid="carry-futures">
      <thead>
        <tr>
          <th>Future</th>
          <th className="num">Expiry</th>
          <th className="num">Days</th>
          <th className="num">Price</th>
          <th className="num">Basis</th>
          <th className="num">Basis %</th>
          <th className="num">Annualised</th>
          <th className="num" title="annualised basis minus the same venue's perp 30-day funding">
            vs perp
          </th>
          <th className="num">Delivery est.</th>
        </tr>
      </thead>
      <tbody>
        {futures.map((f) => (
          <tr key={f.instrumentId} data-testid={`future-row-${f.instrumentId}`}>
            <td>
              <span className="venue-dot" style={{ background: VENUE_COLOR[f.venue] ?? '#888' }} />
              {venueLabel(f.venue)} {f.symbol.split('-').at(-1)}
              <span className="muted small"> {f.settlement}</span>
            </td>
            <td className="num">{isoDateOf(f.expiryMs)}</td>
            <td className="num">{f.daysToExpiry.toFixed(1)}</td>
            <td className="num">{fmtPrice(f.markPrice)}</td>
            <td className="num">{fmtPrice(f.basis)}</td>
            <td className="num">{fmtPct(f.basisRate, 3)}</td>
            <td className="num strong" data-testid="future-annualised">
              {fmtAnnual(f.annualisedSimple)}
            </td>
            <td className="num">{fmtSpread(f.annualisedSimple, perpCarry(perps, f))}</td>
            <td className="num">
              <Settlement f={f} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CarryPanel({ board }: { board: FundingBoard }) {
  const underlyings = [...new Set(board.futures.map((f) => f.underlying))];
  if (underlyings.length === 0)
    return <div className="muted small">No dated futures from the connected sources.</div>;
  return (
    <div className="carry" data-testid="carry-panel">
      {underlyings.map((u) => {
        const futures = board.futures.filter((f) => f.underlying === u);
        const perps = board.rows.filter((r) => r.underlying === u);
        return (
          <div key={u} className="carry-group">
            <h3 className="sub">{u}</h3>
            <div className="carry-grid">
              <div className="carry-tables">
                <PerpTable perps={perps} />
                <FuturesTable futures={futures} perps={perps} />
              </div>
              <div>
                <CarryChart futures={futures} perps={perps} />
                <div className="muted small">
                  Points: futures&apos; annualised basis by venue; solid lines: perps&apos;
                  predicted funding, dashed: 30-day. Simple annualisation (basis % / years).
                </div>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
