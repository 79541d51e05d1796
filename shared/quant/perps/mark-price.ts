/**
 * Mark price of a perpetual, and its comparison with the venue's reported mark.
 *
 * Generic (blueprint MarkPriceService): mark = index + moving average of the basis, clamped to
 * index * (1 +/- maxDeviation) (5% in the blueprint).
 *
 * Binance perpetuals ("Mark Price and Price Index" FAQ): mark = median(Price 1, Price 2, last)
 *   Price 1 = index * (1 + last funding rate * time until funding / funding interval)
 *   Price 2 = index + moving average of the basis ((bid1 + ask1) / 2 - index), sampled every
 *             second over 30 s since Sept 2025 (earlier 1 min; COIN-M 2.5 min of 5 s points).
 * Binance delivery futures: mark = index + moving average of the basis.
 */

export interface BasisSample {
  bid: number;
  ask: number;
  index: number;
}

/** Moving average of (mid - index) over the samples (equal weights, as Binance publishes). */
export function movingAverageBasis(samples: readonly BasisSample[]): number {
  if (samples.length === 0) throw new RangeError('movingAverageBasis: no samples');
  let sum = 0;
  for (const s of samples) sum += (s.bid + s.ask) / 2 - s.index;
  return sum / samples.length;
}

/** Exponentially weighted basis (the blueprint's 5-minute decay), samples in time order. */
export function ewmaBasis(
  samples: readonly { basis: number; ageSeconds: number }[],
  decaySeconds: number,
): number {
  let num = 0;
  let den = 0;
  for (const s of samples) {
    const w = Math.exp(-s.ageSeconds / decaySeconds);
    num += w * s.basis;
    den += w;
  }
  if (!(den > 0)) throw new RangeError('ewmaBasis: no samples');
  return num / den;
}

/** mark = index + basis, clamped to index * (1 +/- maxDeviation). */
export function basisMarkPrice(index: number, basis: number, maxDeviation: number): number {
  const raw = index + basis;
  return Math.min(index * (1 + maxDeviation), Math.max(index * (1 - maxDeviation), raw));
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

export interface BinanceMarkInput {
  index: number;
  lastFundingRate: number;
  hoursUntilFunding: number;
  fundingIntervalHours: number;
  maBasis: number;
  lastPrice: number;
}

export interface BinanceMark {
  mark: number;
  price1: number;
  price2: number;
  lastPrice: number;
}

export function binanceMarkPrice(input: BinanceMarkInput): BinanceMark {
  const price1 =
    input.index *
    (1 + (input.lastFundingRate * input.hoursUntilFunding) / input.fundingIntervalHours);
  const price2 = input.index + input.maBasis;
  return {
    mark: median3(price1, price2, input.lastPrice),
    price1,
    price2,
    lastPrice: input.lastPrice,
  };
}

export interface MarkComparison {
  difference: number;
  differenceBps: number;
  withinTolerance: boolean;
}

/** Computed minus reported mark, in price and basis points of the reported mark. */
export function compareMark(
  computed: number,
  reported: number,
  toleranceBps: number,
): MarkComparison {
  const difference = computed - reported;
  const differenceBps = (difference / reported) * 1e4;
  return { difference, differenceBps, withinTolerance: Math.abs(differenceBps) <= toleranceBps };
}
