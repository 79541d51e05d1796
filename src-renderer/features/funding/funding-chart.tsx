/**
 * Funding history of one underlying's perps, one line per venue (lightweight-charts, TradingView
 * attribution kept as its licence asks). Rates in % per funding interval or annualised; venues
 * toggle on and off; the legend says which parts are recorded, synthetic or live.
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
import { isoDateOf, venueLabel, VENUE_COLOR } from './funding-format';
import type { FundingSeries, RateUnit } from './funding.store';

interface Props {
  series: FundingSeries[];
  hiddenVenues: string[];
  unit: RateUnit;
  onToggle: (venue: string) => void;
}

function valueOf(rate: number, intervalHours: number, unit: RateUnit): number {
  return unit === 'annualised' ? ((rate * 24) / intervalHours) * 365 * 100 : rate * 100;
}

function provenanceText(s: FundingSeries): string {
  const recorded = s.points.filter((p) => p.source === 'recorded');
  const live = s.points.filter((p) => p.source === 'live');
  const synthetic = s.points.length - recorded.length - live.length;
  const parts: string[] = [];
  if (recorded.length > 0) parts.push(`recorded to ${isoDateOf(recorded.at(-1)?.tsMs)}`);
  if (synthetic > 0) parts.push('synthetic');
  if (live.length > 0) parts.push(`live since ${isoDateOf(live[0]?.tsMs)}`);
  return parts.join(', ');
}

export function FundingChart({ series, hiddenVenues, unit, onToggle }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const lines = useRef(new Map<string, ISeriesApi<'Line'>>());
  const unitRef = useRef(unit);
  useEffect(() => {
    unitRef.current = unit;
  }, [unit]);

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, {
      height: 300,
      layout: {
        background: { type: ColorType.Solid, color: '#0d1117' },
        textColor: '#c9d1d9',
        attributionLogo: true,
      },
      grid: { vertLines: { color: '#1c2330' }, horzLines: { color: '#1c2330' } },
      timeScale: { borderColor: '#30363d', timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderColor: '#30363d' },
      localization: {
        priceFormatter: (x: number) =>
          unitRef.current === 'annualised' ? `${x.toFixed(1)}%` : `${x.toFixed(4)}%`,
      },
      autoSize: true,
    });
    chart.current = c;
    const owned = lines.current;
    return () => {
      c.remove();
      chart.current = null;
      owned.clear();
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const seen = new Set<string>();
    for (const s of series) {
      seen.add(s.instrumentId);
      let line = lines.current.get(s.instrumentId);
      if (!line) {
        line = c.addSeries(LineSeries, {
          color: VENUE_COLOR[s.venue] ?? '#888',
          lineWidth: 2,
          priceLineVisible: false,
          lastValueVisible: true,
          title: venueLabel(s.venue),
        });
        if (lines.current.size === 0) {
          line.createPriceLine({
            price: 0,
            color: '#6e7681',
            lineStyle: LineStyle.Dashed,
            lineWidth: 1,
            axisLabelVisible: false,
            title: '',
          });
        }
        lines.current.set(s.instrumentId, line);
      }
      line.setData(
        s.points
          .filter((p) => Number.isFinite(p.rate))
          .map((p) => ({
            time: Math.floor(p.tsMs / 1000) as UTCTimestamp,
            value: valueOf(p.rate, s.intervalHours, unit),
          })),
      );
      line.applyOptions({ visible: !hiddenVenues.includes(s.venue) });
    }
    for (const [id, line] of lines.current) {
      if (!seen.has(id)) {
        c.removeSeries(line);
        lines.current.delete(id);
      }
    }
    c.timeScale().fitContent();
  }, [series, hiddenVenues, unit]);

  const points = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div>
      <div className="funding-legend">
        {series.map((s) => (
          <button
            key={s.instrumentId}
            className={hiddenVenues.includes(s.venue) ? 'legend-item off' : 'legend-item'}
            onClick={() => onToggle(s.venue)}
            data-testid={`toggle-${s.venue}`}
            title={provenanceText(s)}
          >
            <span className="venue-dot" style={{ background: VENUE_COLOR[s.venue] ?? '#888' }} />
            {venueLabel(s.venue)}
            <span className="muted small"> {provenanceText(s)}</span>
          </button>
        ))}
      </div>
      <div className="chart" ref={host} data-testid="funding-chart" data-points={points} />
    </div>
  );
}
