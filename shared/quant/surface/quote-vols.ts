import { ImpliedVolError } from '../iv/implied-vol-error';
import { impliedVolBlack76 } from '../iv/implied-vol';
import type { ChainQuote } from './chain';

/**
 * Chains that carry premiums but no vols (an IB chain, a CSV of prices): the missing bid/ask
 * implied vols are solved from the forward premiums with Black-76 ("Let's Be Rational"). Vols
 * given by the venue always win. A premium with no Black vol (below intrinsic, above the forward)
 * makes the quote unusable with that reason rather than silently one-sided.
 */
export function fillVolsFromPrices(
  q: ChainQuote,
  forward: number,
  tYears: number,
): { quote: ChainQuote } | { reason: string } {
  const { bidPrice, askPrice } = q;
  if (
    (bidPrice !== undefined && !Number.isFinite(bidPrice)) ||
    (askPrice !== undefined && !Number.isFinite(askPrice))
  ) {
    return { reason: 'non-finite price' };
  }
  const needBid = q.bidIv === undefined && bidPrice !== undefined && bidPrice > 0;
  const needAsk = q.askIv === undefined && askPrice !== undefined && askPrice > 0;
  if (!needBid && !needAsk) return { quote: q };
  if (
    bidPrice !== undefined &&
    askPrice !== undefined &&
    bidPrice > 0 &&
    askPrice > 0 &&
    bidPrice > askPrice
  ) {
    return { reason: 'crossed (bid > ask)' };
  }
  const out: ChainQuote = { ...q };
  const solve = (price: number): number | string => {
    try {
      return impliedVolBlack76({ type: q.type, forward, strike: q.strike, tYears, price });
    } catch (err) {
      if (err instanceof ImpliedVolError) return err.reason;
      throw err;
    }
  };
  if (needBid) {
    const v = solve(bidPrice as number);
    if (typeof v === 'string') return { reason: `bid price has no implied vol (${v})` };
    // A bid at intrinsic value has vol 0: no information, the same as no bid.
    if (v > 0) out.bidIv = v;
  }
  if (needAsk) {
    const v = solve(askPrice as number);
    if (typeof v === 'string') return { reason: `ask price has no implied vol (${v})` };
    if (v > 0) out.askIv = v;
  }
  return { quote: out };
}
