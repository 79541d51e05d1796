import { impliedVolBlack76 } from '../iv/implied-vol';
import { black76Greeks } from '../pricing/black76';
import type { OptionType } from './chain';
import { cosPrices } from './cos-method';
import { fellerRatio, hestonLogCfReal, type HestonParams } from './heston';
import { nelderMead } from './nelder-mead';
import type { VolSurface } from './surface';

/**
 * Calibrates Heston to a fitted implied-vol surface (not to raw quotes: the surface has already
 * cleaned and smoothed them). Sample points: per slice, out-of-the-money options at
 * k = z * sqrt(w_ATM) for z in Z_GRID. Objective: vega-scaled price errors, i.e. vol errors to
 * first order, without an implied-vol inversion inside the loop. Nelder-Mead on
 * (ln v0, ln kappa, ln theta, ln xi, atanh rho) from a few starts. Feller is reported, not imposed
 * (crypto surfaces usually violate it).
 */
export interface HestonCalibrationOptions {
  /** Slices shorter than this are left out (Heston cannot bend enough at a few days). Default 0. */
  minTYears?: number;
  /** COS terms inside the loop (default 160). */
  terms?: number;
  maxEvals?: number;
}

export interface HestonCalibration {
  params: HestonParams;
  /** RMSE of Heston implied vols against the surface at the sample points, in vol points. */
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  points: number;
  feller: { ratio: number; satisfied: boolean };
  evals: number;
}

const Z_GRID = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];

interface SlicePoints {
  tYears: number;
  strikes: Float64Array;
  types: OptionType[];
  price: Float64Array;
  vega: Float64Array;
  vol: Float64Array;
}

function samplePoints(surface: VolSurface, minTYears: number): SlicePoints[] {
  const out: SlicePoints[] = [];
  for (const s of surface.slices) {
    if (s.tYears < minTYears) continue;
    const sd = Math.sqrt(s.totalVariance(0));
    const n = Z_GRID.length;
    const sp: SlicePoints = {
      tYears: s.tYears,
      strikes: new Float64Array(n),
      types: [],
      price: new Float64Array(n),
      vega: new Float64Array(n),
      vol: new Float64Array(n),
    };
    Z_GRID.forEach((z, j) => {
      // Unit forward: prices per unit of forward, so slices are comparable.
      const k = z * sd;
      const strike = Math.exp(k);
      const type: OptionType = k < 0 ? 'put' : 'call';
      const vol = Math.sqrt(s.totalVariance(k) / s.tYears);
      const g = black76Greeks({
        type,
        forward: 1,
        strike,
        tYears: s.tYears,
        rate: 0,
        volAnnual: vol,
        discounted: false,
      });
      sp.strikes[j] = strike;
      sp.types.push(type);
      sp.price[j] = g.price;
      sp.vega[j] = Math.max(g.vega, 1e-8);
      sp.vol[j] = vol;
    });
    out.push(sp);
  }
  if (out.length === 0) throw new RangeError('calibrateHeston: no slice at or beyond minTYears');
  return out;
}

const fromX = (x: readonly number[]): HestonParams => ({
  v0: Math.exp(x[0] as number),
  kappa: Math.exp(x[1] as number),
  theta: Math.exp(x[2] as number),
  xi: Math.exp(x[3] as number),
  rho: Math.tanh(x[4] as number),
});

function modelPrices(p: HestonParams, sp: SlicePoints, terms: number): Float64Array {
  const buf = new Float64Array(2);
  const logCf = (u: number) => {
    hestonLogCfReal(u, sp.tYears, p, buf);
    return { re: buf[0] as number, im: buf[1] as number };
  };
  return cosPrices(logCf, 1, sp.strikes, sp.types, { terms });
}

export function calibrateHeston(
  surface: VolSurface,
  options: HestonCalibrationOptions = {},
): HestonCalibration {
  const pts = samplePoints(surface, options.minTYears ?? 0);
  const terms = options.terms ?? 160;
  const nPts = pts.length * Z_GRID.length;
  let evals = 0;
  const objective = (x: readonly number[]): number => {
    const p = fromX(x);
    if (!(p.kappa < 100 && p.xi < 50 && p.v0 < 25 && p.theta < 25)) return 1e6;
    evals++;
    let s = 0;
    for (const sp of pts) {
      const model = modelPrices(p, sp, terms);
      for (let j = 0; j < model.length; j++) {
        const e = ((model[j] as number) - (sp.price[j] as number)) / (sp.vega[j] as number);
        s += e * e;
      }
    }
    return Number.isFinite(s) ? s / nPts : 1e6;
  };
  const first = pts[0] as SlicePoints;
  const last = pts[pts.length - 1] as SlicePoints;
  const v0 = (first.vol[4] as number) ** 2;
  const theta = (last.vol[4] as number) ** 2;
  let best = { x: [Math.log(v0), Math.log(2), Math.log(theta), Math.log(1), 0], f: Infinity };
  for (const kappa of [0.5, 3]) {
    for (const xi of [0.5, 2]) {
      for (const rho of [-0.5, 0]) {
        const x = [Math.log(v0), Math.log(kappa), Math.log(theta), Math.log(xi), Math.atanh(rho)];
        const f = objective(x);
        if (f < best.f) best = { x, f };
      }
    }
  }
  let x = best.x;
  for (let round = 0; round < 2; round++) {
    const nm = nelderMead(objective, x, {
      step: [0.2, 0.5, 0.2, 0.3, 0.3],
      maxEvals: options.maxEvals ?? 1200,
      fTol: 1e-14,
      xTol: 1e-8,
    });
    x = nm.x;
  }
  const params = fromX(x);
  let sq = 0;
  let maxAbs = 0;
  let n = 0;
  for (const sp of pts) {
    const model = modelPrices(params, sp, 512);
    for (let j = 0; j < model.length; j++) {
      let iv: number;
      try {
        iv = impliedVolBlack76({
          type: sp.types[j] as OptionType,
          forward: 1,
          strike: sp.strikes[j] as number,
          tYears: sp.tYears,
          price: model[j] as number,
        });
      } catch {
        // A model price outside Black's range: count the point as missed by its target vol.
        iv = 0;
      }
      const e = iv - (sp.vol[j] as number);
      sq += e * e;
      maxAbs = Math.max(maxAbs, Math.abs(e));
      n++;
    }
  }
  const ratio = fellerRatio(params);
  return {
    params,
    rmseVolPts: 100 * Math.sqrt(sq / n),
    maxAbsErrVolPts: 100 * maxAbs,
    points: n,
    feller: { ratio, satisfied: ratio >= 1 },
    evals,
  };
}
