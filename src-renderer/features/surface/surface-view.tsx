/**
 * Vol surface screen: pick an underlying and a model (SVI arbitrage-free or SABR); see the fitted
 * surface in 3D with the market points, the smile of one expiry with bid/ask bars, the ATM term
 * structure, the metric history under a time slider, fit quality and residuals, the arbitrage
 * report, and the book's options priced off the surface.
 */
import { useEffect } from 'react';
import type { SurfaceModel, SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { fmtNumber, fmtPrice } from '../../ui/format';
import { ArbitragePanel } from './arbitrage-panel';
import { BookVolsPanel } from './book-vols-panel';
import { QualityTable, ResidualsTable } from './fit-tables';
import { HistoryPanel } from './history-panel';
import { SmileChart } from './smile-chart';
import { Surface3d } from './surface-3d';
import { days, pts, timeText } from './surface-format';
import { refit, select, startSurfaceFeed, useSurfaceStore } from './surface.store';
import { TermChart } from './term-chart';
import { VarianceChart } from './variance-chart';

const MODELS: { id: SurfaceModel; label: string; title: string }[] = [
  { id: 'svi', label: 'SVI', title: 'raw SVI per expiry, fitted free of static arbitrage' },
  { id: 'sabr', label: 'SABR', title: 'Hagan SABR per expiry, beta = 1' },
];

const PARAM_LABELS: Record<string, string> = {
  a: 'a',
  b: 'b',
  rho: '\u03c1',
  m: 'm',
  sigma: '\u03c3',
  alpha: '\u03b1',
  beta: '\u03b2',
  nu: '\u03bd',
  vt: 'v',
  psit: '\u03c8',
  pt: 'p',
  ct: 'c',
  vtMin: 'v\u0303',
};

function paramText(params: Record<string, number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${PARAM_LABELS[k] ?? k} ${fmtNumber(v, 4)}`)
    .join('  ');
}

function Toolbar() {
  const { underlying, model, status, fit, refitting } = useSurfaceStore();
  return (
    <div className="surface-toolbar" data-testid="surface-toolbar">
      <div className="seg" data-testid="underlying-switch">
        {(status?.underlyings ?? []).map((u) => {
          const svi = u.fits.find((f) => f.model === model);
          return (
            <button
              key={u.underlying}
              className={u.underlying === underlying ? 'on' : ''}
              onClick={() => select({ underlying: u.underlying })}
              title={svi ? `RMSE ${pts(svi.rmseVolPts, 3)} vol pts` : 'not fitted yet'}
            >
              {u.underlying}
              {u.errors.length > 0 ? <span className="warn"> !</span> : null}
            </button>
          );
        })}
      </div>
      <div className="seg" data-testid="model-switch">
        {MODELS.map((m) => (
          <button
            key={m.id}
            className={m.id === model ? 'on' : ''}
            title={m.title}
            onClick={() => select({ model: m.id })}
          >
            {m.label}
          </button>
        ))}
      </div>
      <button onClick={() => void refit()} disabled={refitting} data-testid="refit">
        {refitting ? 'Fitting\u2026' : 'Refit now'}
      </button>
      <div className="spacer" />
      {fit ? (
        <div className="surface-meta muted" data-testid="surface-meta">
          <span>
            spot <b>{fmtPrice(fit.spot)}</b>
          </span>
          <span>
            RMSE <b data-testid="rmse-headline">{pts(fit.summary.rmseVolPts, 3)}</b> vol pts
          </span>
          <span>{fit.slices.length} expiries</span>
          <span>fit {fmtNumber(fit.fitMs, 1)} ms</span>
          <span>
            {fit.source} {'\u00b7'} {timeText(fit.asOfMs)}
          </span>
          {status ? <span>refit every {status.settings.refitSeconds}s</span> : null}
        </div>
      ) : null}
    </div>
  );
}

function SmilePanel({ slices, expiry }: { slices: SurfaceSliceView[]; expiry?: string }) {
  const slice = slices.find((s) => s.expiry === expiry) ?? slices[0];
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>Smile</h2>
        <div className="seg wrap" data-testid="expiry-switch">
          {slices.map((s) => (
            <button
              key={s.expiry}
              className={s.expiry === slice?.expiry ? 'on' : ''}
              onClick={() => useSurfaceStore.setState({ expiry: s.expiry })}
              title={s.expiry}
            >
              {days(s.tYears)}
            </button>
          ))}
        </div>
      </header>
      {slice ? (
        <>
          <div className="smile-caption">
            <b>{slice.expiry}</b> <span className="muted">{days(slice.tYears)}</span>
            <span>RMSE {pts(slice.rmseVolPts, 3)}</span>
            <span>in bid/ask {Math.round(100 * slice.insideBidAsk)}%</span>
            <span className="muted">{slice.quotes} quotes</span>
          </div>
          <SmileChart slice={slice} height={330} />
          <div className="params muted" data-testid="slice-params">
            {paramText(slice.params)}
            {slice.jw ? <span className="jw">JW: {paramText(slice.jw)}</span> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

export function SurfaceView() {
  useEffect(() => startSurfaceFeed(), []);
  const { fit, grid, expiry, error, history, historyIndex } = useSurfaceStore();
  const past = historyIndex !== undefined ? history[historyIndex] : undefined;
  const slice = fit?.slices.find((s) => s.expiry === expiry) ?? fit?.slices[0];
  return (
    <div className="surface" data-testid="surface-view">
      <Toolbar />
      {error ? <div className="error panel">{error}</div> : null}
      {!fit || !grid ? (
        <div className="loading">Fitting the surface{'\u2026'}</div>
      ) : (
        <>
          <div className="surface-row top">
            <section className="panel">
              <header className="panel-head">
                <h2>
                  {fit.underlying} implied vol surface{' '}
                  <span className="muted">({fit.model.toUpperCase()})</span>
                </h2>
              </header>
              <Surface3d grid={grid} height={420} />
            </section>
            <SmilePanel slices={fit.slices} {...(expiry ? { expiry } : {})} />
          </div>
          <div className="surface-row mid">
            <section className="panel">
              <header className="panel-head">
                <h2>ATM term structure</h2>
              </header>
              <TermChart fit={fit} past={past} height={236} />
            </section>
            <HistoryPanel height={180} />
            <section className="panel">
              <header className="panel-head">
                <h2>Arbitrage</h2>
              </header>
              <ArbitragePanel fit={fit} />
              <VarianceChart fit={fit} height={150} />
            </section>
          </div>
          <div className="surface-row bottom">
            <section className="panel">
              <header className="panel-head">
                <h2>Fit quality by expiry</h2>
                <span className="muted">vol points; click a row for its smile</span>
              </header>
              <QualityTable fit={fit} {...(slice ? { selected: slice.expiry } : {})} />
            </section>
            <section className="panel">
              <header className="panel-head">
                <h2>Residuals {slice ? slice.expiry : ''}</h2>
              </header>
              {slice ? <ResidualsTable slice={slice} /> : null}
            </section>
          </div>
          <BookVolsPanel />
        </>
      )}
    </div>
  );
}
