/**
 * The Models tab: Heston and Merton calibrated to the arbitrage-free SVI surface as a model-risk
 * comparison. The run header (when, how long, Calibrate now / Cancel with the stage under way),
 * the smiles of the selected expiry, the calibrated parameters, each model's RMSE against the
 * market per expiry, and the book's options valued under the three models.
 */
import { useEffect } from 'react';
import { fmtNumber } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { ExpirySwitch } from './expiry-switch';
import { HestonCard, MertonCard, ModelRmseTable } from './model-params';
import { ModelRiskTable } from './model-risk-table';
import { ModelRmseChart, ModelSmileChart } from './model-smile-chart';
import {
  calibrateModels,
  cancelModels,
  startModelsFeed,
  useModelsStore,
  type ModelsState,
} from './models.store';
import { days, pts, timeText } from './surface-format';
import { useSurfaceStore } from './surface.store';

const STAGE_TEXT = {
  heston: 'calibrating Heston',
  merton: 'calibrating Merton',
  smiles: 'drawing smiles',
  book: 'valuing the book',
} as const;

function RunHeader({ state }: { state: ModelsState | undefined }) {
  const stage = useModelsStore((s) => s.stage);
  const now = useNow(500);
  const running = state?.running;
  const view = state?.view;
  return (
    <div className="models-run panel" data-testid="models-run">
      {running ? (
        <span className="running" data-testid="models-running">
          <span className="spinner" /> {STAGE_TEXT[stage ?? running.stage ?? 'heston']}
          {'\u2026'} {fmtNumber(Math.max(0, now - running.startedMs) / 1000, 1)} s
        </span>
      ) : view ? (
        <span>
          Calibrated to the SVI fit of <b>{timeText(view.fitAsOfMs)}</b> in{' '}
          <b data-testid="models-compute-ms">{fmtNumber(view.computeMs, 0)} ms</b>
          <span className="muted">
            {' '}
            (Heston {fmtNumber(view.heston?.calibMs, 0)} ms, Merton{' '}
            {fmtNumber(view.merton?.calibMs, 0)} ms)
          </span>
        </span>
      ) : (
        <span className="muted">Not calibrated yet</span>
      )}
      {state?.error && !running ? <span className="warn">{state.error}</span> : null}
      <div className="spacer" />
      <span className="muted">
        expiries {'\u2265'} {view ? days(view.minTYears) : '2d'} in the calibration {'\u00b7'} every{' '}
        {state?.everyMinutes ?? '\u2014'} min
      </span>
      {running ? (
        <button onClick={() => void cancelModels()} data-testid="models-cancel">
          Cancel
        </button>
      ) : (
        <button onClick={() => void calibrateModels()} data-testid="models-calibrate">
          Calibrate now
        </button>
      )}
    </div>
  );
}

export function ModelsView() {
  useEffect(() => startModelsFeed(), []);
  const { state, error } = useModelsStore();
  const { fit, expiry } = useSurfaceStore();
  const view = state?.view;
  const smile = view?.slices.find((s) => s.expiry === expiry) ?? view?.slices[0];
  return (
    <div className="models" data-testid="models-view">
      <RunHeader state={state} />
      {error ? <div className="error panel">{error}</div> : null}
      {!view ? (
        <div className="loading">Calibrating Heston and Merton to the SVI surface{'\u2026'}</div>
      ) : (
        <>
          <div className="surface-row models-top">
            <section className="panel">
              <header className="panel-head">
                <h2>Smiles</h2>
                <ExpirySwitch
                  slices={view.slices}
                  selected={smile?.expiry}
                  testId="model-expiry-switch"
                />
              </header>
              {smile ? (
                <>
                  <div className="smile-caption">
                    <b>{smile.expiry}</b> <span className="muted">{days(smile.tYears)}</span>
                    <span>
                      RMSE {'\u00b1'}2 sd: SVI {pts(smile.rmseVolPts.svi, 3)} {'\u00b7'} Heston{' '}
                      {pts(smile.rmseVolPts.heston, 2)} {'\u00b7'} Merton{' '}
                      {pts(smile.rmseVolPts.merton, 2)} vol pts
                    </span>
                  </div>
                  <ModelSmileChart
                    smile={smile}
                    market={fit?.slices.find((s) => s.expiry === smile.expiry)}
                    height={380}
                  />
                </>
              ) : null}
            </section>
            <section className="panel">
              <header className="panel-head">
                <h2>Calibrated parameters</h2>
              </header>
              <div className="model-cards stack">
                <HestonCard
                  h={view.heston}
                  {...(view.hestonError ? { error: view.hestonError } : {})}
                />
                <MertonCard
                  m={view.merton}
                  {...(view.mertonError ? { error: view.mertonError } : {})}
                />
              </div>
            </section>
            <section className="panel">
              <header className="panel-head">
                <h2>Miss vs market by expiry</h2>
                <span className="muted">RMSE, vol pts</span>
              </header>
              <ModelRmseTable slices={view.slices} selected={smile?.expiry} />
              <ModelRmseChart slices={view.slices} height={150} />
            </section>
          </div>
          <section className="panel">
            <header className="panel-head">
              <h2>Model risk on the book</h2>
              <span className="muted">
                {view.underlying} options, European values as of the fit (spot{' '}
                {fmtNumber(view.spot, 2)})
              </span>
            </header>
            <ModelRiskTable view={view} />
            <div className="footnote">
              Vega per vol point is each model{'\u2019'}s own level shift: SVI, the whole surface +1
              pt (Black vega); Heston, {'\u221a'}v0 and {'\u221a'}
              {'\u03b8'} +1 pt; Merton, the diffusion vol +1 pt. Equity options are American in the
              book and valued European here under every model, so the columns differ by model only.
            </div>
          </section>
        </>
      )}
    </div>
  );
}
