import type { BsmInput, Greeks } from '../../../shared/quant/pricing/types';

/**
 * The natural size of a Greek for error measurements: the sum of the magnitudes of the terms of
 * its closed form (its condition). A relative error is meaningless where a Greek crosses zero
 * (vanna at d2 = 0, theta where carry offsets decay, ...); an error relative to this scale is not.
 */
export function greekScale(
  field: keyof Greeks,
  g: Greeks,
  x: BsmInput,
  d1: number,
  d2: number,
): number {
  const { spot: S, strike: K, tYears: T, rate: r, carryYield: q, volAnnual: v } = x;
  const a = v * Math.sqrt(T);
  const b = Math.abs(r - q);
  const dd = Math.abs(d1 * d2);
  const vegaPerV = g.vega / v;
  switch (field) {
    case 'theta':
      return (g.vega * v) / (2 * T) + Math.abs(q * S * g.delta) + Math.abs(r * K * g.dualDelta);
    case 'vanna':
      return (g.vega / (S * a)) * (1 + Math.abs(d1) + Math.abs(d2));
    case 'volga':
      return vegaPerV * (1 + dd);
    case 'charm':
      return Math.abs(q * g.delta) + g.gamma * S * a * (b / a + (1 + Math.abs(d2)) / (2 * T));
    case 'veta':
      return g.vega * (Math.abs(q) + (b * (1 + Math.abs(d1))) / a + (1 + dd) / (2 * T));
    case 'speed':
      return (g.gamma / S) * ((1 + Math.abs(d1)) / a + 1);
    case 'zomma':
      return (g.gamma / v) * (1 + dd);
    case 'color':
      return g.gamma * (Math.abs(q) + (b * (1 + Math.abs(d1))) / a + (1 + dd) / (2 * T));
    case 'ultima':
      return (vegaPerV / v) * (1 + dd * (1 + dd) + d1 * d1 + d2 * d2);
    default:
      return Math.abs(g[field]);
  }
}
