import {
  cancellable,
  samplePoints,
  vegaScaledError,
  volMisfit,
  Z_GRID,
  type SlicePoints,
} from './calibration-points';
import { cosPrices } from './cos-method';
import { fellerRatio, hestonLogCfReal, type HestonParams } from './heston';
import { nelderMead } from '../stats/optimize';
import type { VolSurface } from './surface';

/**
 * Calibrates Heston to a fitted implied-vol surface (not to raw quotes: the surface has already
 * cleaned and smoothed them). Sample points (`calibration-points.ts`): per slice, out-of-the-money
 * options at k = z * sqrt(w_ATM), z in [-2, 2]. Objective: vega-scaled price errors, i.e. vol
 * errors to first order, without an implied-vol inversion inside the loop. Nelder-Mead on
 * (ln v0, ln kappa, ln theta, ln xi, atanh rho) from a few starts. Feller is reported, not imposed
 * (crypto surfaces usually violate it).
 */
export interface HestonCalibrationOptions {
  /** Slices shorter than this are left out (Heston cannot bend enough at a few days). Default 0. */
  minTYears?: number;
  /** COS terms inside the loop (default 160). */
  terms?: number;
  maxEvals?: number;
  /** Polled during the search; once true the calibration throws CalibrationCancelledError. */
  isCancelled?: () => boolean;
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

const fromX = (x: ArrayLike<number>): HestonParams => ({
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
  let evals = 0;
  const objective = cancellable((x: ArrayLike<number>): number => {
    const p = fromX(x);
    if (!(p.kappa < 100 && p.xi < 50 && p.v0 < 25 && p.theta < 25)) return 1e6;
    evals++;
    return vegaScaledError(pts, (sp) => modelPrices(p, sp, terms));
  }, options.isCancelled);
  const first = pts[0] as SlicePoints;
  const last = pts[pts.length - 1] as SlicePoints;
  const atm = Z_GRID.indexOf(0);
  const v0 = (first.vol[atm] as number) ** 2;
  const theta = (last.vol[atm] as number) ** 2;
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
      initialStep: [0.2, 0.5, 0.2, 0.3, 0.3],
      maxEvaluations: options.maxEvals ?? 1200,
      tolF: 1e-14,
      tolX: 1e-8,
    });
    x = Array.from(nm.x);
  }
  const params = fromX(x);
  const misfit = volMisfit(pts, (sp) => modelPrices(params, sp, 512));
  const ratio = fellerRatio(params);
  return {
    params,
    ...misfit,
    feller: { ratio, satisfied: ratio >= 1 },
    evals,
  };
}
