/**
 * The hedge ratio applied to the book: the book's MSTR delta in BTC terms, the BTC needed to
 * hedge it, the BTC delta the book already holds, the residual, and the first-order P&L of the
 * MSTR delta in the model's decoupling scenario (premium collapse with BTC flat, where a BTC
 * hedge does not help).
 */
import { fmtNumber, fmtPct, fmtUsd } from '../../ui/format';
import { fmtBtc } from './basis-format';
import type { BasisHedge } from './basis.store';
import { Row } from './stat-cards';

export function HedgeCard({ hedge }: { hedge: BasisHedge | undefined }) {
  if (!hedge) {
    return (
      <section className="panel stat-card" data-testid="basis-hedge-card">
        <div className="kpi-label">Hedge applied to the book</div>
        <div className="muted">Waiting for the book valuation…</div>
      </section>
    );
  }
  const h = hedge.hedge;
  const residualTone =
    Math.abs(h.residualBtc) > 0.25 * Math.max(1, Math.abs(h.btcEquivalentOfMstr)) ? 'warn' : 'pos';
  return (
    <section className="panel stat-card" data-testid="basis-hedge-card">
      <div className="kpi-label">BTC to hedge the book&apos;s MSTR delta</div>
      <div className="kpi-value" data-testid="basis-hedge-value">
        {fmtBtc(h.btcToHedgeMstr)}
      </div>
      <div className="kpi-detail">
        {fmtNumber(h.mstrDeltaShares, 0)} MSTR delta × {fmtNumber(h.hedgeBtcPerShare, 5)} BTC/share
        (β {fmtNumber(hedge.beta, 2)})
      </div>
      <table className="table compact">
        <tbody>
          <Row label="MSTR delta ($)" value={fmtUsd(h.mstrDeltaUsd, true)} />
          <Row label="BTC-equivalent of MSTR" value={fmtBtc(h.btcEquivalentOfMstr)} />
          <Row label="book BTC delta held" value={fmtBtc(h.bookBtcDelta)} />
          <Row
            label="residual (net BTC-equivalent)"
            value={`${fmtBtc(h.residualBtc)} · ${fmtUsd(h.residualUsd, true)}`}
            tone={residualTone}
          />
          <Row label="BTC to trade for flat" value={fmtBtc(h.btcToTrade)} />
          <Row label="hedge coverage" value={h.coverage === null ? '—' : fmtPct(h.coverage, 0)} />
          {hedge.decoupling ? (
            <Row
              label={`decoupling stress: MSTR ${fmtPct(hedge.decoupling.mstrSpotMove, 1)}, BTC flat`}
              value={fmtUsd(hedge.decoupling.pnlUsd, true)}
              tone={hedge.decoupling.pnlUsd < 0 ? 'neg' : ''}
            />
          ) : null}
        </tbody>
      </table>
      <div className="footnote">
        {h.mstrLegs.length} MSTR and {h.btcLegs.length} BTC positions · book snapshot #
        {hedge.bookSeq}
      </div>
    </section>
  );
}
