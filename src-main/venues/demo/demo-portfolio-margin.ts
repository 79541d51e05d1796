/**
 * Binance Portfolio Margin on the demo desk: an account the user switches to portfolio margin
 * (Margin screen) is judged by uniMMR, and the spot coins it holds count as collateral at
 * Binance-style collateral rates. The rates are the demo's assumption (Binance publishes tiered
 * rates per asset that change over time; 95% is its first-tier BTC and ETH rate at the time of
 * writing), not a recording.
 */
import type { Instrument } from '../../../shared/domain/instrument';
import type { Position } from '../../../shared/domain/account';
import type { CollateralAsset } from '../../../shared/domain/derivatives';

export const DEMO_COLLATERAL_RATES: Readonly<Record<string, number>> = { BTC: 0.95, ETH: 0.95 };

/** Spot coins held in the account, valued at the underlying's spot, as collateral. */
export function spotCollateral(
  accountId: string,
  positions: readonly Position[],
  instruments: readonly Instrument[],
  spot: (underlying: string) => number | undefined,
): CollateralAsset[] {
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const out: CollateralAsset[] = [];
  for (const p of positions) {
    const inst = byId.get(p.instrumentId);
    if (p.accountId !== accountId || inst?.kind !== 'spot' || p.quantity <= 0) continue;
    const rate = DEMO_COLLATERAL_RATES[inst.underlying];
    const price = spot(inst.underlying);
    if (rate === undefined || price === undefined || !(price > 0)) continue;
    out.push({ asset: inst.underlying, amount: p.quantity, price, collateralRate: rate });
  }
  return out;
}
