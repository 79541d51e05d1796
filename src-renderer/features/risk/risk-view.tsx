/**
 * VaR & stress screen: headline VaR against the limit and the run's progress, then tabs: VaR/ES by
 * method x horizon x confidence with the P&L distribution and contributions; stress scenarios,
 * the spot x vol ladder and reverse stress; the VaR backtest; the scenario editor.
 */
import { useEffect } from 'react';
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import { fmtNumber, fmtPct, fmtUsd } from '../../ui/format';
import { BacktestPanel } from './backtest-panel';
import { ContributionsPanel } from './contributions-panel';
import { DistributionPanel } from './distribution-panel';
import { RunHeader } from './run-header';
import { startRiskFeed, useRiskStore, type RiskTab } from './risk.store';
import { ScenarioEditor } from './scenario-editor';
import { StressGrid } from './stress-grid';
import { StressPricingBar } from './stress-models';
import { ReversePanel, StressTable } from './stress-panels';
import { VarTable } from './var-table';
import { METHOD_SHORT } from './risk-format';

const TABS: { id: RiskTab; label: string }[] = [
  { id: 'var', label: 'VaR & ES' },
  { id: 'stress', label: 'Stress' },
  { id: 'backtest', label: 'Backtest' },
  { id: 'scenarios', label: 'Scenarios' },
];

function ModelNotes({ run }: { run: RiskRun }) {
  const mc = run.methods.find((m) => m.method === 'montecarlo');
  const a = mc?.approximation;
  return (
    <section className="panel risk-notes">
      <header className="panel-head">
        <h2>Method notes</h2>
      </header>
      {a ? (
        <p>
          Monte Carlo revalues paths on per-underlying spot x vol price grids; checked against full
          revaluation on {a.checkedScenarios} paths around VaR: largest P&amp;L error{' '}
          {fmtUsd(a.maxAbsPnlErrorUsd)}, VaR/ES error bound {fmtUsd(a.varErrorBoundUsd)} (
          {fmtPct(a.varErrorBoundRelative, 3)} of VaR).
        </p>
      ) : null}
      <ul>
        {run.methods.map((m) => (
          <li key={m.method}>
            <b>{METHOD_SHORT[m.method]}</b> ({fmtNumber(m.computeMs, 0)} ms): {m.notes.join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Body({ run, tab }: { run: RiskRun; tab: RiskTab }) {
  if (tab === 'var') {
    return (
      <>
        <section className="panel">
          <header className="panel-head">
            <h2>VaR and expected shortfall</h2>
            <span className="muted">click a cell to chart it</span>
          </header>
          <VarTable run={run} />
        </section>
        <div className="risk-row">
          <DistributionPanel run={run} />
          <ContributionsPanel run={run} />
        </div>
        <ModelNotes run={run} />
      </>
    );
  }
  if (tab === 'stress') {
    const grid = run.stress?.grids[0];
    return run.stress ? (
      <>
        <StressPricingBar stress={run.stress} />
        <StressTable stress={run.stress} />
        <div className="risk-row">
          {grid ? <StressGrid grid={grid} /> : null}
          <ReversePanel run={run} />
        </div>
      </>
    ) : (
      <div className="muted">Stress did not run.</div>
    );
  }
  if (tab === 'backtest')
    return run.backtest ? (
      <BacktestPanel backtest={run.backtest} runId={run.runId} />
    ) : (
      <div className="muted">The backtest did not run.</div>
    );
  return <ScenarioEditor />;
}

export function RiskView() {
  const { run, tab, error } = useRiskStore();
  useEffect(() => startRiskFeed(), []);
  return (
    <div className="risk" data-testid="risk-view">
      <RunHeader run={run} />
      <div className="seg risk-tabs" data-testid="risk-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            className={t.id === tab ? 'on' : ''}
            onClick={() => useRiskStore.setState({ tab: t.id })}
            data-testid={`risk-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error ? <div className="error">{error}</div> : null}
      {run ? (
        <Body run={run} tab={tab} />
      ) : tab === 'scenarios' ? (
        <ScenarioEditor />
      ) : (
        <div className="loading">Waiting for the first risk run{'\u2026'}</div>
      )}
    </div>
  );
}
