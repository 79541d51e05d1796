/**
 * Stress results: every scenario sorted by loss with its split by underlying (click a row for the
 * shocks applied and the worst positions), and reverse stress (the smallest shock along a
 * direction that loses the target).
 */
import { Fragment, useState } from 'react';
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import { PRICING_MODEL_LABELS } from '../../../shared/quant/risk/model-pricing';
import type { StressJobView } from '../../../shared/quant/risk-live/risk-views';
import { fmtPct, fmtSigned, fmtUsd, pnlClass } from '../../ui/format';
import { pnlColor } from './risk-format';
import { runNow } from './risk.store';
import { usePositionLabels } from './position-labels';

const signedUsd = (x: number) => fmtSigned(x, (v) => fmtUsd(v, true));

/** Per-model P&L columns (model risk of each scenario). */
const MODEL_COLUMNS = [
  ['bsmSvi', PRICING_MODEL_LABELS['bsm-svi']],
  ['heston', PRICING_MODEL_LABELS.heston],
  ['merton', PRICING_MODEL_LABELS.merton],
] as const;

function Shocks({ s }: { s: StressJobView['scenarios'][number] }) {
  const label = usePositionLabels();
  return (
    <div className="stress-detail">
      <div>
        <b>Shocks applied</b>
        <ul>
          {s.shocks.map((k) => (
            <li key={k.underlying}>
              {k.underlying}: spot {fmtSigned(k.spot, (v) => fmtPct(v, 1))}, vol x
              {k.volMultiplier.toFixed(2)}
              {k.volPoints !== 0
                ? ` ${fmtSigned(k.volPoints * 100, (v) => v.toFixed(1))} pts`
                : ''}{' '}
              <span className="muted">({k.from})</span>
            </li>
          ))}
        </ul>
        {s.rateShiftBps !== 0 ? (
          <div>rates {fmtSigned(s.rateShiftBps, (v) => `${v} bp`)}</div>
        ) : null}
      </div>
      <div>
        <b>Worst positions</b>
        <ul>
          {s.worstPositions.map((p) => (
            <li key={p.positionId}>
              {label(p.positionId)}:{' '}
              <span className={pnlClass(p.pnlUsd)}>{signedUsd(p.pnlUsd)}</span>
            </li>
          ))}
        </ul>
        {s.stressedVar99Usd ? (
          <div>
            1-day VaR99 with the correlation shock: {fmtUsd(s.stressedVar99Usd.stressed, true)}{' '}
            <span className="muted">(base {fmtUsd(s.stressedVar99Usd.base, true)})</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function StressTable({ stress }: { stress: StressJobView }) {
  const [open, setOpen] = useState<string | null>(null);
  const underlyings = stress.scenarios[0]?.byUnderlying.map((b) => b.underlying) ?? [];
  const scale = Math.max(1, ...stress.scenarios.map((s) => Math.abs(s.pnlUsd)));
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>Stress scenarios (sorted by loss)</h2>
        <span className="muted">
          full revaluation &middot; P&amp;L under {PRICING_MODEL_LABELS[stress.pricing.used]}, the
          three models side by side &middot; click a row for the shocks
        </span>
      </header>
      <table className="table compact" data-testid="stress-table">
        <thead>
          <tr>
            <th>Scenario</th>
            <th>Kind</th>
            <th className="num">P&amp;L</th>
            {MODEL_COLUMNS.map(([key, label]) => (
              <th key={key} className="num model-col">
                {label}
              </th>
            ))}
            {underlyings.map((u) => (
              <th key={u} className="num">
                {u}
              </th>
            ))}
            <th className="num">Liquidity cost</th>
          </tr>
        </thead>
        <tbody>
          {stress.scenarios.map((s) => (
            <Fragment key={s.id}>
              <tr
                className="clickable"
                onClick={() => setOpen(open === s.id ? null : s.id)}
                data-testid={`stress-row-${s.id}`}
              >
                <td>
                  {s.name}
                  {s.origin === 'user' ? <span className="risk-badge">user</span> : null}
                  {s.origin === 'model' ? (
                    <span className="risk-badge" title="derived from a live model at run time">
                      model
                    </span>
                  ) : null}
                </td>
                <td className="muted">{s.kind}</td>
                <td
                  className={`num ${pnlClass(s.pnlUsd)}`}
                  style={{ background: pnlColor(s.pnlUsd, scale) }}
                  data-testid={`stress-pnl-${s.id}`}
                >
                  {signedUsd(s.pnlUsd)}
                </td>
                {MODEL_COLUMNS.map(([key]) => {
                  const v = s.modelPnlUsd[key];
                  return (
                    <td
                      key={key}
                      className={`num model-col ${v === null ? 'muted' : pnlClass(v)}`}
                      data-testid={`stress-model-pnl-${key}-${s.id}`}
                    >
                      {v === null ? '—' : signedUsd(v)}
                    </td>
                  );
                })}
                {s.byUnderlying.map((b) => (
                  <td key={b.underlying} className={`num ${pnlClass(b.pnlUsd)}`}>
                    {signedUsd(b.pnlUsd)}
                  </td>
                ))}
                <td className="num">
                  {s.liquidityCostUsd > 0 ? fmtUsd(-s.liquidityCostUsd, true) : '\u2014'}
                </td>
              </tr>
              {open === s.id ? (
                <tr>
                  <td colSpan={4 + MODEL_COLUMNS.length + underlyings.length}>
                    <Shocks s={s} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReversePanel({ run }: { run: RiskRun }) {
  const reverse = run.stress?.reverse ?? [];
  const [target, setTarget] = useState(String(Math.round(run.settings.reverseTargetUsd)));
  const value = Number(target);
  const valid = Number.isFinite(value) && value > 0;
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>Reverse stress</h2>
        <label className="muted">
          loss to find{' '}
          <input
            className="num-input"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="reverse-target"
          />
        </label>
        <button disabled={!valid} onClick={() => void runNow(value)}>
          Recompute
        </button>
      </header>
      <table className="table compact" data-testid="reverse-table">
        <thead>
          <tr>
            <th>Direction</th>
            <th className="num">Target loss</th>
            <th>Smallest shock</th>
            <th className="num">Loss at it</th>
          </tr>
        </thead>
        <tbody>
          {reverse.map((r) => (
            <tr key={r.direction}>
              <td>{r.direction}</td>
              <td className="num">{fmtUsd(r.targetLossUsd, true)}</td>
              <td>
                {r.found
                  ? r.moves
                      .map(
                        (m) =>
                          `${m.underlying} ${fmtSigned(m.spot, (v) => fmtPct(v, 1))}${m.vol !== 0 ? ` (vol ${fmtSigned(m.vol, (v) => fmtPct(v, 0))})` : ''}`,
                      )
                      .join(', ')
                  : `not reached (largest loss ${fmtUsd(r.maxLossUsd, true)})`}
              </td>
              <td className="num">{r.lossUsd !== null ? fmtUsd(r.lossUsd, true) : '\u2014'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
