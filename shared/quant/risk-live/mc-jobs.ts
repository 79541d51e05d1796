/**
 * Monte Carlo VaR split into jobs that run on several workers (and the GPU) and merge to exactly
 * what `risk/mc-var.ts` computes in one call:
 *
 * 1. `mcSimulateJob` on each path range (ranges start on MC_CHUNK_PATHS boundaries, so a path's
 *    numbers depend only on (seed, path index)): factor moves and their range per underlying;
 * 2. `mcGridJob` once: the per-underlying P&L grids sized on the union of the ranges (the same
 *    min/max as one call over all paths, hence the same grid);
 * 3. `mcRevalueJob` on each range (or the GPU kernel, which returns per-underlying P&L in
 *    float32): total and per-underlying P&L of every path;
 * 4. `mcMergeJob` per horizon (`mc-merge.ts`).
 * Steps 1-3 report progress per 2048-path chunk and stop between chunks when cancelled.
 */
import type { BookGrid } from '../risk/grid-interp';
import { buildBookGrid, type GridRange } from '../risk/book-grid';
import { revalueRange } from '../risk/mc-revalue';
import {
  MC_CHUNK_PATHS,
  McCancelledError,
  simulateFactorsRange,
  type HorizonFactors,
} from '../risk/mc-simulate';
import { factorRanges } from '../risk/mc-var';
import { RiskJobCancelledError, prepareBook, type JobHooks, type RiskJobInput } from './job-input';
import { runFactorModel } from './parametric-job';

export interface PathRange {
  pathStart: number;
  pathEnd: number;
}

export interface McFactorsChunk extends PathRange {
  horizons: HorizonFactors[];
  ranges: GridRange[];
  modelNotes: string[];
}

export interface McPnlHorizon extends HorizonFactors {
  /** Per-path total P&L (USD); null when only `parts` came back (GPU): merged as their sum. */
  total: Float64Array | null;
  /** Per-path, per-underlying P&L at [p * nU + u] (float32 from the GPU). */
  parts: Float64Array | Float32Array;
}

export interface McPnlChunk extends PathRange {
  horizons: McPnlHorizon[];
}

/**
 * Splits [0, paths) into `parts` ranges of whole 2048-path chunks, as even as the chunks allow
 * (fewer ranges when there are fewer chunks).
 */
export function mcPathRanges(paths: number, parts: number): PathRange[] {
  if (!(Number.isInteger(paths) && paths >= 1))
    throw new RangeError(`paths must be >= 1, got ${paths}`);
  const chunks = Math.ceil(paths / MC_CHUNK_PATHS);
  const n = Math.max(1, Math.min(Math.floor(parts), chunks));
  const out: PathRange[] = [];
  let c0 = 0;
  for (let i = 0; i < n; i++) {
    const c1 = Math.round(((i + 1) * chunks) / n);
    out.push({ pathStart: c0 * MC_CHUNK_PATHS, pathEnd: Math.min(paths, c1 * MC_CHUNK_PATHS) });
    c0 = c1;
  }
  return out;
}

function wrapCancel<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof McCancelledError) throw new RiskJobCancelledError(err.message);
    throw err;
  }
}

export function mcSimulateJob(
  input: RiskJobInput,
  range: PathRange,
  hooks: JobHooks = {},
): McFactorsChunk {
  const prepared = prepareBook(input);
  const model = runFactorModel(prepared, input);
  const s = input.settings;
  const horizons = wrapCancel(() =>
    simulateFactorsRange(model, s.horizonsDays, s.mcSeed, range.pathStart, range.pathEnd, hooks),
  );
  return {
    ...range,
    horizons,
    ranges: factorRanges(horizons, prepared.book.underlyings.length),
    modelNotes: [...model.notes, prepared.volNote],
  };
}

/** Union of the ranges of every chunk, per underlying. */
export function mergeGridRanges(list: readonly (readonly GridRange[])[]): GridRange[] {
  const first = list[0];
  if (!first) throw new RangeError('mergeGridRanges: no ranges');
  return first.map((_, u) => {
    const r = { xMin: 0, xMax: 0, vMin: 0, vMax: 0 };
    for (const ranges of list) {
      const g = ranges[u] as GridRange;
      r.xMin = Math.min(r.xMin, g.xMin);
      r.xMax = Math.max(r.xMax, g.xMax);
      r.vMin = Math.min(r.vMin, g.vMin);
      r.vMax = Math.max(r.vMax, g.vMax);
    }
    return r;
  });
}

export function mcGridJob(
  input: RiskJobInput,
  rangesList: readonly (readonly GridRange[])[],
): BookGrid {
  const { book } = prepareBook(input);
  return buildBookGrid(book, mergeGridRanges(rangesList));
}

/** CPU revaluation of a chunk's paths on the grid (hands the factors back for the merge). */
export function mcRevalueJob(
  grid: BookGrid,
  chunk: PathRange & { horizons: HorizonFactors[] },
  hooks: JobHooks = {},
): McPnlChunk {
  const count = chunk.pathEnd - chunk.pathStart;
  const nU = grid.nU;
  const nH = chunk.horizons.length;
  const horizons = chunk.horizons.map((f, hi) => {
    const total = new Float64Array(count);
    const parts = new Float64Array(count * nU);
    wrapCancel(() =>
      revalueRange({ scheme: 'grid', grid }, f, nU, total, parts, {
        ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}),
        onProgress: (done) => hooks.onProgress?.(hi * count + done, nH * count),
      }),
    );
    return { ...f, total, parts };
  });
  return { pathStart: chunk.pathStart, pathEnd: chunk.pathEnd, horizons };
}
