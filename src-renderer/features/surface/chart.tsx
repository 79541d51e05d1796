/** A plotly chart that loads plotly on first use and shows a placeholder of its size meanwhile. */
import { lazy, Suspense } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { PLOT_CONFIG } from './plot-theme';

const Plot = lazy(() => import('./plot'));

interface ChartProps {
  data: Data[];
  layout: Partial<Layout>;
  height: number;
  testId: string;
  /** Bump to force a redraw when the data changed in place. */
  revision?: number;
}

export function Chart({ data, layout, height, testId, revision }: ChartProps) {
  return (
    <div className="surface-chart" data-testid={testId} style={{ height }}>
      <Suspense fallback={<div className="chart-loading">Loading chart{'\u2026'}</div>}>
        <Plot
          data={data}
          layout={{ ...layout, autosize: true, height }}
          config={PLOT_CONFIG}
          style={{ width: '100%', height }}
          useResizeHandler
          {...(revision !== undefined ? { revision } : {})}
        />
      </Suspense>
    </div>
  );
}
