/**
 * The spot x vol ladder (IB risk navigator style): book P&L with every underlying's spot and
 * implied vols moved together, one table per rate shift, coloured red (loss) to green (gain).
 */
import { useState } from 'react';
import type { StressGridView } from '../../../shared/quant/risk-live/risk-views';
import { fmtSigned, fmtUsd, pnlClass } from '../../ui/format';
import { pnlColor } from './risk-format';

const pct = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x * 100)}%`;

export function StressGrid({ grid }: { grid: StressGridView }) {
  const zero = grid.rateShiftBps.indexOf(0);
  const [ri, setRi] = useState(zero >= 0 ? zero : 0);
  const table = grid.pnlUsd[ri] ?? [];
  const scale = Math.max(1, ...grid.pnlUsd.flat(2).map((x) => Math.abs(x)));
  const volsDesc = grid.vol.map((v, vi) => ({ v, vi })).reverse();
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>Spot x vol ladder</h2>
        <div className="seg" data-testid="grid-rates">
          <span className="muted">rates</span>
          {grid.rateShiftBps.map((bp, i) => (
            <button key={bp} className={i === ri ? 'on' : ''} onClick={() => setRi(i)}>
              {bp > 0 ? `+${bp}` : bp} bp
            </button>
          ))}
        </div>
      </header>
      <table className="table compact ladder" data-testid="stress-ladder">
        <thead>
          <tr>
            <th className="corner">vol \ spot</th>
            {grid.spot.map((s) => (
              <th key={s} className="num">
                {pct(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {volsDesc.map(({ v, vi }) => (
            <tr key={v}>
              <th className="num">{pct(v)}</th>
              {grid.spot.map((s, si) => {
                const pnl = table[vi]?.[si] ?? 0;
                const worst = Math.abs(pnl - grid.worst.pnlUsd) < 1e-6;
                return (
                  <td
                    key={s}
                    className={`num ${pnlClass(pnl)}${worst ? ' worst' : ''}`}
                    style={{ background: pnlColor(pnl, scale) }}
                    title={`spot ${pct(s)}, vol ${pct(v)}, rates ${grid.rateShiftBps[ri]} bp: ${fmtUsd(pnl)}`}
                  >
                    {fmtSigned(pnl, (x) => fmtUsd(x, true))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="footnote">
        Worst node: {grid.worst.name}, {fmtUsd(grid.worst.pnlUsd, true)}. Vol moves are relative (x
        0.7 .. x 1.3 of each option&apos;s implied vol); full revaluation at every node.
      </div>
    </section>
  );
}
