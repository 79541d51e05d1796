/**
 * Index price: a weighted average of constituent spot prices with outlier protection against
 * the median of the constituents. Weights are the constituents' volumes when given (volume-
 * weighted index), else their configured weights, else equal.
 *
 * Outlier rules (threshold t relative to the median m of all constituent prices):
 * - 'exclude' (Binance "Price Index" FAQ, 2020): a constituent with |p - m| / m > t gets weight 0;
 *   if more than one constituent deviates, the index is the median itself.
 * - 'cap' (Binance's current rule, t = 3%, 1% for BTC and ETH; also the blueprint's 5% cleaning):
 *   a deviating price is replaced by m * (1 + t) or m * (1 - t) before averaging.
 * Stale sources (no update within the venue's window) should be dropped by the caller.
 */

export interface IndexConstituent {
  source: string;
  price: number;
  volume?: number;
  weight?: number;
}

export type OutlierRule = 'exclude' | 'cap';

export interface IndexRule {
  outlier: OutlierRule;
  /** Relative deviation from the median beyond which a constituent is an outlier (0.05 = 5%). */
  threshold: number;
}

export interface IndexResult {
  price: number;
  median: number;
  /** How the price was formed: weighted average, or the median fallback of the 'exclude' rule. */
  method: 'weighted' | 'median';
  constituents: {
    source: string;
    price: number;
    usedPrice: number;
    weight: number;
    outlier: boolean;
  }[];
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : 0.5 * ((s[mid - 1] as number) + (s[mid] as number));
}

function baseWeight(c: IndexConstituent): number {
  return c.volume ?? c.weight ?? 1;
}

export function indexPrice(
  constituents: readonly IndexConstituent[],
  rule: IndexRule,
): IndexResult {
  const valid = constituents.filter(
    (c) => c.price > 0 && Number.isFinite(c.price) && baseWeight(c) >= 0,
  );
  if (valid.length === 0) throw new RangeError('indexPrice: no valid constituent prices');
  const m = medianOf(valid.map((c) => c.price));
  const lo = m * (1 - rule.threshold);
  const hi = m * (1 + rule.threshold);
  const rows = valid.map((c) => {
    const outlier = Math.abs(c.price - m) > rule.threshold * m;
    const usedPrice = rule.outlier === 'cap' ? Math.min(hi, Math.max(lo, c.price)) : c.price;
    const weight = rule.outlier === 'exclude' && outlier ? 0 : baseWeight(c);
    return { source: c.source, price: c.price, usedPrice, weight, outlier };
  });
  const outliers = rows.filter((r) => r.outlier).length;
  if (rule.outlier === 'exclude' && outliers > 1) {
    return { price: m, median: m, method: 'median', constituents: rows };
  }
  let num = 0;
  let den = 0;
  for (const r of rows) {
    num += r.weight * r.usedPrice;
    den += r.weight;
  }
  if (!(den > 0)) return { price: m, median: m, method: 'median', constituents: rows };
  return { price: num / den, median: m, method: 'weighted', constituents: rows };
}
