/** Dashboard: book KPIs, Greeks gauges against limits, the live price chart, underlyings. */
import type { LimitMetric, RiskLimit } from '../../../shared/domain/limits';
import type { RiskTotals } from '../../../shared/domain/valuation';
import { useBookStore } from '../../stores/book.store';
import { useLayoutStore, type ChartBucket } from '../../stores/layout.store';
import { CandleChart } from '../../ui/candle-chart';
import { fmtNumber, fmtPct, fmtPrice, fmtSigned, fmtUsd, pnlClass } from '../../ui/format';
import { Gauge } from '../../ui/gauge';
import { KpiCard } from '../../ui/kpi-card';
import { DashboardRisk } from '../risk/dashboard-risk';
import { useLiveCandles } from './use-live-candles';
import { MarginAlertsPanel } from '../margin/alerts-panel';

const usdCompact = (x: number) => fmtUsd(x, true);

/** The book Greeks the dashboard gauges show against their limits. */
const GAUGES = [
  { metric: 'deltaUsd', label: 'Net $delta', testId: 'gauge-delta' },
  { metric: 'gammaUsdPer1Pct', label: '$gamma / 1%', testId: 'gauge-gamma' },
  { metric: 'vegaUsdPerVolPt', label: 'Vega $ / vol pt', testId: 'gauge-vega' },
  { metric: 'thetaUsdPerDay', label: 'Theta $ / day', testId: 'gauge-theta' },
] as const satisfies readonly {
  metric: LimitMetric & keyof RiskTotals;
  label: string;
  testId: string;
}[];

function limitOf(limits: RiskLimit[], metric: LimitMetric): RiskLimit | undefined {
  return limits.find((l) => l.metric === metric);
}

function PriceChartPanel() {
  const { chartUnderlying, chartBucket, setChart } = useLayoutStore();
  const underlyings = useBookStore((s) => s.underlyings);
  const { candles, error } = useLiveCandles(chartUnderlying, chartBucket);
  return (
    <section className="panel chart-panel">
      <header className="panel-head">
        <h2>Price</h2>
        <div className="seg">
          {underlyings.map((u) => (
            <button
              key={u.underlying}
              className={u.underlying === chartUnderlying ? 'on' : ''}
              onClick={() => setChart(u.underlying)}
            >
              {u.underlying}
            </button>
          ))}
        </div>
        <div className="seg">
          {(['1m', '1d'] as ChartBucket[]).map((b) => (
            <button
              key={b}
              className={b === chartBucket ? 'on' : ''}
              onClick={() => setChart(chartUnderlying, b)}
            >
              {b}
            </button>
          ))}
        </div>
      </header>
      {error ? <div className="error">{error}</div> : <CandleChart candles={candles} />}
    </section>
  );
}

function UnderlyingsPanel() {
  const underlyings = useBookStore((s) => s.underlyings);
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>Underlyings</h2>
      </header>
      <table className="table" data-testid="underlyings">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Spot</th>
            <th className="num">Day</th>
            <th className="num">ATM vol 30d</th>
          </tr>
        </thead>
        <tbody>
          {underlyings.map((u) => {
            const change = u.spot / u.prevClose - 1;
            return (
              <tr key={u.underlying}>
                <td>{u.underlying}</td>
                <td className="num" data-testid={`spot-${u.underlying}`}>
                  {fmtPrice(u.spot)}
                </td>
                <td className={`num ${pnlClass(change)}`}>{fmtSigned(change, (x) => fmtPct(x))}</td>
                <td className="num">{fmtPct(u.atmVol, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function DashboardView() {
  const snapshot = useBookStore((s) => s.snapshot);
  const limits = useBookStore((s) => s.limits);
  if (!snapshot)
    return <div className="loading">Waiting for the first valuation of the book{'\u2026'}</div>;
  const t = snapshot.totals;
  return (
    <div className="dashboard">
      <div className="kpis">
        <KpiCard
          label="Book value"
          value={fmtUsd(t.marketValueUsd, true)}
          detail={`${snapshot.positions.length} positions`}
          testId="kpi-value"
        />
        <KpiCard
          label="Day P&L"
          value={fmtSigned(t.dayPnlUsd, usdCompact)}
          tone={pnlClass(t.dayPnlUsd) as 'pos' | 'neg' | ''}
          detail={`unrealised ${fmtUsd(t.unrealizedPnlUsd, true)}`}
          testId="kpi-daypnl"
        />
        <KpiCard label="Net $delta" value={fmtUsd(t.deltaUsd, true)} testId="kpi-delta" />
        <KpiCard label="$gamma per 1%" value={fmtUsd(t.gammaUsdPer1Pct, true)} testId="kpi-gamma" />
        <KpiCard
          label="Vega $ / vol pt"
          value={fmtUsd(t.vegaUsdPerVolPt, true)}
          testId="kpi-vega"
        />
        <KpiCard label="Theta $ / day" value={fmtUsd(t.thetaUsdPerDay, true)} testId="kpi-theta" />
      </div>
      <section className="panel gauges" data-testid="gauges">
        {GAUGES.map((g) => (
          <Gauge
            key={g.metric}
            label={g.label}
            value={t[g.metric]}
            limit={limitOf(limits, g.metric)}
            format={usdCompact}
            testId={g.testId}
          />
        ))}
      </section>
      <DashboardRisk />
      <MarginAlertsPanel compact />
      <div className="row">
        <PriceChartPanel />
        <UnderlyingsPanel />
      </div>
      <div className="footnote">
        Revalued {fmtNumber(snapshot.computeMs, 2)} ms in the worker pool &middot; snapshot #
        {snapshot.seq}
      </div>
    </div>
  );
}
