/**
 * The stored metric history with a time slider: ATM vol, 25-delta risk reversal and butterfly at
 * one constant maturity over time; the slider picks a stored fit whose term structure the term
 * chart overlays and whose numbers are listed here.
 */
import { useMemo, useState } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceHistoryPoint } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';
import { pts, timeText, volPct } from './surface-format';
import { useSurfaceStore } from './surface.store';

const TENORS = [7, 30, 90];
const MINUTE_MS = 60_000;

function series(history: SurfaceHistoryPoint[], tenor: number) {
  const x: number[] = [];
  const atm: number[] = [];
  const rr: number[] = [];
  const bf: number[] = [];
  for (const p of history) {
    const t = p.tenors.find((m) => m.tenorDays === tenor);
    if (!t) continue;
    x.push(p.tsMs);
    atm.push(100 * t.atmVol);
    rr.push(100 * t.rr25);
    bf.push(100 * t.bf25);
  }
  return { x, atm, rr, bf };
}

/** [min, max] padded by 10% (at least `minPad`), so flat or short series still get an axis. */
function span(values: number[], minPad: number): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(minPad, 0.1 * (hi - lo));
  return [lo - pad, hi + pad];
}

export function HistoryPanel({ height }: { height: number }) {
  const history = useSurfaceStore((s) => s.history);
  const index = useSurfaceStore((s) => s.historyIndex);
  const [tenor, setTenor] = useState(30);
  const s = useMemo(() => series(history, tenor), [history, tenor]);
  const at = index !== undefined ? history[index] : history[history.length - 1];
  const atTenor = at?.tenors.find((t) => t.tenorDays === tenor);
  const mode = s.x.length < 40 ? ('lines+markers' as const) : ('lines' as const);
  const data = useMemo(
    (): Data[] => [
      {
        type: 'scatter',
        mode,
        name: `ATM ${tenor}d %`,
        x: s.x,
        y: s.atm,
        line: { color: COLORS.fit, width: 1.8 },
        marker: { size: 4 },
        hovertemplate: '%{x|%H:%M:%S}<br>ATM %{y:.2f}%<extra></extra>',
      },
      {
        type: 'scatter',
        mode,
        name: 'RR25 pts',
        x: s.x,
        y: s.rr,
        yaxis: 'y2',
        line: { color: COLORS.warn, width: 1.4 },
        marker: { size: 3 },
        hovertemplate: 'RR25 %{y:.2f}<extra></extra>',
      },
      {
        type: 'scatter',
        mode,
        name: 'BF25 pts',
        x: s.x,
        y: s.bf,
        yaxis: 'y2',
        line: { color: COLORS.history, width: 1.4 },
        marker: { size: 3 },
        hovertemplate: 'BF25 %{y:.2f}<extra></extra>',
      },
    ],
    [s, tenor, mode],
  );
  const first = s.x[0];
  const last = s.x[s.x.length - 1];
  return (
    <section className="panel" data-testid="surface-history">
      <header className="panel-head">
        <h2>History</h2>
        <div className="seg">
          {TENORS.map((t) => (
            <button key={t} className={t === tenor ? 'on' : ''} onClick={() => setTenor(t)}>
              {t}d
            </button>
          ))}
        </div>
      </header>
      {first === undefined || last === undefined ? (
        <div className="muted chart-empty" style={{ height }}>
          No stored {tenor}d metrics yet: the history fills as surfaces are refitted.
        </div>
      ) : (
        <Chart
          testId="history-chart"
          height={height}
          data={data}
          layout={darkLayout({
            margin: { l: 40, r: 40, t: 24, b: 30 },
            xaxis: {
              type: 'date',
              // A few minutes at least, so one or two fits do not stretch to milliseconds.
              range: [Math.min(first, last - 10 * MINUTE_MS), last + MINUTE_MS],
            },
            yaxis: { title: { text: 'ATM %' }, range: span(s.atm, 0.25) },
            yaxis2: {
              overlaying: 'y',
              side: 'right',
              range: span([...s.rr, ...s.bf], 0.25),
              gridcolor: 'rgba(0,0,0,0)',
              tickfont: { size: 10, color: COLORS.muted },
              zerolinecolor: COLORS.grid,
            },
            shapes: at
              ? [
                  {
                    type: 'line',
                    x0: at.tsMs,
                    x1: at.tsMs,
                    yref: 'paper',
                    y0: 0,
                    y1: 1,
                    line: { color: COLORS.history, width: 1, dash: 'dot' },
                  },
                ]
              : [],
          })}
        />
      )}
      <div className="time-slider">
        <input
          type="range"
          aria-label="history time"
          data-testid="history-slider"
          min={0}
          max={Math.max(0, history.length - 1)}
          value={index ?? Math.max(0, history.length - 1)}
          disabled={history.length < 2}
          onChange={(e) => {
            const i = Number(e.target.value);
            useSurfaceStore.setState({ historyIndex: i >= history.length - 1 ? undefined : i });
          }}
        />
        <span className={index === undefined ? 'muted' : 'history-at'}>
          {index === undefined ? 'latest' : timeText(at?.tsMs)}
        </span>
      </div>
      <div className="history-values" data-testid="history-values">
        <span>
          {history.length} fit{history.length === 1 ? '' : 's'} stored
        </span>
        <span>
          ATM {tenor}d {volPct(atTenor?.atmVol, 2)}
        </span>
        <span>RR25 {pts(atTenor ? 100 * atTenor.rr25 : undefined)}</span>
        <span>BF25 {pts(atTenor ? 100 * atTenor.bf25 : undefined)}</span>
        <span>RMSE {pts(at?.rmseVolPts, 3)}</span>
      </div>
    </section>
  );
}
