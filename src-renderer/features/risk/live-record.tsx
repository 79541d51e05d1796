/**
 * The live book's own VaR record, from the risk snapshots the service stores after every run:
 * per UTC day, the VaR99 1-day forecast of the day's last run against the next day's realised
 * day P&L (the last snapshot of that day: marks against the previous close). It fills as the app
 * runs; the coverage tests need many days before they mean anything.
 */
import { useEffect, useState } from 'react';
import type { RiskHistoryPoint } from '../../../shared/contract/features/risk.api';
import { coverageTests } from '../../../shared/quant/risk/backtest-stats';
import { fmtNumber, fmtUsd, pnlClass } from '../../ui/format';
import { client } from '../../app/client';
import { dailyRecord } from './live-record-days';

export function LiveRecord({ runId }: { runId: number }) {
  const [points, setPoints] = useState<RiskHistoryPoint[] | null>(null);
  useEffect(() => {
    let live = true;
    client.invoke('risk.getHistory', { maxPoints: 5000 }).then(
      (r) => live && setPoints(r.points),
      () => live && setPoints([]),
    );
    return () => {
      live = false;
    };
  }, [runId]);
  const days = points ? dailyRecord(points) : [];
  const tests =
    days.length > 0
      ? coverageTests(
          days.map((d) => d.breach),
          0.99,
        )
      : null;
  return (
    <section className="panel" data-testid="live-record">
      <header className="panel-head">
        <h2>Live book record (VaR 99% 1-day)</h2>
        <span className="muted">{points ? `${points.length} stored runs` : 'loading'}</span>
      </header>
      {days.length === 0 ? (
        <div className="muted">
          No complete day yet: each UTC day&apos;s last VaR forecast is compared with the next
          day&apos;s realised P&amp;L once the app has run across a day boundary.
        </div>
      ) : (
        <>
          <div className="statline">
            {days.length} day(s), {days.filter((d) => d.breach).length} breach(es); Kupiec p ={' '}
            {fmtNumber(tests?.kupiec.pValue, 3)}, independence p ={' '}
            {fmtNumber(tests?.independence.pValue, 3)}
          </div>
          <table className="table compact">
            <thead>
              <tr>
                <th>Day</th>
                <th className="num">VaR forecast</th>
                <th className="num">Realised P&amp;L</th>
                <th>Breach</th>
              </tr>
            </thead>
            <tbody>
              {[...days]
                .reverse()
                .slice(0, 30)
                .map((d) => (
                  <tr key={d.dayMs}>
                    <td>{new Date(d.dayMs).toISOString().slice(0, 10)}</td>
                    <td className="num">{fmtUsd(d.forecastUsd, true)}</td>
                    <td className={`num ${pnlClass(d.pnlUsd)}`}>{fmtUsd(d.pnlUsd, true)}</td>
                    <td className={d.breach ? 'neg' : 'muted'}>{d.breach ? 'yes' : 'no'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
