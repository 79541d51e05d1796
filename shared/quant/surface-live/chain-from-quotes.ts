/**
 * From a venue's option chain in domain form (instruments + quotes, as a gateway hands it over)
 * to the per-expiry `OptionChain` the smile fitter reads.
 *
 * Forward per expiry: the median of the quotes' `index` (a Deribit ticker's underlying_price is
 * the expiry's forward, and the demo desk quotes it the same way); where no quote carries one,
 * spot x exp((rate - carry) T) from the underlying's rate and carry (equity options).
 * Vols: the quotes' bid/ask/mark IVs. Coin-settled (inverse) quotes also pass their premiums as
 * forward premiums in USD (price x forward) so the fitter can solve a missing bid/ask vol;
 * American equity premiums are not European forward premiums and are left out.
 */
import type { Instrument, OptionInstrument } from '../../domain/instrument';
import type { Quote, UnderlyingState } from '../../domain/quote';
import {
  expiryLabel,
  median,
  yearFraction,
  type ChainExpiry,
  type ChainQuote,
  type OptionChain,
} from '../surface/chain';

export interface DomainChain {
  underlying: string;
  tsMs: number;
  instruments: readonly Instrument[];
  quotes: readonly Quote[];
}

function positive(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x) && x > 0;
}

function chainQuote(inst: OptionInstrument, q: Quote, forward: number): ChainQuote {
  const out: ChainQuote = { strike: inst.strike, type: inst.right };
  if (positive(q.bidIv)) out.bidIv = q.bidIv;
  if (positive(q.askIv)) out.askIv = q.askIv;
  if (positive(q.markIv)) out.markIv = q.markIv;
  if (inst.settlement === 'inverse') {
    if (positive(q.bid)) out.bidPrice = q.bid * forward;
    if (positive(q.ask)) out.askPrice = q.ask * forward;
  }
  return out;
}

/**
 * Groups the chain by expiry. Expired options, quotes without an instrument and instruments of
 * another underlying are left out; expiries are sorted by time.
 */
export function chainFromQuotes(chain: DomainChain, underlying: UnderlyingState): OptionChain {
  if (!(underlying.spot > 0)) {
    throw new RangeError(`chainFromQuotes: ${chain.underlying} needs a positive spot`);
  }
  const quotes = new Map(chain.quotes.map((q) => [q.instrumentId, q]));
  const byExpiry = new Map<number, { inst: OptionInstrument; quote: Quote }[]>();
  for (const inst of chain.instruments) {
    if (inst.kind !== 'option' || inst.underlying !== chain.underlying) continue;
    if (inst.expiryMs <= chain.tsMs) continue;
    const quote = quotes.get(inst.id);
    if (!quote) continue;
    const list = byExpiry.get(inst.expiryMs);
    if (list) list.push({ inst, quote });
    else byExpiry.set(inst.expiryMs, [{ inst, quote }]);
  }
  const expiries: ChainExpiry[] = [];
  for (const expiryMs of [...byExpiry.keys()].sort((a, b) => a - b)) {
    const rows = byExpiry.get(expiryMs) ?? [];
    const tYears = yearFraction(chain.tsMs, expiryMs);
    const indices = rows.map((r) => r.quote.index).filter(positive);
    const forward =
      indices.length > 0
        ? median(indices)
        : underlying.spot * Math.exp((underlying.rate - underlying.carryYield) * tYears);
    expiries.push({
      expiry: expiryLabel(expiryMs),
      expiryMs,
      tYears,
      forward,
      quotes: rows.map((r) => chainQuote(r.inst, r.quote, forward)),
    });
  }
  return { underlying: chain.underlying, asOfMs: chain.tsMs, spot: underlying.spot, expiries };
}
