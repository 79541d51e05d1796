/**
 * Option chains of a ccxt venue for the vol-surface service (Deribit; Bybit and OKX work the
 * same way), through the surface's `ChainSource` seam: `fetchOptionChain` rows mapped to domain quotes (mark IV, bid/ask
 * premiums in coin, the expiry's forward as `index`), grouped per expiry by `chainFromQuotes`.
 * Spot is the venue's index; rate and carry are 0 (the forwards carry the basis).
 */
import type { UnderlyingState } from '../../../shared/domain/quote';
import { chainFromQuotes } from '../../../shared/quant/surface-live/chain-from-quotes';
import type { ChainSource } from '../../services/surface/chain-source';
import type { CcxtVenue } from './ccxt-venue';

export function venueChainSource(venue: CcxtVenue, now: () => number): ChainSource {
  return {
    id: venue.venue,
    underlyings: () =>
      venue.profile.optionCurrencies.filter((u) =>
        venue.listInstruments().some((i) => i.kind === 'option' && i.underlying === u),
      ),
    async fetchChain(underlying) {
      const [chain, spot] = await Promise.all([
        venue.optionChain(underlying),
        venue.indexPrice(underlying),
      ]);
      const state: UnderlyingState = {
        underlying,
        tsMs: now(),
        spot,
        rate: 0,
        carryYield: 0,
        atmVol: 0,
        prevClose: spot,
      };
      return chainFromQuotes(chain, state);
    },
  };
}
