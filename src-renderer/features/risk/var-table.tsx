/**
 * VaR/ES by method (rows) x horizon x confidence (columns). The 1-day 99% column is checked
 * against the desk limit; clicking a cell picks the method, horizon and confidence the charts
 * below show.
 */
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import type { MethodView } from '../../../shared/quant/risk-live/risk-views';
import { fmtUsd } from '../../ui/format';
import { fmtConf, fmtHorizon, heatColor, METHOD_ORDER, METHOD_SHORT } from './risk-format';
import { useRiskStore } from './risk.store';

function cellOf(m: MethodView, h: number, a: number) {
  return m.cells.find((c) => c.horizonDays === h && Math.abs(c.confidence - a) < 1e-9);
}

export function VarTable({ run }: { run: RiskRun }) {
  const { method, horizonDays, confidence } = useRiskStore();
  const { horizonsDays, confidences } = run.settings;
  const limit = run.headline?.limitUsd ?? null;
  const methods = METHOD_ORDER.map((id) => run.methods.find((m) => m.method === id)).filter(
    (m): m is MethodView => m !== undefined,
  );
  const pick = (m: MethodView, h: number, a: number) =>
    useRiskStore.setState({ method: m.method, horizonDays: h, confidence: a });
  return (
    <>
      <table className="table compact risk-var-table" data-testid="var-table">
        <thead>
          <tr>
            <th rowSpan={2}>Method</th>
            {horizonsDays.map((h) => (
              <th key={h} colSpan={confidences.length} className="num group">
                {fmtHorizon(h)}
              </th>
            ))}
          </tr>
          <tr>
            {horizonsDays.flatMap((h) =>
              confidences.map((a) => (
                <th key={`${h}-${a}`} className="num">
                  {fmtConf(a)}
                  {h === 1 && Math.abs(a - 0.99) < 1e-9 && limit !== null ? (
                    <span className="limit-tag" title="Desk limit on the 1-day 99% VaR">
                      {' '}
                      lim {fmtUsd(limit, true)}
                    </span>
                  ) : null}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => (
            <tr key={m.method} className={m.method === method ? 'selected' : ''}>
              <td title={m.notes.join('\n')}>
                {METHOD_SHORT[m.method]}
                {m.method === run.headline?.method ? (
                  <span className="risk-badge">limit</span>
                ) : null}
              </td>
              {horizonsDays.flatMap((h) =>
                confidences.map((a) => {
                  const c = cellOf(m, h, a);
                  const onLimit = h === 1 && Math.abs(a - 0.99) < 1e-9 && limit !== null;
                  const chosen = m.method === method && h === horizonDays && a === confidence;
                  return (
                    <td
                      key={`${h}-${a}`}
                      className={`num clickable-cell${chosen ? ' chosen' : ''}`}
                      style={onLimit && c ? { background: heatColor(c.varUsd / limit) } : undefined}
                      onClick={() => pick(m, h, a)}
                      data-testid={`var-${m.method}-${h}-${Math.round(a * 100)}`}
                      title={`${METHOD_SHORT[m.method]} ${fmtHorizon(h)} ${fmtConf(a)}: VaR ${fmtUsd(c?.varUsd)}, ES ${fmtUsd(c?.esUsd)}`}
                    >
                      <div className="var-v">{fmtUsd(c?.varUsd, true)}</div>
                      <div className="var-es">{fmtUsd(c?.esUsd, true)}</div>
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="footnote">
        Each cell: VaR (top) and expected shortfall (below), USD loss. Historical methods:{' '}
        {run.settings.windowDays} days, overlapping h-day moves, full revaluation, vols held; Monte
        Carlo: {run.settings.mcPaths.toLocaleString('en-US')} paths (spot and ATM-vol factors), seed{' '}
        {run.settings.mcSeed}; parametric: delta-gamma-vega of full revaluation. The limit is
        checked on {METHOD_SHORT[run.headline?.method ?? 'historical']}.
      </div>
    </>
  );
}
