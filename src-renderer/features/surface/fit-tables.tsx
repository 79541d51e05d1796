/**
 * Fit quality per expiry (click a row to show its smile) and the residuals of the selected
 * expiry strike by strike: bid, ask, the target vol, the fitted vol and the miss in vol points.
 */
import type { SurfaceFitView, SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { fmtNumber } from '../../ui/format';
import { days, pts, share, strikeText, volPct } from './surface-format';
import { useSurfaceStore } from './surface.store';

export function QualityTable({ fit, selected }: { fit: SurfaceFitView; selected?: string }) {
  return (
    <table className="table compact" data-testid="quality-table">
      <thead>
        <tr>
          <th>Expiry</th>
          <th className="num">T</th>
          <th className="num">Forward</th>
          <th className="num">Quotes</th>
          <th className="num" title="root mean square error vs the fit target, vol points">
            RMSE
          </th>
          <th className="num" title="largest miss, vol points">
            Max
          </th>
          <th className="num" title="share of two-sided quotes with the fit inside bid/ask">
            In b/a
          </th>
          <th className="num" title="minimum of Durrleman's g (< 0: butterfly arbitrage)">
            min g
          </th>
          <th className="num">ATM</th>
          <th className="num" title="25-delta risk reversal, vol points">
            RR25
          </th>
          <th className="num" title="25-delta butterfly, vol points">
            BF25
          </th>
          <th className="num" title="d vol / d ln(K/F) at the money">
            Skew
          </th>
        </tr>
      </thead>
      <tbody>
        {fit.slices.map((s) => (
          <tr
            key={s.expiry}
            className={`clickable${s.expiry === selected ? ' selected' : ''}`}
            onClick={() => useSurfaceStore.setState({ expiry: s.expiry })}
          >
            <td>
              {s.expiry}
              {s.liquid ? '' : <span className="tag">illiquid</span>}
            </td>
            <td className="num">{days(s.tYears)}</td>
            <td className="num">{strikeText(s.forward)}</td>
            <td className="num">{s.quotes}</td>
            <td className="num" data-testid="rmse">
              {pts(s.rmseVolPts, 3)}
            </td>
            <td className="num">{pts(s.maxAbsErrVolPts, 2)}</td>
            <td className="num">{share(s.insideBidAsk)}</td>
            <td className={`num ${s.minG < 0 ? 'neg' : ''}`}>{fmtNumber(s.minG, 3)}</td>
            <td className="num">{volPct(s.metrics?.atmVol)}</td>
            <td className="num">{pts(s.metrics ? 100 * s.metrics.rr25 : undefined)}</td>
            <td className="num">{pts(s.metrics ? 100 * s.metrics.bf25 : undefined)}</td>
            <td className="num">{fmtNumber(s.metrics?.skewSlope, 3)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>All</td>
          <td />
          <td />
          <td className="num">{fit.summary.quotes}</td>
          <td className="num" data-testid="rmse-total">
            {pts(fit.summary.rmseVolPts, 3)}
          </td>
          <td />
          <td className="num">{share(fit.summary.insideBidAsk)}</td>
          <td className={`num ${fit.arbitrage.butterflyMinG < 0 ? 'neg' : ''}`}>
            {fmtNumber(fit.arbitrage.butterflyMinG, 3)}
          </td>
          <td colSpan={4} />
        </tr>
      </tfoot>
    </table>
  );
}

export function ResidualsTable({ slice }: { slice: SurfaceSliceView }) {
  return (
    <div className="scroll-table">
      <table className="table compact" data-testid="residuals-table">
        <thead>
          <tr>
            <th className="num">Strike</th>
            <th>Side</th>
            <th className="num">Bid</th>
            <th className="num">Ask</th>
            <th className="num">Target</th>
            <th className="num">Fit</th>
            <th className="num" title="fit - target, vol points">
              Resid
            </th>
            <th className="num">In</th>
          </tr>
        </thead>
        <tbody>
          {slice.market.map((p) => (
            <tr key={`${p.strike}-${p.type}`}>
              <td className="num">{strikeText(p.strike)}</td>
              <td className="muted">{p.type === 'call' ? 'C' : 'P'}</td>
              <td className="num">{volPct(p.bidIv, 2)}</td>
              <td className="num">{volPct(p.askIv, 2)}</td>
              <td className="num">{volPct(p.targetIv, 2)}</td>
              <td className="num">{volPct(p.fitIv, 2)}</td>
              <td className={`num ${Math.abs(p.residualVolPts) > 1 ? 'warn' : ''}`}>
                {pts(p.residualVolPts, 2)}
              </td>
              <td className={`num ${p.inside === false ? 'warn' : 'muted'}`}>
                {p.inside === undefined ? '\u2014' : p.inside ? '\u2713' : '\u2717'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
