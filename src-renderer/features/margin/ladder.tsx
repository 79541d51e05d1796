/**
 * Mark ladder table: every mark moved together by -30%..+30% (5% steps) against the margin
 * ratio and its band, with the exact moves that liquidate marked in place. The bar is on the
 * gauge's log scale.
 */
import { Fragment } from 'react';
import { fmtPrice } from '../../ui/format';
import { fmtCcy, fmtMove, fmtRatio } from './margin-format';
import type { MarginAccount } from './margin.store';

const MIN = 0.9;
const MAX = 30;

function barWidth(ratio: number | null, bankrupt = false): number {
  if (bankrupt) return 1;
  if (ratio === null) return 100;
  const r = Math.min(MAX, Math.max(MIN, ratio));
  return Math.max(1, (100 * Math.log(r / MIN)) / Math.log(MAX / MIN));
}

export function Ladder({ account }: { account: MarginAccount }) {
  const ref = [...account.positions].sort((a, b) => Math.abs(b.notional) - Math.abs(a.notional))[0];
  const refMark = ref?.markPrice;
  const liq = [account.liquidationShockDown, account.liquidationShockUp].filter(
    (x): x is number => x !== null,
  );
  // Every 5% in the table (the chart draws every 2.5%).
  const rows = account.ladder.filter((r) => Math.abs(Math.round(r.shock * 1000) % 50) === 0);
  return (
    <table className="table margin-ladder" data-testid={`ladder-${account.accountId}`}>
      <thead>
        <tr>
          <th className="num">Move</th>
          <th className="num">{ref ? `${ref.underlying} mark` : 'Mark'}</th>
          <th className="num">Margin balance</th>
          <th className="num">Maint.</th>
          <th className="num">Ratio</th>
          <th className="bar-col">Level</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const next = rows[i + 1];
          const marker = liq.find((s) => s > row.shock && next !== undefined && s <= next.shock);
          return (
            <Fragment key={row.shock}>
              <tr className={`lvl-${row.level}${row.shock === 0 ? ' current' : ''}`}>
                <td className="num">{row.shock === 0 ? 'now' : fmtMove(row.shock, 1)}</td>
                <td className="num">{refMark ? fmtPrice(refMark * (1 + row.shock)) : '\u2014'}</td>
                <td className="num">{fmtCcy(row.marginBalance, account.currency)}</td>
                <td className="num muted">{fmtCcy(row.maintenanceMargin, account.currency)}</td>
                <td className="num strong">
                  {row.marginBalance <= 0 ? 'bankrupt' : fmtRatio(row.marginRatio)}
                </td>
                <td className="bar-col">
                  <div className="ladder-cell">
                    <div className="ladder-track">
                      <span
                        className={`ladder-bar lvl-${row.level}`}
                        style={{
                          width: `${barWidth(row.marginRatio, row.marginBalance <= 0)}%`,
                        }}
                      />
                    </div>
                    <span className="ladder-level">{row.level}</span>
                  </div>
                </td>
              </tr>
              {marker !== undefined ? (
                <tr className="liq-marker" data-testid="ladder-liquidation">
                  <td className="num">{fmtMove(marker)}</td>
                  <td className="num">{refMark ? fmtPrice(refMark * (1 + marker)) : '\u2014'}</td>
                  <td colSpan={4}>
                    liquidation: the margin balance meets the maintenance requirement
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
