/**
 * The Local vol tab: Dupire local vol of the fitted surface (the model chosen in the toolbar) as a
 * k x T heatmap, and the selected expiry's local-vol slice beside its implied smile. Cells where
 * local vol is undefined (the surface has arbitrage there) are gaps, counted in the note.
 */
import { useEffect } from 'react';
import { fmtNumber } from '../../ui/format';
import { ExpirySwitch } from './expiry-switch';
import { LocalVolHeatmap, LocalVolSliceChart, LocalVolTermChart } from './local-vol-charts';
import { startLocalVolFeed, useLocalVolStore } from './local-vol.store';
import { days, volPct } from './surface-format';
import { useSurfaceStore } from './surface.store';

const MODEL_LABEL = {
  svi: 'SVI (arbitrage-free)',
  'svi-free': 'SVI (unconstrained)',
  sabr: 'SABR',
};

export function LocalVolView() {
  useEffect(() => startLocalVolFeed(), []);
  const { view, error } = useLocalVolStore();
  const { fit, expiry } = useSurfaceStore();
  if (error) return <div className="error panel">{error}</div>;
  if (!view || !fit) return <div className="loading">Computing local vol{'\u2026'}</div>;
  const slice = view.slices.find((s) => s.expiry === expiry) ?? view.slices[0];
  const fitSlice = fit.slices.find((s) => s.expiry === slice?.expiry);
  const cells = view.days.length * view.k.length;
  return (
    <div className="surface-row lv" data-testid="local-vol-view">
      <section className="panel">
        <header className="panel-head">
          <h2>
            {view.underlying} local vol <span className="muted">({MODEL_LABEL[view.model]})</span>
          </h2>
          <span className="muted">
            {view.days.length} maturities {'\u00d7'} {view.k.length} strikes
          </span>
        </header>
        <LocalVolHeatmap
          view={view}
          expiryDays={fit.slices.map((s) => s.tYears * 365)}
          height={470}
        />
        <div className="legend-note" data-testid="local-vol-note">
          <span className="swatch gap" /> gaps: no local vol where the surface has arbitrage (g{' '}
          {'\u2264'} 0 or {'\u2202'}w/{'\u2202'}T {'<'} 0){' \u00b7 '}
          <b data-testid="local-vol-gaps">{view.undefinedCells}</b> of {cells} cells
          <br />
          <span className="swatch expiry" /> fitted expiries. Between them total variance is linear
          in T, so {'\u2202'}w/{'\u2202'}T (and local vol) steps at each expiry.
        </div>
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>Local vs implied</h2>
          <ExpirySwitch slices={fit.slices} selected={slice?.expiry} testId="lv-expiry-switch" />
        </header>
        {slice && fitSlice ? (
          <>
            <div className="smile-caption">
              <b>{slice.expiry}</b> <span className="muted">{days(slice.tYears)}</span>
              <span>
                ATM implied {volPct(slice.atmImpliedVol, 1)} {'\u00b7'} local{' '}
                <span data-testid="local-vol-atm">{volPct(slice.atmLocalVol ?? undefined, 1)}</span>
              </span>
              <span className="muted">
                gaps {slice.localVol.filter((v) => v === null).length} / {slice.k.length}
              </span>
            </div>
            <LocalVolSliceChart slice={slice} forward={fitSlice.forward} height={300} />
            <LocalVolTermChart view={view} height={170} />
            <div className="footnote">
              Dupire in total variance: {'\u03c3'}
              <sub>loc</sub>
              {'\u00b2'} = ({'\u2202'}w/{'\u2202'}T) / g(k), g Durrleman{'\u2019'}s function. Local
              vol at the expiry uses the variance added up to the next expiry (the last one, since
              the previous). Skew: local vol moves about twice as fast in strike as implied vol near
              the money
              {fitSlice.metrics
                ? ` (implied skew ${fmtNumber(fitSlice.metrics.skewSlope, 3)})`
                : ''}
              .
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}
