/**
 * One fitted expiry as the surface screen shows it: parameters, fit quality, arbitrage, metrics,
 * the fitted curve over the quoted strikes and every market point with its residual.
 */
import type {
  SurfaceMarketPoint,
  SurfaceSliceMetrics,
  SurfaceSliceView,
} from '../../domain/vol-surface';
import type { CleanSlice } from '../surface/chain-clean';
import type { ExpiryFit } from '../surface/fit-chain';
import { sliceMetrics } from '../surface/metrics';
import { sliceIv } from '../surface/smile-slice';
import { sviRawToJw } from '../surface/svi-jw';

/** Points on each fitted curve. */
export const CURVE_POINTS = 81;
/** The curve reaches this share of the quoted k range beyond each end. */
const CURVE_PAD = 0.15;

function paramsRecord(fit: ExpiryFit['fit']): Record<string, number> {
  return fit.model === 'svi'
    ? { ...fit.params }
    : {
        alpha: fit.params.alpha,
        beta: fit.params.beta,
        rho: fit.params.rho,
        nu: fit.params.nu,
      };
}

function jwRecord(e: ExpiryFit): Record<string, number> | undefined {
  if (e.fit.model !== 'svi') return undefined;
  try {
    const jw = sviRawToJw(e.fit.params, e.tYears);
    const out = { ...jw };
    return Object.values(out).every(Number.isFinite) ? out : undefined;
  } catch {
    // A slice with no positive ATM variance has no JW form; the raw parameters still stand.
    return undefined;
  }
}

function metricsOf(e: ExpiryFit): SurfaceSliceMetrics | undefined {
  try {
    const m = sliceMetrics(e.slice);
    const out = {
      atmVol: m.atmVol,
      skewSlope: m.skewSlope,
      rr25: m.riskReversal,
      bf25: m.butterfly,
      vol25Call: m.callVol,
      vol25Put: m.putVol,
    };
    return Object.values(out).every(Number.isFinite) ? out : undefined;
  } catch {
    // No 25-delta strike on a degenerate smile: left out rather than invented.
    return undefined;
  }
}

/** k range of the quotes (a symmetric default when there is a single strike). */
export function quotedRange(clean: CleanSlice): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of clean.quotes) {
    lo = Math.min(lo, q.k);
    hi = Math.max(hi, q.k);
  }
  if (!(hi > lo)) return [Math.min(lo, 0) - 0.1, Math.max(hi, 0) + 0.1];
  return [lo, hi];
}

function marketPoint(e: ExpiryFit, q: CleanSlice['quotes'][number]): SurfaceMarketPoint {
  const fitIv = sliceIv(e.slice, q.k);
  const p: SurfaceMarketPoint = {
    strike: q.strike,
    k: q.k,
    type: q.type,
    targetIv: q.targetIv,
    fitIv,
    residualVolPts: 100 * (fitIv - q.targetIv),
    weight: q.weight,
  };
  if (q.bidIv !== undefined) p.bidIv = q.bidIv;
  if (q.askIv !== undefined) p.askIv = q.askIv;
  if (q.markIv !== undefined) p.markIv = q.markIv;
  if (q.midIv !== undefined) p.midIv = q.midIv;
  if (q.bidIv !== undefined && q.askIv !== undefined)
    p.inside = fitIv >= q.bidIv && fitIv <= q.askIv;
  return p;
}

export function sliceView(e: ExpiryFit, clean: CleanSlice): SurfaceSliceView {
  const [lo, hi] = quotedRange(clean);
  const pad = CURVE_PAD * (hi - lo);
  const curve = { k: [] as number[], strike: [] as number[], iv: [] as number[] };
  for (let i = 0; i < CURVE_POINTS; i++) {
    const k = lo - pad + ((hi - lo + 2 * pad) * i) / (CURVE_POINTS - 1);
    curve.k.push(k);
    curve.strike.push(e.forward * Math.exp(k));
    curve.iv.push(sliceIv(e.slice, k));
  }
  const view: SurfaceSliceView = {
    expiry: e.expiry,
    expiryMs: e.expiryMs,
    tYears: e.tYears,
    forward: e.forward,
    params: paramsRecord(e.fit),
    rmseVolPts: e.quality.rmseVolPts,
    maxAbsErrVolPts: e.quality.maxAbsErrVolPts,
    insideBidAsk: e.quality.insideBidAsk,
    quotes: e.quality.quotes,
    twoSided: e.liquidity.twoSided,
    liquid: e.liquidity.liquid,
    minG: e.butterfly.minG,
    kAtMinG: e.butterfly.kAtMinG,
    negativeG: e.butterfly.negativeRanges.map(([a, b]) => [a, b]),
    skipped: { ...e.skipped },
    curve,
    market: clean.quotes.map((q) => marketPoint(e, q)),
  };
  if (Number.isFinite(e.liquidity.medianSpreadVolPts))
    view.medianSpreadVolPts = e.liquidity.medianSpreadVolPts;
  if (e.arbitrageFeasible !== undefined) view.arbitrageFeasible = e.arbitrageFeasible;
  const jw = jwRecord(e);
  if (jw) view.jw = jw;
  const metrics = metricsOf(e);
  if (metrics) view.metrics = metrics;
  return view;
}
