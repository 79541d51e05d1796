import {
  cancellable,
  samplePoints,
  vegaScaledError,
  volMisfit,
  Z_GRID,
  type SlicePoints,
} from './calibration-points';
import { mertonPrice, type MertonParams } from './merton';
import { nelderMead } from '../stats/optimize';
import type { VolSurface } from './surface';

/**
 * Calibrates Merton jump-diffusion (four constant parameters for every expiry) to a fitted
 * implied-vol surface, the same way as Heston: the surface's OTM sample points, vega-scaled price
 * errors, Nelder-Mead on (ln volAnnual, ln lambda, muJump, ln sigmaJump) from a few starts. Jumps
 * steepen the short-dated smile and flatten with maturity; a surface whose skew persists far out
 * is missed in the long end, which is what the comparison is meant to show.
 */
export interface MertonCalibrationOptions {
  /** Slices shorter than this are left out. Default 0. */
  minTYears?: number;
  maxEvals?: number;
  /** Polled during the search; once true the calibration throws CalibrationCancelledError. */
  isCancelled?: () => boolean;
}

export interface MertonCalibration {
  params: MertonParams;
  /** RMSE of Merton implied vols against the surface at the sample points, in vol points. */
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  points: number;
  evals: number;
}

const fromX = (x: ArrayLike<number>): MertonParams => ({
  volAnnual: Math.exp(x[0] as number),
  lambda: Math.exp(x[1] as number),
  muJump: x[2] as number,
  sigmaJump: Math.exp(x[3] as number),
});

/** Outside this box the search gets a large value (and the Poisson series stays short). */
function plausible(p: MertonParams): boolean {
  return (
    p.volAnnual < 5 &&
    p.lambda < 100 &&
    p.lambda > 1e-4 &&
    Math.abs(p.muJump) < 1.5 &&
    p.sigmaJump < 2 &&
    p.sigmaJump > 1e-3
  );
}

function modelPrices(p: MertonParams, sp: SlicePoints): Float64Array {
  const out = new Float64Array(sp.strikes.length);
  for (let j = 0; j < out.length; j++) {
    out[j] = mertonPrice(
      {
        type: sp.types[j] ?? 'call',
        forward: 1,
        strike: sp.strikes[j] as number,
        tYears: sp.tYears,
      },
      p,
    );
  }
  return out;
}

/** Merton's prices at the sample points (exported for the misfit check in the app job). */
export function mertonSamplePrices(p: MertonParams, sp: SlicePoints): Float64Array {
  return modelPrices(p, sp);
}

export function calibrateMerton(
  surface: VolSurface,
  options: MertonCalibrationOptions = {},
): MertonCalibration {
  const pts = samplePoints(surface, options.minTYears ?? 0);
  let evals = 0;
  const objective = cancellable((x: ArrayLike<number>): number => {
    const p = fromX(x);
    if (!plausible(p)) return 1e6;
    evals++;
    return vegaScaledError(pts, (sp) => modelPrices(p, sp));
  }, options.isCancelled);
  const atm = Z_GRID.indexOf(0);
  const last = pts[pts.length - 1] as SlicePoints;
  const atmVar = (last.vol[atm] as number) ** 2;
  let best = { x: [0.5 * Math.log(atmVar), Math.log(1), -0.1, Math.log(0.2)], f: Infinity };
  for (const lambda of [0.3, 3]) {
    for (const muJump of [-0.15, 0.05]) {
      for (const sigmaJump of [0.1, 0.4]) {
        // Diffusion variance = ATM variance less what the jumps contribute, floored.
        const jumpVar = lambda * (muJump * muJump + sigmaJump * sigmaJump);
        const diffVar = Math.max(0.05 * atmVar, atmVar - jumpVar);
        const x = [0.5 * Math.log(diffVar), Math.log(lambda), muJump, Math.log(sigmaJump)];
        const f = objective(x);
        if (f < best.f) best = { x, f };
      }
    }
  }
  let x = best.x;
  for (let round = 0; round < 2; round++) {
    x = Array.from(
      nelderMead(objective, x, {
        initialStep: [0.2, 0.5, 0.1, 0.3],
        maxEvaluations: options.maxEvals ?? 800,
        tolF: 1e-14,
        tolX: 1e-8,
      }).x,
    );
  }
  const params = fromX(x);
  return { params, ...volMisfit(pts, (sp) => modelPrices(params, sp)), evals };
}
