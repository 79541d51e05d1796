/**
 * The book on the surface: each option position's quote vol, the fitted surface's vol at its
 * strike and expiry, the difference, and what the last revaluation used; with the pricing
 * switches (price off the surface, sticky-strike or sticky-delta).
 */
import { fmtUsd } from '../../ui/format';
import { pts, volPct } from './surface-format';
import { saveSettings, useSurfaceStore } from './surface.store';

const STICKY_HELP = {
  'sticky-strike':
    'Each strike keeps its vol when spot moves: delta is the Black-Scholes delta at the surface vol.',
  'sticky-delta':
    'The smile moves with the forward (vol fixed at each K/F): a strike\u2019s vol changes with spot, and delta includes vega \u00d7 dVol/dSpot.',
} as const;

export function BookVolsPanel() {
  const rows = useSurfaceStore((s) => s.bookVols);
  const settings = useSurfaceStore((s) => s.status?.settings);
  return (
    <section className="panel" data-testid="book-vols">
      <header className="panel-head">
        <h2>Book on the surface</h2>
        {settings ? (
          <>
            <label className="check" title="Value the book's options at the fitted SVI surface">
              <input
                type="checkbox"
                checked={settings.priceBookOffSurface}
                onChange={(e) => void saveSettings({ priceBookOffSurface: e.target.checked })}
              />
              price off surface
            </label>
            <div className="seg" data-testid="stickiness">
              {(['sticky-strike', 'sticky-delta'] as const).map((s) => (
                <button
                  key={s}
                  className={settings.stickiness === s ? 'on' : ''}
                  title={STICKY_HELP[s]}
                  onClick={() => void saveSettings({ stickiness: s })}
                >
                  {s}
                </button>
              ))}
            </div>
          </>
        ) : null}
      </header>
      <table className="table compact">
        <thead>
          <tr>
            <th>Option</th>
            <th className="num">Qty</th>
            <th className="num">Quote IV</th>
            <th className="num">Surface IV</th>
            <th className="num" title="surface - quote, vol points">
              {'\u0394'} pts
            </th>
            <th className="num">Used</th>
            <th className="num">Vega $/pt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.positionId}>
              <td>{r.symbol}</td>
              <td className="num">{r.quantity}</td>
              <td className="num">{volPct(r.quoteIv, 2)}</td>
              <td className="num">{volPct(r.surfaceIv, 2)}</td>
              <td className="num">{pts(r.diffVolPts, 2)}</td>
              <td className="num">
                {volPct(r.usedIv, 2)}{' '}
                <span className={`tag src-${r.usedSource ?? 'none'}`}>
                  {r.usedSource ?? '\u2014'}
                </span>
              </td>
              <td className="num">{fmtUsd(r.vegaUsdPerVolPt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {settings ? <div className="footnote">{STICKY_HELP[settings.stickiness]}</div> : null}
    </section>
  );
}
