/**
 * The high-accuracy American pricer: ALO's integral-equation method (alo-engine.ts) with the
 * scheme chosen per option, calls through McDonald-Schroder symmetry, and the regimes that the
 * single-boundary integral equation does not cover routed elsewhere:
 * - no early exercise (put with r <= 0 and q >= r; call with q <= 0 and q <= r): the European value;
 * - double exercise boundary (put with q < r <= 0; call with r < q <= 0): Leisen-Reimer tree with
 *   Richardson extrapolation (slow, ~1e-6; rare outside negative-rate currencies).
 *
 * Why ALO: it is the fastest known method at 1e-6..1e-10 accuracy (spectral convergence in the
 * node counts), needs no grid in S, and one boundary solve serves every spot (cheap Greeks).
 */
import { chooseAloScheme } from './alo-levels';
import { makeAloScheme, type AloScheme } from './alo-scheme';
import { aloPutBoundary, type AloPutBoundary } from './alo-engine';
import { aloPutPrice } from './alo-price';
import { deterministicAmerican } from './american-limits';
import { leisenReimerExtrapolated } from './binomial-tree';
import { bsmPrice } from '../pricing/bsm';
import type { BsmInput } from '../pricing/types';

export { chooseAloScheme };

/**
 * A mid-level scheme (two Newton sweeps, 10 nodes, orders 8 and 28): ~1e-6 on ordinary inputs.
 * The default is chosen per option (alo-levels.ts); this one is for callers that want one fixed
 * scheme.
 */
export const ALO_STANDARD_SCHEME: AloScheme = makeAloScheme({
  equation: 'smooth-pasting',
  chebyshevNodes: 10,
  iterations: 2,
  newtonSweeps: 2,
  fixedPointOrder: 8,
  priceOrder: 28,
  newtonDamping: 0,
});

/**
 * The value-matching system (FP-A) by plain fixed point: slower (16 nodes, 10 sweeps) and no
 * longer chosen automatically, since Newton sweeps keep FP-B convergent where its plain
 * iteration diverges (low vol with long maturity); kept for cross-checks.
 */
export const ALO_ROBUST_SCHEME: AloScheme = makeAloScheme({
  equation: 'value-matching',
  chebyshevNodes: 16,
  iterations: 10,
  fixedPointOrder: 16,
  priceOrder: 32,
  newtonDamping: 0,
});

/** Converged reference (~1e-9): for tests and for checking a scheme, ~100x slower. */
export const ALO_REFERENCE_SCHEME: AloScheme = makeAloScheme({
  equation: 'value-matching',
  chebyshevNodes: 32,
  iterations: 40,
  fixedPointOrder: 40,
  priceOrder: 80,
  newtonDamping: 0,
});

/** A price function of spot for fixed (K, T, r, q, vol): the boundary is solved once. */
export type SpotPricer = (spot: number) => number;

/**
 * Builds the pricer of the American option in `input` as a function of spot (input.spot unused
 * except by the tree fallback, which re-prices per spot).
 */
export function americanAccurateSpotPricer(input: BsmInput, scheme?: AloScheme): SpotPricer {
  const { type, strike, tYears, rate, carryYield, volAnnual } = input;
  // Put-equivalent rates: a call is a put with r and q swapped and spot and strike swapped.
  const rPut = type === 'put' ? rate : carryYield;
  const qPut = type === 'put' ? carryYield : rate;
  if (rPut <= 0 && qPut >= rPut) return (spot) => bsmPrice({ ...input, spot });
  if (rPut <= 0) {
    const sign = type === 'call' ? 1 : -1;
    return (spot) => {
      const european = bsmPrice({ ...input, spot });
      const tree = leisenReimerExtrapolated({ ...input, spot }, 2000);
      if (Number.isFinite(tree)) return Math.max(tree, european);
      // The Peizer-Pratt probabilities saturate (|d| of tens: tiny vol or time, or very deep in
      // or out of the money): there the zero-vol American value is the tight lower bound.
      return Math.max(
        european,
        deterministicAmerican(sign, spot, strike, tYears, rate, carryYield),
      );
    };
  }
  const chosen = scheme ?? chooseAloScheme(rPut, qPut, volAnnual, tYears);
  const boundary: AloPutBoundary = aloPutBoundary(tYears, rPut, qPut, volAnnual, chosen);
  if (type === 'put') return (spot) => strike * aloPutPrice(boundary, spot / strike);
  // C(S, K) = P(K, S) with r <-> q; P(K, S) = S * P1(K / S) by homogeneity (unit-strike boundary).
  return (spot) => spot * aloPutPrice(boundary, strike / spot);
}

/** High-accuracy American price (inputs assumed validated; tYears > 0, volAnnual > 0). */
export function americanAccuratePrice(input: BsmInput, scheme?: AloScheme): number {
  return americanAccurateSpotPricer(input, scheme)(input.spot);
}
