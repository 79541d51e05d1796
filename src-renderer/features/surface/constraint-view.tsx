/**
 * The Constraint tab: what fitting SVI free of static arbitrage costs. The unconstrained fit
 * (setting `fitUnconstrained`) beside the arbitrage-free one: butterfly (min g) and calendar
 * violations of each, RMSE per expiry and the difference, and one expiry's two smiles over the
 * market.
 */
import { useEffect, useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceFitView, SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { fmtNumber } from '../../ui/format';
import { Chart } from './chart';
import { setUnconstrained, startConstraintFeed, useConstraintStore } from './constraint.store';
import { ExpirySwitch } from './expiry-switch';
import { COLORS, darkLayout } from './plot-theme';
import { days, pts, strikeText } from './surface-format';
import { useSurfaceStore } from './surface.store';

const FREE_COLOR = '#ffa657';

function FitCard({ fit, title }: { fit: SurfaceFitView; title: string }) {
  const bad = fit.arbitrage.butterflyMinG < 0 || fit.arbitrage.calendar.length > 0;
  return (
    <div className={`model-card ${bad ? 'bad' : 'ok'}`} data-testid={`fit-card-${fit.model}`}>
      <div className="model-card-head">{title}</div>
      <div className="kv">
        <span className="muted">RMSE (all quotes)</span>
        <b className="num">{pts(fit.summary.rmseVolPts, 3)} pts</b>
      </div>
      <div className="kv">
        <span className="muted">butterfly: min g</span>
        <b className={`num ${fit.arbitrage.butterflyMinG < 0 ? 'neg' : ''}`} data-testid="min-g">
          {fmtNumber(fit.arbitrage.butterflyMinG, 4)}
        </b>
      </div>
      <div className="kv">
        <span className="muted">calendar violations</span>
        <b
          className={`num ${fit.arbitrage.calendar.length > 0 ? 'neg' : ''}`}
          data-testid="calendar"
        >
          {fit.arbitrage.calendar.length}
        </b>
      </div>
      <div className="kv">
        <span className="muted">fit time</span>
        <b className="num">{fmtNumber(fit.fitMs, 1)} ms</b>
      </div>
    </div>
  );
}

function TwoSmiles({
  con,
  free,
  height,
}: {
  con: SurfaceSliceView;
  free: SurfaceSliceView;
  height: number;
}) {
  const data = useMemo(
    (): Data[] => [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'market',
        x: con.market.map((p) => p.strike),
        y: con.market.map((p) => 100 * p.targetIv),
        marker: { size: 5, color: COLORS.market },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'arbitrage-free',
        x: con.curve.strike,
        y: con.curve.iv.map((v) => 100 * v),
        line: { color: COLORS.fit, width: 2.2 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'unconstrained',
        x: free.curve.strike,
        y: free.curve.iv.map((v) => 100 * v),
        line: { color: FREE_COLOR, width: 1.8, dash: 'dash' },
      },
    ],
    [con, free],
  );
  return (
    <Chart
      testId="constraint-smiles"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 48, r: 12, t: 26, b: 38 },
        xaxis: { title: { text: `strike (forward ${strikeText(con.forward)})` } },
        yaxis: { title: { text: 'implied vol %' } },
        uirevision: con.expiry,
      })}
    />
  );
}

/** Whether the arbitrage-free fit moved any SVI parameter away from the plain fit. */
function repaired(con: SurfaceSliceView, free: SurfaceSliceView | undefined): boolean {
  if (!free) return false;
  return Object.entries(con.params).some(
    ([k, v]) => Math.abs(v - (free.params[k] ?? NaN)) > 1e-9 || !(k in free.params),
  );
}

function CostTable({
  con,
  free,
  selected,
}: {
  con: SurfaceFitView;
  free: SurfaceFitView;
  selected?: string;
}) {
  const freeOf = new Map(free.slices.map((s) => [s.expiry, s]));
  return (
    <table className="table compact" data-testid="constraint-table">
      <thead>
        <tr>
          <th>Expiry</th>
          <th className="num">T</th>
          <th className="num" title="RMSE of the unconstrained fit, vol points">
            RMSE free
          </th>
          <th className="num" title="RMSE of the arbitrage-free fit, vol points">
            RMSE arb-free
          </th>
          <th className="num" title="arbitrage-free - unconstrained RMSE, vol points">
            Cost
          </th>
          <th className="num">min g free</th>
          <th className="num">min g arb-free</th>
          <th title="whether the constrained fit had to change the plain fit's parameters">
            Repaired
          </th>
        </tr>
      </thead>
      <tbody>
        {con.slices.map((s) => {
          const f = freeOf.get(s.expiry);
          const cost = f ? s.rmseVolPts - f.rmseVolPts : undefined;
          return (
            <tr
              key={s.expiry}
              className={`clickable${s.expiry === selected ? ' selected' : ''}`}
              onClick={() => useSurfaceStore.setState({ expiry: s.expiry })}
            >
              <td>{s.expiry}</td>
              <td className="num">{days(s.tYears)}</td>
              <td className="num">{pts(f?.rmseVolPts, 3)}</td>
              <td className="num">{pts(s.rmseVolPts, 3)}</td>
              <td
                className={`num ${cost !== undefined && cost > 0.05 ? 'warn' : ''}`}
                data-testid="constraint-cost"
              >
                {pts(cost, 3)}
              </td>
              <td className={`num ${f && f.minG < 0 ? 'neg' : ''}`}>{fmtNumber(f?.minG, 3)}</td>
              <td className={`num ${s.minG < 0 ? 'neg' : ''}`}>{fmtNumber(s.minG, 3)}</td>
              <td className={repaired(s, f) ? 'warn' : 'muted'}>
                {f === undefined ? '\u2014' : repaired(s, f) ? 'yes' : 'no'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ConstraintView() {
  useEffect(() => startConstraintFeed(), []);
  const { svi, free, error } = useConstraintStore();
  const { status, expiry } = useSurfaceStore();
  const on = status?.settings.fitUnconstrained ?? false;
  const toggle = (
    <label className="check" title="Fit plain SVI as well, without the arbitrage constraints">
      <input
        type="checkbox"
        checked={on}
        data-testid="fit-unconstrained"
        onChange={(e) => void setUnconstrained(e.target.checked)}
      />
      fit unconstrained SVI
    </label>
  );
  if (!on)
    return (
      <section className="panel" data-testid="constraint-view">
        <header className="panel-head">
          <h2>What the no-arbitrage constraint costs</h2>
          {toggle}
        </header>
        <p className="muted">
          The app fits SVI free of static arbitrage (Gatheral-Jacquier conditions). Turn on the
          unconstrained fit to see it beside the plain fit: butterfly and calendar violations of
          each and the RMSE the constraint adds per expiry.
        </p>
      </section>
    );
  const con = svi?.slices.find((s) => s.expiry === expiry) ?? svi?.slices[0];
  const f = free?.slices.find((s) => s.expiry === con?.expiry);
  const pooledCost = svi && free ? svi.summary.rmseVolPts - free.summary.rmseVolPts : undefined;
  const unchanged =
    svi !== undefined &&
    free !== undefined &&
    svi.slices.every(
      (c) =>
        !repaired(
          c,
          free.slices.find((x) => x.expiry === c.expiry),
        ),
    );
  return (
    <div className="surface-row constraint" data-testid="constraint-view">
      <section className="panel">
        <header className="panel-head">
          <h2>What the no-arbitrage constraint costs</h2>
          {toggle}
        </header>
        {error ? <div className="error">{error}</div> : null}
        {svi && free ? (
          <>
            <div className="model-cards">
              <FitCard fit={free} title="Unconstrained SVI" />
              <FitCard fit={svi} title="Arbitrage-free SVI (prices the book)" />
            </div>
            <div className="cost-line">
              Constraint cost, pooled RMSE: <b data-testid="pooled-cost">{pts(pooledCost, 3)}</b>{' '}
              vol pts
              {unchanged ? (
                <div className="muted" data-testid="constraint-free">
                  The plain fit already meets every condition here (g {'\u2265'} 0, no calendar
                  crossing), so the arbitrage-free fit keeps it: the constraint costs nothing on
                  this chain.
                </div>
              ) : null}
              {free.arbitrage.calendar.map((c) => (
                <div key={`${c.from}-${c.to}`} className="neg">
                  Unconstrained calendar crossing {c.from} {'\u2192'} {c.to} on k {'\u2208'} [
                  {c.kMin.toFixed(2)}, {c.kMax.toFixed(2)}]
                </div>
              ))}
            </div>
            <CostTable con={svi} free={free} {...(con ? { selected: con.expiry } : {})} />
          </>
        ) : (
          <div className="loading">Fitting unconstrained SVI{'\u2026'}</div>
        )}
      </section>
      <section className="panel">
        <header className="panel-head">
          <h2>Both fits</h2>
          {svi ? (
            <ExpirySwitch slices={svi.slices} selected={con?.expiry} testId="cc-expiry-switch" />
          ) : null}
        </header>
        {con && f ? <TwoSmiles con={con} free={f} height={380} /> : null}
      </section>
    </div>
  );
}
