/**
 * Static-arbitrage report of the fit: butterfly (Durrleman's g < 0 on the check grid) per slice,
 * calendar crossings of total variance between consecutive expiries, expiries the fitter could
 * not use and the quotes it skipped, each with its reason.
 */
import type { SurfaceFitView } from '../../../shared/domain/vol-surface';
import { fmtNumber } from '../../ui/format';

function skippedTotals(fit: SurfaceFitView): [string, number][] {
  const totals = new Map<string, number>();
  for (const s of fit.slices)
    for (const [reason, n] of Object.entries(s.skipped))
      totals.set(reason, (totals.get(reason) ?? 0) + n);
  return [...totals].sort((a, b) => b[1] - a[1]);
}

export function ArbitragePanel({ fit }: { fit: SurfaceFitView }) {
  const butterfly = fit.slices.filter((s) => s.minG < 0);
  const { calendar } = fit.arbitrage;
  const clean = butterfly.length === 0 && calendar.length === 0;
  const skipped = skippedTotals(fit);
  return (
    <div className="arbitrage" data-testid="arbitrage-panel">
      <div className={`arb-status ${clean ? 'ok' : 'bad'}`} data-testid="arbitrage-status">
        {clean ? 'No static arbitrage' : 'Arbitrage in the fit'}
        <span className="muted">
          {' '}
          min g {fmtNumber(fit.arbitrage.butterflyMinG, 3)} on k {'\u2208'} [
          {fmtNumber(fit.arbitrage.gridKMin, 1)}, {fmtNumber(fit.arbitrage.gridKMax, 1)}],{' '}
          {calendar.length} calendar crossing{calendar.length === 1 ? '' : 's'}
          {fit.arbitrageFree ? ' \u00b7 arbitrage-free SVI fit' : ''}
        </span>
      </div>
      <ul className="warnings">
        {butterfly.map((s) => (
          <li key={s.expiry} className="neg">
            Butterfly {s.expiry}: g {'<'} 0 on k {'\u2208'}{' '}
            {s.negativeG.map(([a, b]) => `[${a.toFixed(2)}, ${b.toFixed(2)}]`).join(', ')} (min{' '}
            {fmtNumber(s.minG, 4)})
          </li>
        ))}
        {calendar.map((c) => (
          <li key={`${c.from}-${c.to}`} className="neg">
            Calendar {c.from} {'\u2192'} {c.to}: total variance falls on k {'\u2208'} [
            {c.kMin.toFixed(2)}, {c.kMax.toFixed(2)}] (worst {c.worstExcess.toExponential(2)})
          </li>
        ))}
        {fit.slices
          .filter((s) => s.arbitrageFeasible === false)
          .map((s) => (
            <li key={`feasible-${s.expiry}`} className="warn">
              {s.expiry}: the arbitrage-free repair did not meet every condition
            </li>
          ))}
        {fit.unusable.map((u) => (
          <li key={`unusable-${u.expiry}`} className="warn">
            {u.expiry} not fitted: {u.reason}
          </li>
        ))}
        {skipped.length > 0 ? (
          <li className="muted">
            Skipped quotes: {skipped.map(([r, n]) => `${r} ${n}`).join(' \u00b7 ')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
