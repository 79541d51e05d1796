/**
 * Monte Carlo split across real worker threads (simulate per range, one grid, revalue per range,
 * merge horizons on both workers) against one in-process `monteCarloVar` call; the same with a
 * GPU host (a stand-in running the kernel's CPU twin through the per-underlying path the GPU host
 * page uses); progress and cancellation through the pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskBookFromFile } from '../../shared/quant/risk/book-input';
import { monteCarloVar } from '../../shared/quant/risk/mc-var';
import { runFactorModel } from '../../shared/quant/risk-live/parametric-job';
import { WorkerPool } from '../../src-main/compute/worker-pool';
import { sourceLocator } from '../../src-main/compute/worker-locator';
import type { GpuRevalueHost } from '../../src-main/compute/gpu-engine';
import { runMonteCarlo } from '../../src-main/services/risk/mc-runner';
import { RunCancelledError, RunControl } from '../../src-main/services/risk/run-control';
import { revalueParts } from '../../src-workers/gpu/mc-parts';
import { mcRevalueCpu, MC_REVALUE_FLOAT32_RTOL } from '../../src-workers/gpu/mc-revalue.kernel';
import { REPO_ROOT_URL } from '../helpers/services-harness';
import { fixtureInput } from '../quant/risk-live/live-fixture';

let pool: WorkerPool;
beforeAll(() => {
  pool = new WorkerPool(sourceLocator(REPO_ROOT_URL), { size: 2 });
});
afterAll(async () => {
  await pool?.close();
});

const input = fixtureInput({ mcPaths: 20_000, horizonsDays: [1, 5, 10, 21] });
const prepared = riskBookFromFile(input.book);
const oneShot = monteCarloVar(prepared.book, runFactorModel(prepared, input), {
  paths: input.settings.mcPaths,
  horizonsDays: input.settings.horizonsDays,
  confidences: input.settings.confidences,
  seed: input.settings.mcSeed,
});

const fakeGpu: GpuRevalueHost = {
  probe: async () => ({ available: true, mode: 'test', note: 'CPU twin' }),
  revalueParts: async (req) =>
    req.horizons.map((h) => revalueParts(mcRevalueCpu, req.grid, h.x, h.v)),
  close: async () => undefined,
};

describe('Monte Carlo across the worker pool', () => {
  it('equals the one-shot library call on the CPU workers, with progress', async () => {
    const fractions: number[] = [];
    const control = new RunControl(1, (_p, f) => fractions.push(f));
    const r = await runMonteCarlo(pool, input, control, null);
    expect(r.engine).toBe('cpu');
    expect(r.engineNote).toMatch(/2 worker range/);
    r.horizons.forEach((h, hi) => {
      const ref = oneShot.horizons[hi];
      expect(h.horizonDays).toBe(ref?.horizonDays);
      h.cells.forEach((c, ci) => {
        expect(c.varUsd).toBe(ref?.results[ci]?.var);
        expect(c.esUsd).toBe(ref?.results[ci]?.es);
      });
    });
    expect(fractions.length).toBeGreaterThan(5);
    expect(Math.max(...fractions)).toBeGreaterThan(0.5);
  });

  it('equals it within the float32 tolerance when paths are revalued by a GPU host', async () => {
    const r = await runMonteCarlo(pool, input, new RunControl(2, () => undefined), fakeGpu);
    expect(r.engine).toBe('gpu');
    r.horizons.forEach((h, hi) => {
      h.cells.forEach((c, ci) => {
        const ref = oneShot.horizons[hi]?.results[ci]?.var as number;
        expect(Math.abs(c.varUsd - ref)).toBeLessThanOrEqual(MC_REVALUE_FLOAT32_RTOL * ref * 10);
      });
    });
  });

  it('falls back to the CPU workers when the GPU host fails', async () => {
    const broken: GpuRevalueHost = {
      ...fakeGpu,
      revalueParts: async () => {
        throw new Error('context lost');
      },
    };
    const r = await runMonteCarlo(pool, input, new RunControl(3, () => undefined), broken);
    expect(r.engine).toBe('cpu');
    expect(r.engineNote).toMatch(/context lost/);
    expect(r.horizons[0]?.cells[0]?.varUsd).toBe(oneShot.horizons[0]?.results[0]?.var);
  });

  it('stops every job when the run is cancelled', async () => {
    const big = fixtureInput({ mcPaths: 400_000, horizonsDays: [1, 5, 10, 21] });
    const control: RunControl = new RunControl(4, () => control.cancel());
    await expect(runMonteCarlo(pool, big, control, null)).rejects.toBeInstanceOf(RunCancelledError);
    // The pool is free again.
    expect(await pool.run((api) => api.ping()).promise).toBe('pong');
  });
});
