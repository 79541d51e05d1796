/**
 * Vol surface screen: pick an underlying and a model (SVI arbitrage-free, SABR, or unconstrained
 * SVI when that fit is on). Four tabs: Surface (the fitted surface in 3D with the market points,
 * one expiry's smile with bid/ask bars, ATM term structure, metric history under a time slider,
 * fit quality and residuals, arbitrage report, the book priced off the surface), Local vol
 * (Dupire heatmap and slice), Models (Heston and Merton beside SVI: smiles, parameters, misfit,
 * model risk on the book) and Constraint (unconstrained vs arbitrage-free SVI).
 */
import { useEffect } from 'react';
import './surface-tabs.css';
import type { SurfaceModel, SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { fmtNumber, fmtPrice } from '../../ui/format';
import { ArbitragePanel } from './arbitrage-panel';
import { BookVolsPanel } from './book-vols-panel';
import { ConstraintView } from './constraint-view';
import { ExpirySwitch } from './expiry-switch';
import { QualityTable, ResidualsTable } from './fit-tables';
import { HistoryPanel } from './history-panel';
import { LocalVolView } from './local-vol-view';
import { ModelsView } from './models-view';
import { SmileChart } from './smile-chart';
import { Surface3d } from './surface-3d';
import { days, pts, timeText } from './surface-format';
import { refit, select, startSurfaceFeed, useSurfaceStore, type SurfaceTab } from './surface.store';
import { TermChart } from './term-chart';
import { VarianceChart } from './variance-chart';

const MODELS: { id: SurfaceModel; label: string; title: string }[] = [
  { id: 'svi', label: 'SVI', title: 'raw SVI per expiry, fitted free of static arbitrage' },
  { id: 'sabr', label: 'SABR', title: 'Hagan SABR per expiry, beta = 1' },
  {
    id: 'svi-free',
    label: 'SVI free',
    title: 'raw SVI per expiry without the arbitrage constraints (comparison only)',
  },
];

const MODEL_TITLE = { svi: 'SVI', sabr: 'SABR', 'svi-free': 'SVI, unconstrained' } as const;

const TABS: { id: SurfaceTab; label: string }[] = [
  { id: 'surface', label: 'Surface' },
  { id: 'local-vol', label: 'Local vol' },
  { id: 'models', label: 'Models: Heston \u00b7 Merton' },
  { id: 'constraint', label: 'Arbitrage constraint' },
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
        {MODELS.filter((m) => m.id !== 'svi-free' || status?.settings.fitUnconstrained).map((m) => (
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
        <ExpirySwitch slices={slices} selected={slice?.expiry} />
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

function TabBar() {
  const tab = useSurfaceStore((s) => s.tab);
  return (
    <div className="surface-tabs" role="tablist" data-testid="surface-tabs">
      {TABS.map((t) => (
        <button
          key={t.id}
          role="tab"
          aria-selected={t.id === tab}
          className={t.id === tab ? 'on' : ''}
          onClick={() => useSurfaceStore.setState({ tab: t.id })}
          data-testid={`tab-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function SurfaceView() {
  useEffect(() => startSurfaceFeed(), []);
  const { fit, grid, error, tab } = useSurfaceStore();
  return (
    <div className="surface" data-testid="surface-view">
      <Toolbar />
      <TabBar />
      {error ? <div className="error panel">{error}</div> : null}
      {tab === 'models' ? (
        <ModelsView />
      ) : tab === 'constraint' ? (
        <ConstraintView />
      ) : !fit || !grid ? (
        <div className="loading">Fitting the surface{'\u2026'}</div>
      ) : tab === 'local-vol' ? (
        <LocalVolView />
      ) : (
        <SurfaceTab />
      )}
    </div>
  );
}

function SurfaceTab() {
  const { fit, grid, expiry, history, historyIndex } = useSurfaceStore();
  const past = historyIndex !== undefined ? history[historyIndex] : undefined;
  const slice = fit?.slices.find((s) => s.expiry === expiry) ?? fit?.slices[0];
  if (!fit || !grid) return null;
  return (
    <>
      <div className="surface-row top">
        <section className="panel">
          <header className="panel-head">
            <h2>
              {fit.underlying} implied vol surface{' '}
              <span className="muted">({MODEL_TITLE[fit.model]})</span>
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
  );
}
