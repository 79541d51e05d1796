/**
 * Funding: perpetual funding across venues side by side, the history chart with venue toggles,
 * and the book's funding P&L per position with its annualised carry.
 */
import { useEffect } from 'react';
import { useBookStore } from '../../stores/book.store';
import { fmtUsd, pnlClass } from '../../ui/format';
import { KpiCard } from '../../ui/kpi-card';
import { FundingChart } from './funding-chart';
import { fmtAnnual, venueLabel } from './funding-format';
import {
  RANGES,
  setRange,
  setUnderlying,
  startFundingFeed,
  toggleVenue,
  useFundingStore,
  type FundingRow,
} from './funding.store';
import { PositionsFunding } from './positions-funding';
import { VenuesTable } from './venues-table';
import { CarryPanel } from './carry-panel';
import { MarkCheckTable } from './mark-check-table';
import './funding-checks.css';

function bestSpread(rows: FundingRow[], underlying: string): { text: string; detail: string } {
  const list = rows.filter((r) => r.underlying === underlying && r.predictedAnnualised !== null);
  if (list.length < 2) return { text: '\u2014', detail: '' };
  const sorted = [...list].sort(
    (a, b) => (a.predictedAnnualised ?? 0) - (b.predictedAnnualised ?? 0),
  );
  const lo = sorted[0] as FundingRow;
  const hi = sorted.at(-1) as FundingRow;
  return {
    text: fmtAnnual((hi.predictedAnnualised ?? 0) - (lo.predictedAnnualised ?? 0)),
    detail: `short ${venueLabel(hi.venue)} / long ${venueLabel(lo.venue)}`,
  };
}

export function FundingView() {
  const s = useFundingStore();
  const snapshot = useBookStore((b) => b.snapshot);
  useEffect(() => startFundingFeed(), []);
  if (!s.board) {
    return s.error ? (
      <div className="error">{s.error}</div>
    ) : (
      <div className="loading">Loading funding{'\u2026'}</div>
    );
  }
  const board = s.board;
  const underlyings = [...new Set(board.rows.map((r) => r.underlying))];
  const spread = bestSpread(board.rows, s.underlying);
  const accountName = (id: string) => snapshot?.accounts.find((a) => a.id === id)?.name ?? id;
  const t = board.totals;
  return (
    <div className="funding">
      <div className="kpis funding-kpis">
        <KpiCard
          label="Funding since entry"
          value={fmtUsd(t.netUsd)}
          tone={pnlClass(t.netUsd) as 'pos' | 'neg' | ''}
          detail={`${board.positions.length} perpetual positions`}
          testId="kpi-funding-net"
        />
        <KpiCard
          label="Next payments"
          value={fmtUsd(t.nextPaymentsUsd)}
          tone={pnlClass(t.nextPaymentsUsd) as 'pos' | 'neg' | ''}
          detail="at the predicted rates"
          testId="kpi-funding-next"
        />
        <KpiCard
          label="Book carry"
          value={`${fmtUsd(t.carryUsdPerYear, true)} / yr`}
          tone={pnlClass(t.carryUsdPerYear) as 'pos' | 'neg' | ''}
          detail="annualised at the predicted rates"
          testId="kpi-funding-carry"
        />
        <KpiCard
          label={`${s.underlying} venue spread`}
          value={spread.text}
          detail={spread.detail}
          testId="kpi-funding-spread"
        />
      </div>
      <section className="panel">
        <header className="panel-head">
          <h2>Perpetuals side by side</h2>
          <span className="muted small">
            rates per funding interval; annualised = rate &times; 24 / interval &times; 365
          </span>
        </header>
        <VenuesTable rows={board.rows} clockOffsetMs={s.clockOffsetMs} />
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>Carry: funding vs futures basis</h2>
          <span className="muted small">annualised; a short perp receives positive funding</span>
        </header>
        <CarryPanel board={board} />
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>Mark and index check</h2>
          <span className="muted small">
            Cerberus&apos; own index and mark vs the venue&apos;s; flagged beyond{' '}
            {board.marks[0]?.toleranceBps ?? 10} bp
          </span>
        </header>
        <MarkCheckTable marks={board.marks} />
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>History</h2>
          <div className="seg">
            {underlyings.map((u) => (
              <button
                key={u}
                className={u === s.underlying ? 'on' : ''}
                onClick={() => setUnderlying(u)}
              >
                {u}
              </button>
            ))}
          </div>
          <div className="seg">
            {RANGES.map((r) => (
              <button
                key={r.id}
                className={r.id === s.range ? 'on' : ''}
                onClick={() => setRange(r.id)}
                data-testid={`range-${r.id}`}
              >
                {r.label}
              </button>
            ))}
          </div>
          <div className="seg">
            <button
              className={s.unit === 'interval' ? 'on' : ''}
              onClick={() => useFundingStore.setState({ unit: 'interval' })}
            >
              % / 8h
            </button>
            <button
              className={s.unit === 'annualised' ? 'on' : ''}
              onClick={() => useFundingStore.setState({ unit: 'annualised' })}
            >
              annualised
            </button>
          </div>
        </header>
        <FundingChart
          series={s.series}
          hiddenVenues={s.hiddenVenues}
          unit={s.unit}
          onToggle={toggleVenue}
        />
        <div className="footnote">
          {s.series[0]?.bucket === '1d'
            ? 'Daily means of the funding rates. '
            : 'Every funding time. '}
          Binance BTCUSDT before 2026-02-13 is the real daily mean (each day's three funding times
          at the day's mean); the other venues' history is simulated around it and labelled
          synthetic.
        </div>
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>Funding P&amp;L of the book</h2>
        </header>
        <PositionsFunding board={board} accountName={accountName} clockOffsetMs={s.clockOffsetMs} />
      </section>
    </div>
  );
}
