/**
 * Basis monitor: MSTR's premium to its BTC NAV, live and over time, with the mean-reversion fit,
 * rolling beta/correlation, tail dependence, leverage, the 0-100 risk score, the hedge of the
 * book's MSTR delta in BTC, and the holdings record (with a form for new 8-K purchases).
 */
import { useEffect } from 'react';
import { fmtNumber, fmtPct, fmtPrice } from '../../ui/format';
import { KpiCard } from '../../ui/kpi-card';
import { fmtMultiple, isoDay } from './basis-format';
import { BetaPanel } from './beta-panel';
import { LOOKBACKS, loadReport, setLookback, startBasisFeed, useBasisStore } from './basis.store';
import { HedgeCard } from './hedge-card';
import { HistoryPanel } from './history-panel';
import { HoldingsTable } from './holdings-table';
import { PurchaseForm } from './purchase-form';
import { RiskScoreCard } from './risk-score-card';
import { LeverageCard, TailCard } from './stat-cards';
import { ZScorePanel } from './zscore-panel';

function Toolbar() {
  const { lookbackDays, response, loading } = useBasisStore();
  return (
    <div className="toolbar basis-toolbar">
      <div className="seg" data-testid="basis-lookback">
        <span className="muted">Lookback</span>
        {LOOKBACKS.map((l) => (
          <button
            key={l.days}
            className={l.days === lookbackDays ? 'on' : ''}
            onClick={() => setLookback(l.days)}
            title={`${l.days} trading days`}
            data-testid={`basis-lookback-${l.days}`}
          >
            {l.label}
          </button>
        ))}
      </div>
      <div className="toolbar-right">
        <span className="muted" data-testid="basis-asof">
          {response
            ? `daily model as of ${isoDay(response.report.asOfMs)} · ${response.report.n} trading days · computed in ${fmtNumber(response.computeMs, 0)} ms`
            : ''}
        </span>
        <button
          onClick={() => void loadReport(true)}
          disabled={loading}
          data-testid="basis-refresh"
        >
          {loading ? 'Computing…' : 'Recompute'}
        </button>
      </div>
    </div>
  );
}

function LiveKpis() {
  const { response, live } = useBasisStore();
  const r = response?.report;
  const z = live?.zScore ?? r?.ou?.zScore ?? null;
  return (
    <div className="kpis basis-kpis" data-testid="basis-kpis">
      <KpiCard
        label="MSTR"
        value={fmtPrice(live?.mstrSpotUsd)}
        detail={`BTC ${fmtPrice(live?.btcSpotUsd)}`}
        testId="basis-kpi-mstr"
      />
      <KpiCard
        label="mNAV (live)"
        value={fmtMultiple(live?.mNav ?? r?.mNav, 3)}
        detail={`close ${fmtMultiple(r?.mNav, 3)}`}
        testId="basis-kpi-mnav"
      />
      <KpiCard
        label="Premium to BTC NAV"
        value={fmtPct(live?.premium ?? r?.premium, 1)}
        tone={(live?.premium ?? 0) < 0 ? 'neg' : 'pos'}
        detail={`close ${fmtPct(r?.premium, 1)}`}
        testId="basis-kpi-premium"
      />
      <KpiCard
        label="Enterprise mNAV"
        value={fmtMultiple(live?.enterpriseMNav ?? r?.enterpriseMNav, 3)}
        detail="with debt and preferreds, less cash"
        testId="basis-kpi-emnav"
      />
      <KpiCard
        label="z-score (live)"
        value={z === null ? '—' : `${z > 0 ? '+' : ''}${fmtNumber(z, 2)}`}
        tone={z !== null && Math.abs(z) > 2 ? 'neg' : ''}
        detail={`long-run mNAV ${fmtMultiple(r?.ou?.meanMNav)}`}
        testId="basis-kpi-z"
      />
      <KpiCard
        label="BTC per share"
        value={`${fmtNumber((live?.btcPerShare ?? r?.btcPerShare ?? Number.NaN) * 1e8, 0)} sats`}
        detail={`BTC NAV per share $${fmtNumber(live?.btcNavPerShareUsd ?? r?.btcNavPerShareUsd, 2)}`}
        testId="basis-kpi-bps"
      />
      <KpiCard
        label="Hedge ratio"
        value={fmtNumber(live?.hedgeBtcPerShare ?? r?.hedgeRatio?.btcPerShare ?? Number.NaN, 5)}
        detail={`BTC per share · β ${fmtNumber(r?.beta.current, 2)}`}
        testId="basis-kpi-hedge"
      />
    </div>
  );
}

export function BasisView() {
  const { response, live, hedge, holdings, error } = useBasisStore();
  useEffect(() => startBasisFeed(), []);
  const report = response?.report;
  return (
    <div className="basis" data-testid="basis-view">
      <Toolbar />
      {error ? (
        <div className="error" data-testid="basis-error">
          {error}
        </div>
      ) : null}
      <LiveKpis />
      {report ? (
        <>
          <div className="basis-row basis-row-a">
            <HistoryPanel report={report} live={live} />
            <RiskScoreCard report={report} />
          </div>
          <div className="basis-row basis-row-b">
            <ZScorePanel report={report} live={live} />
            <BetaPanel report={report} />
          </div>
          <div className="basis-row basis-row-c">
            <TailCard report={report} />
            <LeverageCard report={report} />
            <HedgeCard hedge={hedge} />
          </div>
        </>
      ) : (
        <div className="loading">Computing the basis model in the worker pool…</div>
      )}
      <div className="basis-row basis-row-d">
        <PurchaseForm holdings={holdings} />
        <HoldingsTable holdings={holdings} />
      </div>
    </div>
  );
}
