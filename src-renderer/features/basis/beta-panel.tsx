/**
 * Rolling beta and correlation of MSTR on BTC daily log returns: EWMA (lambda 0.94) and
 * GARCH(1,1)-DCC(1,1), each the forecast for the next day. Shows the last two years by default.
 */
import { useMemo } from 'react';
import { fmtNumber } from '../../ui/format';
import { fmtMaybe, points } from './basis-format';
import type { BasisReport } from './basis.store';
import { LineChart, type ChartLine } from './line-chart';

const TWO_YEARS_MS = 730 * 86_400_000;

export function BetaPanel({ report }: { report: BasisReport }) {
  const lines = useMemo<ChartLine[]>(() => {
    const s = report.series;
    return [
      {
        id: 'ewmaBeta',
        label: 'beta EWMA',
        color: '#58a6ff',
        points: points(s.dateMs, s.ewmaBeta),
      },
      {
        id: 'dccBeta',
        label: 'beta DCC',
        color: '#a371f7',
        width: 1,
        points: points(s.dateMs, s.dccBeta),
      },
      {
        id: 'ewmaCorr',
        label: 'corr EWMA',
        color: '#3fb950',
        points: points(s.dateMs, s.ewmaCorrelation),
      },
      {
        id: 'dccCorr',
        label: 'corr DCC',
        color: '#d29922',
        width: 1,
        points: points(s.dateMs, s.dccCorrelation),
      },
    ];
  }, [report]);
  const b = report.beta;
  const c = report.correlation;
  return (
    <section className="panel" data-testid="basis-beta-panel">
      <header className="panel-head">
        <h2>Rolling beta and correlation (MSTR on BTC)</h2>
      </header>
      <LineChart
        lines={lines}
        format={(x) => fmtNumber(x, 2)}
        height={250}
        testId="basis-beta-chart"
        fromMs={report.asOfMs - TWO_YEARS_MS}
      />
      <div className="statline">
        <span>
          beta now <b data-testid="basis-beta">{fmtNumber(b.current, 2)}</b>
        </span>
        <span>
          DCC <b>{fmtMaybe(b.dcc)}</b>
        </span>
        <span>
          OLS window <b>{fmtMaybe(b.ols)}</b>
        </span>
        <span>
          sd 20d <b>{fmtMaybe(b.instability20d, 3)}</b>
        </span>
        <span>
          corr now <b>{fmtNumber(c.current, 2)}</b>
        </span>
        <span>
          sample <b>{fmtMaybe(c.sample)}</b>
        </span>
      </div>
    </section>
  );
}
