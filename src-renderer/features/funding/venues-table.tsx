/**
 * Perpetuals side by side, grouped by underlying: mark and premium, the last realised and the
 * predicted rate, a countdown to the next funding time that ticks every second, 7- and 30-day
 * averages and the annualised carry; the spread between venues heads each group.
 */
import { fmtPct, fmtPrice } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { fmtAnnual, fmtCountdown, fmtRate, venueLabel, VENUE_COLOR } from './funding-format';
import type { FundingRow } from './funding.store';

interface Props {
  rows: FundingRow[];
  clockOffsetMs: number;
}

function provenance(r: FundingRow): string {
  const s = r.stats?.sources;
  if (!s) return '\u2014';
  const parts: string[] = [];
  if (s.recorded > 0) parts.push('recorded');
  if (s.synthetic > 0) parts.push('synthetic');
  if (s.live > 0) parts.push('live');
  return parts.join(' + ');
}

function rateClass(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x) || x === 0) return '';
  return x > 0 ? 'rate-pos' : 'rate-neg';
}

function Group({ underlying, rows, now }: { underlying: string; rows: FundingRow[]; now: number }) {
  const ann = rows.flatMap((r) => (r.predictedAnnualised === null ? [] : [r.predictedAnnualised]));
  const hi = Math.max(...ann);
  const lo = Math.min(...ann);
  return (
    <tbody>
      <tr className="group-row">
        <td colSpan={7}>
          <b>{underlying}</b>
          <span className="muted"> &middot; {rows.length} venues</span>
        </td>
        <td colSpan={6} className="num muted">
          {ann.length > 1 ? `venue spread ${fmtAnnual(hi - lo)} a year` : ''}
        </td>
      </tr>
      {rows.map((r) => {
        const countdown = r.nextFundingMs === null ? null : r.nextFundingMs - now;
        const best = ann.length > 1 && r.predictedAnnualised === hi;
        return (
          <tr key={r.instrumentId} data-testid={`funding-row-${r.instrumentId}`}>
            <td>
              <span className="venue-dot" style={{ background: VENUE_COLOR[r.venue] ?? '#888' }} />
              {venueLabel(r.venue)}
            </td>
            <td>
              {r.symbol}
              <span className="muted"> {r.settlement === 'inverse' ? 'inverse' : 'linear'}</span>
            </td>
            <td className="num">{fmtPrice(r.markPrice ?? undefined)}</td>
            <td className={`num ${rateClass(r.premium)}`}>{fmtPct(r.premium ?? undefined, 3)}</td>
            <td className={`num ${rateClass(r.lastRate)}`}>{fmtRate(r.lastRate)}</td>
            <td className={`num strong ${rateClass(r.predictedRate)}`} data-testid="predicted">
              {fmtRate(r.predictedRate)}
            </td>
            <td
              className="num countdown"
              data-testid="countdown"
              title={
                r.continuous
                  ? 'Accrues continuously; the 8-hour average is recorded at this time'
                  : ''
              }
            >
              {fmtCountdown(countdown)}
              {r.continuous ? <span className="muted"> cont.</span> : null}
            </td>
            <td className={`num ${rateClass(r.stats?.last7dMean)}`}>
              {fmtRate(r.stats?.last7dMean)}
            </td>
            <td className={`num ${rateClass(r.stats?.last30dMean)}`}>
              {fmtRate(r.stats?.last30dMean)}
            </td>
            <td className={`num strong ${rateClass(r.predictedAnnualised)}`}>
              {fmtAnnual(r.predictedAnnualised)}
              {best ? <span className="best-tag">max</span> : null}
            </td>
            <td className={`num ${rateClass(r.stats?.last30dAnnualised)}`}>
              {fmtAnnual(r.stats?.last30dAnnualised)}
            </td>
            <td className="num muted">{r.intervalHours}h</td>
            <td className="muted small">{provenance(r)}</td>
          </tr>
        );
      })}
    </tbody>
  );
}

export function VenuesTable({ rows, clockOffsetMs }: Props) {
  const now = useNow(1000, clockOffsetMs);
  const groups = new Map<string, FundingRow[]>();
  for (const r of rows) groups.set(r.underlying, [...(groups.get(r.underlying) ?? []), r]);
  return (
    <table className="table funding-table" data-testid="funding-venues">
      <thead>
        <tr>
          <th>Venue</th>
          <th>Contract</th>
          <th className="num">Mark</th>
          <th className="num">Premium</th>
          <th className="num">Last</th>
          <th className="num">Predicted</th>
          <th className="num">Next in</th>
          <th className="num">7d avg</th>
          <th className="num">30d avg</th>
          <th className="num">Annualised</th>
          <th className="num">Ann. 30d</th>
          <th className="num">Interval</th>
          <th>History</th>
        </tr>
      </thead>
      {[...groups.entries()].map(([u, list]) => (
        <Group key={u} underlying={u} rows={list} now={now} />
      ))}
    </table>
  );
}
