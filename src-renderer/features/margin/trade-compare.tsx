/**
 * Before and after a trade, side by side: margin ratio and band, margin amounts, the traded
 * position and its liquidation price and distance, the account's liquidating move, uniMMR for a
 * portfolio-margin account, the venue's refusals and band warnings, and the liquidation
 * probability of both states on one seed.
 */
import type { ReactNode } from 'react';
import { fmtPct, fmtPrice } from '../../ui/format';
import { fmtCcy, fmtHours, fmtMove, fmtRatio, fmtSigmas } from './margin-format';
import { useMarginStore } from './margin.store';
import {
  cancelCompare,
  compareProbability,
  useTicketStore,
  type TicketRun,
  type TradePreview,
} from './ticket.store';

type State = TradePreview['before'];

const KIND: Record<TradePreview['kind'], string> = {
  open: 'opens a position',
  increase: 'adds to the position',
  reduce: 'reduces the position',
  close: 'closes the position',
  flip: 'flips the position',
};

function positionText(s: State): string {
  const p = s.position;
  if (!p) return 'flat';
  return `${p.side} ${p.contracts.toLocaleString('en-US', { maximumFractionDigits: 4 })} @ ${fmtPrice(p.entryPrice)} \u00b7 ${p.leverage}x`;
}

function moveText(s: State): string {
  if (s.accountShock === null) return 'none';
  return `${fmtMove(s.accountShock)} (${fmtPrice(s.accountLiquidationPrice ?? undefined)})`;
}

function Level({ s }: { s: State }) {
  return <span className={`level-badge level-${s.level}`}>{s.level}</span>;
}

function Row(props: {
  label: string;
  before: ReactNode;
  after: ReactNode;
  testId?: string;
  tone?: string;
}) {
  return (
    <tr data-testid={props.testId}>
      <td className="muted">{props.label}</td>
      <td className="num">{props.before}</td>
      <td className={`num strong ${props.tone ?? ''}`}>{props.after}</td>
    </tr>
  );
}

function ratioTone(p: TradePreview): string {
  const b = p.before.marginRatio;
  const a = p.after.marginRatio;
  if (a === null || b === null) return '';
  return a > b ? 'pos' : a < b ? 'neg' : '';
}

function probText(run: TicketRun | undefined): string {
  if (!run) return '\u2014';
  if (run.running)
    return `${Math.round((100 * run.pathsDone) / Math.max(1, run.pathsTotal))}%\u2026`;
  if (run.error) return run.error;
  if (!run.result) return '\u2014';
  return `${fmtPct(run.result.probability, 2)} \u00b1 ${fmtPct(run.result.standardError, 2)}`;
}

export function TradeCompare({ preview: p }: { preview: TradePreview }) {
  const c = p.currency;
  const { before: pb, after: pa } = useTicketStore();
  const { horizonHours, paths } = useMarginStore();
  const running = (pb?.running ?? false) || (pa?.running ?? false);
  const pm = p.before.uniMmr !== null || p.after.uniMmr !== null;
  return (
    <div className="trade-compare" data-testid="trade-preview">
      <div className="trade-summary">
        <span className={p.refused ? 'verdict refused' : 'verdict ok'} data-testid="ticket-verdict">
          {p.refused ? 'Venue would refuse' : p.reducesRisk ? 'Reduces risk' : 'Accepted'}
        </span>
        <span>
          {KIND[p.kind]} &middot; {fmtCcy(p.tradeNotional, c)} at {fmtPrice(p.fillPrice)}
          {p.realisedPnl !== 0 ? ` \u00b7 realises ${fmtCcy(p.realisedPnl, c)}` : ''}
        </span>
        <span className="muted small">
          max leverage {p.maxLeverage === null ? 'unknown' : `${p.maxLeverage}x`}
          {p.maxLeverageBasis === 'derived' ? ' (1/(2 MMR))' : ''}
        </span>
      </div>
      <div className="trade-grid">
        <table className="table compare-table">
          <thead>
            <tr>
              <th />
              <th className="num">Before</th>
              <th className="num">After</th>
            </tr>
          </thead>
          <tbody>
            <Row
              label="Margin ratio"
              before={
                <>
                  {fmtRatio(p.before.marginRatio)} <Level s={p.before} />
                </>
              }
              after={
                <>
                  {fmtRatio(p.after.marginRatio)} <Level s={p.after} />
                </>
              }
              testId="cmp-ratio"
              tone={ratioTone(p)}
            />
            <Row
              label="Initial margin"
              before={fmtCcy(p.before.initialMargin, c)}
              after={fmtCcy(p.after.initialMargin, c)}
              testId="cmp-im"
            />
            <Row
              label="Maintenance"
              before={fmtCcy(p.before.maintenanceMargin, c)}
              after={fmtCcy(p.after.maintenanceMargin, c)}
              testId="cmp-mm"
            />
            <Row
              label="Available margin"
              before={fmtCcy(p.before.availableMargin, c)}
              after={fmtCcy(p.after.availableMargin, c)}
            />
            <Row
              label={`Position ${p.symbol}`}
              before={positionText(p.before)}
              after={positionText(p.after)}
            />
            <Row
              label="Position liquidation"
              before={fmtPrice(p.before.position?.liquidationPrice ?? undefined)}
              after={fmtPrice(p.after.position?.liquidationPrice ?? undefined)}
              testId="cmp-liq"
            />
            <Row
              label="Distance"
              before={`${fmtMove(p.before.position?.distancePct)} \u00b7 ${fmtSigmas(p.before.position?.distanceSigmas1d)}`}
              after={`${fmtMove(p.after.position?.distancePct)} \u00b7 ${fmtSigmas(p.after.position?.distanceSigmas1d)}`}
              testId="cmp-distance"
            />
            <Row
              label={`Account liquidates (${p.underlying})`}
              before={moveText(p.before)}
              after={moveText(p.after)}
              testId="cmp-account"
            />
            <Row
              label="Account distance (1d)"
              before={fmtSigmas(p.before.accountDistanceSigmas1d)}
              after={fmtSigmas(p.after.accountDistanceSigmas1d)}
            />
            {pm ? (
              <Row
                label="uniMMR"
                before={`${fmtRatio(p.before.uniMmr)} ${p.before.uniMmrStatus ?? ''}`}
                after={`${fmtRatio(p.after.uniMmr)} ${p.after.uniMmrStatus ?? ''}`}
                testId="cmp-unimmr"
              />
            ) : null}
            <Row
              label={`Liquidation prob. ${fmtHours(horizonHours)}`}
              before={probText(pb)}
              after={probText(pa)}
              testId="cmp-prob"
            />
          </tbody>
        </table>
        <div className="trade-side">
          <ul className="checks" data-testid="ticket-checks">
            {p.checks.length === 0 ? (
              <li className="check info">No band crossed; within the venue's limits.</li>
            ) : null}
            {p.checks.map((ch, i) => (
              <li key={i} className={`check ${ch.severity}`}>
                <b>{ch.severity}</b> {ch.message}
              </li>
            ))}
          </ul>
          <div className="prob-actions">
            {running ? (
              <button className="danger-btn" onClick={() => void cancelCompare()}>
                Cancel
              </button>
            ) : (
              <button
                className="primary"
                onClick={() => void compareProbability()}
                data-testid="ticket-prob"
              >
                Liquidation probability before / after
              </button>
            )}
            <span className="muted small">
              {paths.toLocaleString('en-US')} paths, one seed for both; horizon, tails and jumps as
              set in the account panels
            </span>
          </div>
          <div className="muted small">{p.notes.join(' \u00b7 ')}</div>
        </div>
      </div>
    </div>
  );
}
