/**
 * Per position: Cerberus' liquidation price beside the venue's reported one and their
 * difference, the distance in % and in 1-day sigmas (the risk factor's ATM vol), maintenance
 * tier and ADL lights.
 */
import { fmtPrice } from '../../ui/format';
import { AdlLights } from './adl-lights';
import { fmtCcy, fmtMove, fmtSigmas } from './margin-format';
import type { MarginAccount } from './margin.store';

function distanceClass(sigmas: number | null): string {
  if (sigmas === null) return '';
  if (sigmas < 1) return 'neg strong';
  if (sigmas < 2) return 'warn';
  return '';
}

export function LiquidationTable({ account }: { account: MarginAccount }) {
  const c = account.currency;
  return (
    <table className="table margin-table" data-testid={`liq-table-${account.accountId}`}>
      <thead>
        <tr>
          <th>Position</th>
          <th className="num">Size</th>
          <th className="num">Entry</th>
          <th className="num">Mark</th>
          <th className="num">Unreal. P&amp;L</th>
          <th className="num">Maint. (tier)</th>
          <th className="num">Liq. Cerberus</th>
          <th className="num">Liq. venue</th>
          <th className="num">&Delta;</th>
          <th className="num">Distance</th>
          <th className="num">&sigma; (1d)</th>
          <th>ADL</th>
        </tr>
      </thead>
      <tbody>
        {account.positions.map((p) => (
          <tr key={p.instrumentId} data-testid={`liq-row-${p.instrumentId}`}>
            <td>
              <span className={p.side === 'long' ? 'pos' : 'neg'}>
                {p.side === 'long' ? 'Long' : 'Short'}
              </span>{' '}
              {p.symbol}
              <div className="muted small">
                {p.marginMode} &middot; {p.leverage}x
              </div>
            </td>
            <td className="num">{p.contracts.toLocaleString('en-US')}</td>
            <td className="num">{fmtPrice(p.entryPrice)}</td>
            <td className="num">{fmtPrice(p.markPrice)}</td>
            <td className={`num ${p.unrealisedPnl >= 0 ? 'pos' : 'neg'}`}>
              {fmtCcy(p.unrealisedPnl, c)}
            </td>
            <td className="num">
              {fmtCcy(p.maintenanceMargin, c)}
              <span className="muted small"> T{p.tierIndex + 1}</span>
            </td>
            <td className="num strong" data-testid="liq-cerberus">
              {fmtPrice(p.liquidationPrice ?? undefined)}
            </td>
            <td className="num">{fmtPrice(p.liquidationPriceReported ?? undefined)}</td>
            <td className="num muted">
              {p.liquidationDiff === null ? '\u2014' : p.liquidationDiff.toFixed(2)}
            </td>
            <td className={`num ${distanceClass(p.distanceSigmas1d)}`} data-testid="liq-distance">
              {fmtMove(p.distancePct)}
            </td>
            <td className={`num ${distanceClass(p.distanceSigmas1d)}`}>
              {fmtSigmas(p.distanceSigmas1d)}
            </td>
            <td>
              <AdlLights lights={p.adlLights} score={p.adlScore} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
