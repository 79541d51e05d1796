import type { SmileSlice } from './smile-slice';
import type { TotalVarianceDerivs } from './svi-raw';

/**
 * A volatility surface from fitted expiry slices, interpolated in total variance at fixed forward
 * log-moneyness k = ln(K / F(T)):
 * - between slices: w(k, T) linear in T. A convex combination of slices that are each
 *   non-decreasing in T keeps calendar no-arbitrage exactly; butterfly is not guaranteed by
 *   construction between nodes and is checked numerically in the tests;
 * - before the first slice: flat implied vol at fixed k (w proportional to T);
 * - beyond the last slice: linear in T with the last segment's slope at that k, floored at 0 so
 *   that w never decreases (one slice only: flat implied vol).
 * The forward is interpolated log-linearly in T between slice forwards (and the spot at T = 0
 * when given), extrapolated with the last segment's carry.
 */
export interface SurfacePoint extends TotalVarianceDerivs {
  /** dw/dT at fixed k (right derivative at a slice's expiry). */
  dwdT: number;
}

export interface VolSurface {
  /** Slices sorted by expiry. */
  slices: readonly SmileSlice[];
  forward(tYears: number): number;
  totalVariance(k: number, tYears: number): number;
  /** Implied vol (annual, decimal) at forward log-moneyness k. */
  iv(k: number, tYears: number): number;
  ivAtStrike(strike: number, tYears: number): number;
  point(k: number, tYears: number): SurfacePoint;
}

export interface SurfaceOptions {
  spot?: number;
}

export function buildSurface(
  input: readonly SmileSlice[],
  options: SurfaceOptions = {},
): VolSurface {
  const slices = [...input].sort((x, y) => x.tYears - y.tYears);
  if (slices.length === 0) throw new RangeError('buildSurface: no slices');
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i] as SmileSlice;
    if (!(s.tYears > 0) || !(s.forward > 0))
      throw new RangeError(`buildSurface: slice ${s.expiry} needs tYears > 0 and forward > 0`);
    if (i > 0 && !(s.tYears > (slices[i - 1] as SmileSlice).tYears)) {
      throw new RangeError(`buildSurface: two slices share the expiry time ${s.tYears}`);
    }
  }
  const first = slices[0] as SmileSlice;
  const last = slices[slices.length - 1] as SmileSlice;
  const fwdNodes: [number, number][] = [];
  if (options.spot !== undefined && options.spot > 0) fwdNodes.push([0, Math.log(options.spot)]);
  for (const s of slices) fwdNodes.push([s.tYears, Math.log(s.forward)]);

  const forward = (t: number): number => {
    const n = fwdNodes.length;
    const [t0, l0] = fwdNodes[0] as [number, number];
    if (n === 1 || t <= t0) return Math.exp(l0);
    let i = 1;
    while (i < n - 1 && (fwdNodes[i] as [number, number])[0] < t) i++;
    const [ta, la] = fwdNodes[i - 1] as [number, number];
    const [tb, lb] = fwdNodes[i] as [number, number];
    return Math.exp(la + ((lb - la) * (t - ta)) / (tb - ta));
  };

  const point = (k: number, t: number): SurfacePoint => {
    if (!(t > 0)) throw new RangeError('VolSurface: tYears must be > 0');
    if (t < first.tYears || slices.length === 1) {
      const d = first.derivs(k);
      const r = t / first.tYears;
      return { w: d.w * r, dw: d.dw * r, d2w: d.d2w * r, dwdT: d.w / first.tYears };
    }
    if (t >= last.tYears) {
      const prev = slices[slices.length - 2] as SmileSlice;
      const dl = last.derivs(k);
      const dp = prev.derivs(k);
      const span = last.tYears - prev.tYears;
      const slope = (dl.w - dp.w) / span;
      if (slope <= 0) return { ...dl, dwdT: 0 };
      const x = t - last.tYears;
      return {
        w: dl.w + x * slope,
        dw: dl.dw + (x * (dl.dw - dp.dw)) / span,
        d2w: dl.d2w + (x * (dl.d2w - dp.d2w)) / span,
        dwdT: slope,
      };
    }
    let i = 1;
    while ((slices[i] as SmileSlice).tYears <= t) i++;
    const a = slices[i - 1] as SmileSlice;
    const b = slices[i] as SmileSlice;
    const da = a.derivs(k);
    const db = b.derivs(k);
    const span = b.tYears - a.tYears;
    const x = (t - a.tYears) / span;
    return {
      w: da.w + x * (db.w - da.w),
      dw: da.dw + x * (db.dw - da.dw),
      d2w: da.d2w + x * (db.d2w - da.d2w),
      dwdT: (db.w - da.w) / span,
    };
  };

  const totalVariance = (k: number, t: number): number => point(k, t).w;
  const iv = (k: number, t: number): number => {
    const w = totalVariance(k, t);
    return w > 0 ? Math.sqrt(w / t) : 0;
  };
  return {
    slices,
    forward,
    totalVariance,
    iv,
    ivAtStrike: (strike, t) => {
      if (!(strike > 0)) throw new RangeError('VolSurface: strike must be > 0');
      return iv(Math.log(strike / forward(t)), t);
    },
    point,
  };
}
