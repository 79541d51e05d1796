/**
 * Several daily line series on one lightweight-charts pane (TradingView attribution kept as its
 * licence asks), with an HTML legend showing each line's last value. Null points are gaps; a line
 * with two points (start and end of a window) draws a level such as a mean or a band.
 */
import { useEffect, useRef } from 'react';
import {
  ColorType,
  createChart,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';

export interface LinePoint {
  tsMs: number;
  value: number | null;
}

export interface ChartLine {
  id: string;
  label: string;
  color: string;
  points: LinePoint[];
  style?: 'solid' | 'dashed' | 'dotted';
  width?: 1 | 2 | 3;
  /** Leave out of the legend (bands drawn as two lines share one legend entry). */
  hideInLegend?: boolean;
  /** Legend text instead of the formatted last value. */
  legendValue?: string;
}

interface LineChartProps {
  lines: ChartLine[];
  format: (x: number) => string;
  height?: number;
  testId: string;
  /** Show from this time on (the rest stays reachable by scrolling); default: everything. */
  fromMs?: number | undefined;
}

const STYLE = { solid: LineStyle.Solid, dashed: LineStyle.Dashed, dotted: LineStyle.Dotted };
const toTime = (tsMs: number) => Math.floor(tsMs / 1000) as UTCTimestamp;

function lastValue(points: LinePoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]?.value;
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

export function LineChart({ lines, format, height = 260, testId, fromMs }: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef(new Map<string, ISeriesApi<'Line'>>());
  const formatRef = useRef(format);
  useEffect(() => {
    formatRef.current = format;
  }, [format]);

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, {
      height,
      layout: {
        background: { type: ColorType.Solid, color: '#0d1117' },
        textColor: '#c9d1d9',
        attributionLogo: true,
      },
      grid: { vertLines: { color: '#1c2330' }, horzLines: { color: '#1c2330' } },
      timeScale: { borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      localization: { priceFormatter: (x: number) => formatRef.current(x) },
      autoSize: true,
    });
    chart.current = c;
    const owned = series.current;
    return () => {
      c.remove();
      chart.current = null;
      owned.clear();
    };
  }, [height]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const live = series.current;
    for (const [id, s] of live) {
      if (!lines.some((l) => l.id === id)) {
        c.removeSeries(s);
        live.delete(id);
      }
    }
    for (const line of lines) {
      let s = live.get(line.id);
      const options = {
        color: line.color,
        lineWidth: line.width ?? 2,
        lineStyle: STYLE[line.style ?? 'solid'],
        priceLineVisible: false,
        lastValueVisible: !line.hideInLegend,
        crosshairMarkerVisible: !line.hideInLegend,
        title: '',
      };
      if (!s) {
        s = c.addSeries(LineSeries, options);
        live.set(line.id, s);
      } else {
        s.applyOptions(options);
      }
      s.setData(
        line.points.map((p) =>
          p.value !== null && Number.isFinite(p.value)
            ? { time: toTime(p.tsMs), value: p.value }
            : { time: toTime(p.tsMs) },
        ),
      );
    }
    const last = Math.max(...lines.map((l) => l.points.at(-1)?.tsMs ?? 0));
    if (fromMs !== undefined && last > fromMs) {
      c.timeScale().setVisibleRange({ from: toTime(fromMs), to: toTime(last) });
    } else {
      c.timeScale().fitContent();
    }
  }, [lines, fromMs]);

  const drawn = lines[0]?.points.filter((p) => p.value !== null).length ?? 0;
  return (
    <div className="line-chart">
      <div className="legend">
        {lines
          .filter((l) => !l.hideInLegend)
          .map((l) => {
            const v = lastValue(l.points);
            return (
              <span key={l.id} className="legend-item">
                <i
                  style={{
                    borderColor: l.color,
                    borderTopStyle:
                      l.style === 'dotted' ? 'dotted' : l.style === 'dashed' ? 'dashed' : 'solid',
                  }}
                />
                {l.label}
                {l.legendValue !== undefined ? (
                  <b>{l.legendValue}</b>
                ) : v !== null ? (
                  <b>{format(v)}</b>
                ) : null}
              </span>
            );
          })}
      </div>
      <div
        className="chart"
        style={{ height }}
        ref={host}
        data-testid={testId}
        data-points={drawn}
      />
    </div>
  );
}
