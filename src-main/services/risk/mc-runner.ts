/**
 * Monte Carlo VaR split across the compute workers (and the GPU): simulate each path range on its
 * own worker, build the grid once, revalue every range on the CPU workers or all paths on the GPU
 * host, then merge the horizons on the workers (`shared/quant/risk-live/mc-jobs.ts`). Factor and
 * P&L arrays travel as transferred buffers; main only routes them.
 */
import * as Comlink from 'comlink';
import type { BookGrid } from '../../../shared/quant/risk/grid-interp';
import type { RiskJobInput } from '../../../shared/quant/risk-live/job-input';
import {
  mcPathRanges,
  type McFactorsChunk,
  type McPnlChunk,
} from '../../../shared/quant/risk-live/mc-jobs';
import type { McMergeHorizon } from '../../../shared/quant/risk-live/mc-merge';
import type { McHorizonView } from '../../../shared/quant/risk-live/risk-views';
import type { GpuRevalueHost } from '../../compute/gpu-engine';
import type { WorkerPool } from '../../compute/worker-pool';
import type { RunControl } from './run-control';

export interface McRunResult {
  horizons: McHorizonView[];
  notes: string[];
  engine: 'gpu' | 'cpu';
  engineNote: string;
}

const JOB_TIMEOUT_MS = 120_000;

function buffers(chunk: { horizons: { x: Float64Array; v: Float64Array }[] }): ArrayBuffer[] {
  return chunk.horizons.flatMap((h) =>
    [h.x.buffer, h.v.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer),
  );
}

/** Sums each range's (done, total) into one fraction. */
function rangeProgress(n: number, report: (fraction: number) => void) {
  const done = new Array<number>(n).fill(0);
  const total = new Array<number>(n).fill(1);
  return (i: number) =>
    Comlink.proxy((d: number, t: number) => {
      done[i] = d;
      total[i] = t;
      report(done.reduce((a, b) => a + b, 0) / total.reduce((a, b) => a + b, 0));
    });
}

async function revalueOnCpu(
  pool: WorkerPool,
  run: RunControl,
  grid: BookGrid,
  chunks: McFactorsChunk[],
  report: (fraction: number) => void,
): Promise<McPnlChunk[]> {
  const progress = rangeProgress(chunks.length, report);
  return Promise.all(
    chunks.map((c, i) => {
      const chunk = { pathStart: c.pathStart, pathEnd: c.pathEnd, horizons: c.horizons };
      return run.track(
        pool.run(
          (api, control) =>
            api.riskMcRevalue(grid, Comlink.transfer(chunk, buffers(chunk)), control, progress(i)),
          JOB_TIMEOUT_MS,
        ),
      );
    }),
  );
}

async function revalueOnGpu(
  gpu: GpuRevalueHost,
  grid: BookGrid,
  chunks: McFactorsChunk[],
): Promise<McPnlChunk[]> {
  return Promise.all(
    chunks.map(async (c) => {
      const parts = await gpu.revalueParts(
        { grid, horizons: c.horizons.map((h) => ({ x: h.x, v: h.v })) },
        JOB_TIMEOUT_MS,
      );
      return {
        pathStart: c.pathStart,
        pathEnd: c.pathEnd,
        horizons: c.horizons.map((h, hi) => {
          const p = parts[hi];
          if (!p || p.length !== h.x.length)
            throw new Error(`GPU returned ${p?.length ?? 0} values for ${h.x.length}`);
          return { ...h, total: null, parts: p };
        }),
      };
    }),
  );
}

function mergeGroups(chunks: McPnlChunk[], groups: number): McMergeHorizon[][] {
  const nH = chunks[0]?.horizons.length ?? 0;
  const out: McMergeHorizon[][] = Array.from({ length: Math.min(groups, nH) }, () => []);
  for (let hi = 0; hi < nH; hi++) {
    const horizonDays = chunks[0]?.horizons[hi]?.horizonDays ?? 0;
    out[hi % out.length]?.push({
      horizonDays,
      chunks: chunks.map((c) => {
        const h = c.horizons[hi];
        if (!h) throw new Error('Monte Carlo merge: a chunk lacks a horizon');
        return {
          pathStart: c.pathStart,
          pathEnd: c.pathEnd,
          x: h.x,
          v: h.v,
          total: h.total,
          parts: h.parts,
        };
      }),
    });
  }
  return out;
}

function mergeBuffers(group: McMergeHorizon[]): ArrayBuffer[] {
  return group.flatMap((h) =>
    h.chunks.flatMap((c) =>
      [c.x, c.v, c.total, c.parts]
        .map((a) => a?.buffer)
        .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer),
    ),
  );
}

export async function runMonteCarlo(
  pool: WorkerPool,
  input: RiskJobInput,
  run: RunControl,
  gpu: GpuRevalueHost | null,
): Promise<McRunResult> {
  const report = (from: number, to: number, message: string) => (f: number) =>
    run.progress('montecarlo', from + (to - from) * f, message);
  const ranges = mcPathRanges(input.settings.mcPaths, pool.size);
  const simProgress = rangeProgress(ranges.length, report(0, 0.35, 'simulating factor paths'));
  const chunks = await Promise.all(
    ranges.map((r, i) =>
      run.track(
        pool.run(
          (api, control) => api.riskMcSimulate(input, r, control, simProgress(i)),
          JOB_TIMEOUT_MS,
        ),
      ),
    ),
  );
  run.throwIfCancelled();
  const grid = await run.track(
    pool.run((api, control) =>
      api.riskMcGrid(
        input,
        chunks.map((c) => c.ranges),
        control,
      ),
    ),
  );
  run.progress('montecarlo', 0.45, 'P&L grids built');
  let engine: 'gpu' | 'cpu' = 'cpu';
  let engineNote = `CPU: ${ranges.length} worker range(s)`;
  let pnl: McPnlChunk[] | undefined;
  if (gpu) {
    try {
      pnl = await revalueOnGpu(gpu, grid, chunks);
      engine = 'gpu';
      engineNote = 'GPU: gpu.js kernel in the GPU host window';
    } catch (err) {
      engineNote = `CPU (the GPU failed: ${err instanceof Error ? err.message : String(err)})`;
    }
    run.throwIfCancelled();
  }
  pnl ??= await revalueOnCpu(pool, run, grid, chunks, report(0.45, 0.7, 'revaluing paths'));
  run.progress('montecarlo', 0.7, 'merging horizons');
  const groups = mergeGroups(pnl, pool.size);
  let merged = 0;
  const views = await Promise.all(
    groups.map((group) =>
      run.track(
        pool.run(
          (api, control) =>
            api.riskMcMerge(
              input,
              grid,
              Comlink.transfer(group, mergeBuffers(group)),
              control,
              Comlink.proxy(() => {
                merged++;
                run.progress(
                  'montecarlo',
                  0.7 + (0.3 * merged) / input.settings.horizonsDays.length,
                  'merging horizons',
                );
              }),
            ),
          JOB_TIMEOUT_MS,
        ),
      ),
    ),
  );
  const horizons = views.flat().sort((a, b) => a.horizonDays - b.horizonDays);
  return { horizons, notes: chunks[0]?.modelNotes ?? [], engine, engineNote };
}
