/**
 * Where the surface service gets option chains: one small seam so that every source plugs in
 * without touching the service.
 *
 * - The demo desk (any `VenueGateway` with `getChain`): `gatewayChainSource` below.
 * - Deribit through ccxt (to come): a source whose `fetchChain` calls `fetchOptionChain` (or the
 *   tickers of the underlying's options), maps each ticker to a domain `Quote` (bid_iv/ask_iv/
 *   mark_iv / 100 as decimals, `index` = the ticker's underlying_price, i.e. the expiry's forward)
 *   and an `OptionInstrument`, then calls `chainFromQuotes`, exactly as here.
 * - IB chains (to come): the same, with the forward left to `chainFromQuotes` (spot, rate, carry).
 * A source returns the fitter's per-expiry `OptionChain`; the service never sees venue payloads.
 */
import type { UnderlyingState } from '../../../shared/domain/quote';
import type { OptionChain } from '../../../shared/quant/surface/chain';
import { chainFromQuotes } from '../../../shared/quant/surface-live/chain-from-quotes';
import type { VenueGateway } from '../../venues/venue-gateway';

export interface ChainSource {
  /** Short name shown with each fit (`demo`, `deribit`, `ib`). */
  readonly id: string;
  /** Underlyings this source lists options on. */
  underlyings(): readonly string[];
  /** The chain as of now. Rejects with a readable message when the source cannot provide it. */
  fetchChain(underlying: string): Promise<OptionChain>;
}

export interface UnderlyingLookup {
  getUnderlyings(): UnderlyingState[];
}

/**
 * Chains from a venue gateway (the demo desk today). The gateway's chain is grouped by expiry with
 * forwards from the quotes' `index`, or from spot, rate and carry where a quote has none.
 */
export function gatewayChainSource(
  gateway: VenueGateway,
  market: UnderlyingLookup,
  underlyings: readonly string[],
): ChainSource {
  const getChain = gateway.getChain?.bind(gateway);
  return {
    id: gateway.id,
    underlyings: () => (getChain ? underlyings : []),
    async fetchChain(underlying) {
      if (!getChain) throw new Error(`${gateway.label} provides no option chains`);
      const state = market.getUnderlyings().find((u) => u.underlying === underlying);
      if (!state) throw new Error(`no market data for ${underlying} yet`);
      return chainFromQuotes(await getChain(underlying), state);
    },
  };
}
