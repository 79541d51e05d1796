/**
 * Option chain model for surface fitting: per-expiry slices of quotes in implied vol (decimals,
 * 0.85 = 85%) and, optionally, forward premiums. One slice has one forward and one year fraction.
 */
export type OptionType = 'call' | 'put';

export interface ChainQuote {
  strike: number;
  type: OptionType;
  bidIv?: number;
  askIv?: number;
  midIv?: number;
  /** The venue's own fair implied vol (Deribit's mark_iv). */
  markIv?: number;
  /**
   * Forward (undiscounted) premiums in quote currency per unit of underlying; the bid/ask vols
   * are solved from them where absent.
   */
  bidPrice?: number;
  askPrice?: number;
}

export interface ChainExpiry {
  /** Expiry date label, YYYY-MM-DD (UTC). */
  expiry: string;
  expiryMs: number;
  /** ACT/365 year fraction from the chain's asOfMs to expiryMs. */
  tYears: number;
  forward: number;
  quotes: ChainQuote[];
}

export interface OptionChain {
  underlying: string;
  asOfMs: number;
  spot?: number;
  expiries: ChainExpiry[];
}

export const MS_PER_YEAR = 365 * 86_400_000;

export function yearFraction(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_YEAR;
}

export function expiryLabel(expiryMs: number): string {
  return new Date(expiryMs).toISOString().slice(0, 10);
}

/** Middle element (mean of the two middle ones for even counts); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}
