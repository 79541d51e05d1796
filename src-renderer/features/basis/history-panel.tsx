/**
 * Premium / mNAV history with the OU long-run mean and the +-2 sigma bands of the fit window,
 * extended by today's live value. Enterprise mNAV has no bands (the model is fitted on mNAV).
 */
import { useMemo, useState } from 'react';
import { fmtPct } from '../../ui/format';
import { dayOf, fmtMultiple, level, points } from './basis-format';
import type { BasisLive, BasisReport } from './basis.store';
import { LineChart, type ChartLine, type LinePoint } from './line-chart';

type Metric = 'mNav' | 'premium' | 'enterpriseMNav';
const METRICS: { id: Metric; label: string }[] = [
  { id: 'premium', label: 'Premium' },
  { id: 'mNav', label: 'mNAV' },
  { id: 'enterpriseMNav', label: 'Enterprise mNAV' },
];

function liveValue(live: BasisLive | undefined, metric: Metric): number | null {
  if (!live) return null;
  if (metric === 'premium') return live.premium;
  if (metric === 'mNav') return live.mNav;
  return live.enterpriseMNav;
}

export function HistoryPanel({
  report,
  live,
}: {
  report: BasisReport;
  live: BasisLive | undefined;
}) {
  const [metric, setMetric] = useState<Metric>('premium');
  const [range, setRange] = useState<'window' | 'all'>('window');
  const s = report.series;
  const bands = report.bands;
  const liveV = liveValue(live, metric);
  const liveDay = live ? dayOf(live.tsMs) : null;
  const format = useMemo(
    () => (metric === 'premium' ? (x: number) => fmtPct(x, 1) : (x: number) => fmtMultiple(x)),
    [metric],
  );
  const lines = useMemo<ChartLine[]>(() => {
    const main: LinePoint[] = points(s.dateMs, s[metric]);
    const lastDay = s.dateMs.at(-1) ?? 0;
    if (liveV !== null && liveDay !== null && liveDay > lastDay)
      main.push({ tsMs: liveDay, value: liveV });
    const out: ChartLine[] = [
      {
        id: 'main',
        label: METRICS.find((m) => m.id === metric)?.label ?? metric,
        color: '#58a6ff',
        points: main,
      },
    ];
    if (bands && metric !== 'enterpriseMNav') {
      const b = metric === 'premium' ? bands.premium : bands.mNav;
      const end = Math.max(bands.windowEndMs, liveDay ?? 0);
      out.push(
        {
          id: 'mean',
          label: 'OU long-run mean',
          color: '#d29922',
          style: 'dashed',
          width: 1,
          points: level(bands.windowStartMs, end, b.mean),
        },
        {
          id: 'upper',
          label: `±${bands.k}σ band`,
          color: '#8b949e',
          style: 'dotted',
          width: 1,
          points: level(bands.windowStartMs, end, b.upper),
          legendValue: `${format(b.lower)} to ${format(b.upper)}`,
        },
        {
          id: 'lower',
          label: 'lower band',
          color: '#8b949e',
          style: 'dotted',
          width: 1,
          points: level(bands.windowStartMs, end, b.lower),
          hideInLegend: true,
        },
      );
    }
    return out;
  }, [s, metric, bands, liveV, liveDay, format]);
  const windowLen = bands ? bands.windowEndMs - bands.windowStartMs : 365 * 86_400_000;
  const fromMs = range === 'window' && bands ? bands.windowStartMs - windowLen : undefined;
  return (
    <section className="panel" data-testid="basis-history-panel">
      <header className="panel-head">
        <h2>Premium to BTC NAV</h2>
        <div className="seg">
          {METRICS.map((m) => (
            <button
              key={m.id}
              className={m.id === metric ? 'on' : ''}
              onClick={() => setMetric(m.id)}
            >
              {m.label}
            </button>
          ))}
        </div>
        <div className="seg">
          <button className={range === 'window' ? 'on' : ''} onClick={() => setRange('window')}>
            2x window
          </button>
          <button className={range === 'all' ? 'on' : ''} onClick={() => setRange('all')}>
            All
          </button>
        </div>
      </header>
      <LineChart
        lines={lines}
        format={format}
        height={300}
        testId="basis-history-chart"
        fromMs={fromMs}
      />
      <div className="footnote">
        mNAV = market cap / (BTC holdings x BTC price); premium = mNAV - 1; enterprise mNAV adds
        debt and preferreds, less cash. Mean and bands: OU fit of ln mNAV over the last{' '}
        {report.windowReturns} trading days.
      </div>
    </section>
  );
}
