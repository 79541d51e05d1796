/**
 * Margin pools of the liquidation Monte Carlo from an account as the liquidation calculator sees
 * it (`account-liquidation.ts`): the cross account is one pool (wallet balance behind every
 * position), an isolated account one pool per position (its margin). Legs carry the venue's
 * maintenance convention, so the simulated liquidation level at time 0 is the calculator's
 * liquidation price.
 */
import type { AccountSpec } from './account-liquidation';
import { isolatedMarginOf, legFor } from './account-liquidation';
import type { McLeg, McPool } from './mc-model';
import { sideSign } from './types';
import { venueRules } from './venue-rules';

/**
 * `underlyingOf(symbol)` maps a symbol to its index in the Monte Carlo's underlyings and
 * `fundingRateOf(symbol)` gives the per-interval funding rate assumed over the horizon.
 */
export function mcPoolsFromAccount(
  spec: AccountSpec,
  underlyingOf: (symbol: string) => number,
  fundingRateOf: (symbol: string) => number,
): McPool[] {
  const rules = venueRules(spec.venue);
  const legs = spec.positions.map((p): McLeg => ({
    ...legFor(rules, spec, p),
    underlying: underlyingOf(p.symbol),
    side: sideSign(p.side),
    fundingRate: fundingRateOf(p.symbol),
  }));
  if (spec.mode === 'cross') {
    if (spec.walletBalance === undefined) throw new RangeError('cross margin needs walletBalance');
    return [{ type: spec.contract.type, balance: spec.walletBalance, legs }];
  }
  return legs.map((leg, i) => ({
    type: spec.contract.type,
    balance: isolatedMarginOf(spec, i),
    legs: [leg],
  }));
}
