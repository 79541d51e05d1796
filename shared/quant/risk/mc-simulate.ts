/**
 * Monte Carlo factor scenarios (model in `factor-model.ts`) for a range of paths: a pure function
 * so the work splits by path ranges across workers with identical results.
 *
 * Reproducibility contract: paths are generated in chunks of MC_CHUNK_PATHS; chunk c uses
 * `createRng(seed, c)` from its start, so a path's numbers depend only on (seed, path index),
 * never on how the range was split. Ranges must therefore start on a chunk boundary.
 * Per path: nU correlated spot shocks, nU idiosyncratic vol shocks, one chi-square mixing draw
 * under the t copula, then per horizon the jump counts and sizes; the diffusion shocks are shared
 * by all horizons (common random numbers: the 1-day and 10-day results are consistent).
 */
import { createRng, type Rng } from '../math/rng';
import type { FactorModel } from './factor-model';

export const MC_CHUNK_PATHS = 2048;

export class McCancelledError extends Error {
  override name = 'McCancelledError';
}

export interface KernelHooks {
  /** Called after each chunk with paths done in this range and the range size. */
  onProgress?: (donePaths: number, rangePaths: number) => void;
  /** Checked before each chunk; true aborts with McCancelledError. */
  isCancelled?: () => boolean;
}

/** Factor moves of one horizon: x[p * nU + u], v[p * nU + u] for path p of the range. */
export interface HorizonFactors {
  horizonDays: number;
  x: Float64Array;
  v: Float64Array;
}

export function checkRange(pathStart: number, pathEnd: number): void {
  if (!(
    Number.isInteger(pathStart) &&
    Number.isInteger(pathEnd) &&
    pathStart >= 0 &&
    pathEnd > pathStart
  )) {
    throw new RangeError(`path range [${pathStart}, ${pathEnd}) is empty or invalid`);
  }
  if (pathStart % MC_CHUNK_PATHS !== 0) {
    throw new RangeError(
      `path ranges must start on a multiple of ${MC_CHUNK_PATHS}, got ${pathStart}`,
    );
  }
}

export function simulateFactorsRange(
  model: FactorModel,
  horizonsDays: readonly number[],
  seed: number,
  pathStart: number,
  pathEnd: number,
  hooks: KernelHooks = {},
): HorizonFactors[] {
  checkRange(pathStart, pathEnd);
  const nU = model.underlyings.length;
  const count = pathEnd - pathStart;
  const nH = horizonsDays.length;
  const out: HorizonFactors[] = horizonsDays.map((h) => {
    if (!(h > 0)) throw new RangeError(`horizon must be > 0 days, got ${h}`);
    return { horizonDays: h, x: new Float64Array(count * nU), v: new Float64Array(count * nU) };
  });
  const nu = model.copula.kind === 'student-t' ? model.copula.nu : Infinity;
  if (model.copula.kind === 'student-t' && !(nu > 2))
    throw new RangeError(`t copula needs nu > 2, got ${nu}`);
  // Per horizon and underlying constants.
  const drift = new Float64Array(nH * nU);
  const diff = new Float64Array(nH * nU);
  const vv = new Float64Array(nH * nU);
  const lam = new Float64Array(nH * nU);
  for (let hi = 0; hi < nH; hi++) {
    const h = horizonsDays[hi] as number;
    for (let u = 0; u < nU; u++) {
      const s = model.dailyVol[u] as number;
      const li = model.jumpIntensityDaily[u] as number;
      const mj = model.jumpMeanLog[u] as number;
      const sj = model.jumpVolLog[u] as number;
      const kappa = li > 0 ? Math.expm1(mj + 0.5 * sj * sj) : 0;
      drift[hi * nU + u] = -(0.5 * s * s + li * kappa) * h;
      diff[hi * nU + u] = s * Math.sqrt(h);
      vv[hi * nU + u] = (model.volOfVolDaily[u] as number) * Math.sqrt(h);
      lam[hi * nU + u] = li * h;
    }
  }
  const rhoSv = model.spotVolCorrelation;
  const L = model.choleskyLower;
  const g = new Float64Array(nU);
  const e = new Float64Array(nU);
  const gv = new Float64Array(nU);
  for (let p0 = pathStart; p0 < pathEnd; p0 += MC_CHUNK_PATHS) {
    if (hooks.isCancelled?.()) throw new McCancelledError('Monte Carlo cancelled');
    const rng: Rng = createRng(seed, p0 / MC_CHUNK_PATHS);
    const p1 = Math.min(pathEnd, p0 + MC_CHUNK_PATHS);
    for (let p = p0; p < p1; p++) {
      for (let u = 0; u < nU; u++) g[u] = rng.normal();
      for (let u = 0; u < nU; u++) gv[u] = rng.normal();
      const mix = nu === Infinity ? 1 : Math.sqrt((nu - 2) / rng.chiSquare(nu));
      for (let i = 0; i < nU; i++) {
        let s = 0;
        for (let k = 0; k <= i; k++) s += (L[i * nU + k] as number) * (g[k] as number);
        e[i] = s * mix;
      }
      const row = (p - pathStart) * nU;
      for (let hi = 0; hi < nH; hi++) {
        const f = out[hi] as HorizonFactors;
        for (let u = 0; u < nU; u++) {
          const c = hi * nU + u;
          const rho = rhoSv[u] as number;
          let x = (drift[c] as number) + (diff[c] as number) * (e[u] as number);
          const l = lam[c] as number;
          if (l > 0) {
            const nJ = rng.poisson(l);
            if (nJ > 0)
              x +=
                nJ * (model.jumpMeanLog[u] as number) +
                Math.sqrt(nJ) * (model.jumpVolLog[u] as number) * rng.normal();
          }
          f.x[row + u] = x;
          f.v[row + u] =
            (vv[c] as number) *
            (rho * (e[u] as number) + Math.sqrt(1 - rho * rho) * (gv[u] as number) * mix);
        }
      }
    }
    hooks.onProgress?.(p1 - pathStart, count);
  }
  return out;
}
