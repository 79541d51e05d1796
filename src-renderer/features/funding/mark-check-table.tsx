/**
 * Mark and index check: per perpetual the venue's index and mark beside Cerberus' own (index from
 * the constituents with the venue's outlier rule, mark by the venue's formula over a 30 s basis
 * window), the differences in basis points, each flagged beyond the tolerance (an outlier
 * constituent shows in the index; the mark, measured on the same index, mostly absorbs it); the
 * constituents and outliers on hover.
 */
import { fmtPrice } from '../../ui/format';
import { venueLabel, VENUE_COLOR } from './funding-format';
import type { FundingBoard } from './funding.store';

type MarkRow = FundingBoard['marks'][number];

function bp(x: number): string {
  return Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)} bp` : '\u2014';
}

function basket(m: MarkRow): string {
  if (m.index.from === 'reported') return 'no constituents from the source: reported index used';
  return m.index.constituents
    .map(
      (c) =>
        `${c.source} ${fmtPrice(c.price)} w${c.weight.toFixed(2)}${c.outlier ? ' OUTLIER' : ''}${c.stale ? ' stale' : ''}`,
    )
    .join('\n');
}

export function MarkCheckTable({ marks }: { marks: MarkRow[] }) {
  return (
    <table className="table funding-table mark-table" data-testid="mark-check">
      <thead>
        <tr>
          <th>Venue</th>
          <th>Contract</th>
          <th className="num">Index (venue)</th>
          <th className="num">Index (Cerberus)</th>
          <th className="num">&Delta; index</th>
          <th className="num">Mark (venue)</th>
          <th className="num">Mark (Cerberus)</th>
          <th className="num">&Delta; mark</th>
          <th>Method</th>
        </tr>
      </thead>
      <tbody>
        {marks.map((m) => {
          const outliers = m.index.constituents.filter((c) => c.outlier).length;
          return (
            <tr
              key={m.instrumentId}
              className={m.flagged || m.indexFlagged ? 'flagged' : ''}
              data-testid={`mark-row-${m.instrumentId}`}
            >
              <td>
                <span
                  className="venue-dot"
                  style={{ background: VENUE_COLOR[m.venue] ?? '#888' }}
                />
                {venueLabel(m.venue)}
              </td>
              <td>{m.symbol}</td>
              <td className="num">{fmtPrice(m.reportedIndex)}</td>
              <td className="num" title={basket(m)}>
                {fmtPrice(m.index.price)}
                <span className="muted small">
                  {' '}
                  {m.index.from === 'reported' ? 'reported' : `${m.index.constituents.length} src`}
                  {outliers > 0 ? <span className="warn"> {outliers} outlier</span> : null}
                </span>
              </td>
              <td className={`num ${m.indexFlagged ? 'neg strong' : ''}`} data-testid="index-diff">
                {bp(m.indexDiffBps)}
                {m.indexFlagged ? <span className="flag-tag">check</span> : null}
              </td>
              <td className="num">{fmtPrice(m.reportedMark)}</td>
              <td className="num strong">{fmtPrice(m.computedMark)}</td>
              <td className={`num strong ${m.flagged ? 'neg' : ''}`} data-testid="mark-diff">
                {bp(m.diffBps)}
                {m.flagged ? <span className="flag-tag">check</span> : null}
              </td>
              <td className="muted small">
                {m.markMethod === 'binance' ? 'median(P1, P2, last)' : 'index + MA basis'} &middot;{' '}
                {m.basisSamples}s
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
