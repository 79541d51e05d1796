/**
 * Candlestick chart (lightweight-charts, TradingView attribution kept as its licence asks).
 * Takes the full candle list; the last candle can be updated in place for live ticks.
 */
import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../../shared/contract/schemas';

interface CandleChartProps {
  candles: Candle[];
  height?: number;
}

const toBar = (c: Candle) => ({
  time: Math.floor(c.tsMs / 1000) as UTCTimestamp,
  open: c.open,
  high: c.high,
  low: c.low,
  close: c.close,
});

export function CandleChart({ candles, height = 320 }: CandleChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);

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
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      autoSize: true,
    });
    series.current = c.addSeries(CandlestickSeries, {
      upColor: '#3fb950',
      downColor: '#f85149',
      wickUpColor: '#3fb950',
      wickDownColor: '#f85149',
      borderVisible: false,
    });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
    };
  }, [height]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    const bars = candles
      .filter((c) => [c.open, c.high, c.low, c.close].every(Number.isFinite))
      .map(toBar);
    s.setData(bars);
  }, [candles]);

  return <div className="chart" ref={host} data-testid="price-chart" data-bars={candles.length} />;
}
