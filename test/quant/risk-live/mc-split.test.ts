/**
 * The split Monte Carlo (simulate per path range, one grid, revalue per range, merge) against one
 * call of the library's `monteCarloVar` on the same seed: identical on the CPU path, within the
 * float32 tolerance when the per-underlying P&L comes back in single precision (GPU path).
 */
import { describe, expect, it } from 'vitest';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import { MC_CHUNK_PATHS } from '../../../shared/quant/risk/mc-simulate';
import {
  RiskJobCancelledError,
  type RiskJobInput,
} from '../../../shared/quant/risk-live/job-input';
import {
  mcGridJob,
  mcPathRanges,
  mcRevalueJob,
  mcSimulateJob,
  type McPnlChunk,
} from '../../../shared/quant/risk-live/mc-jobs';
import { mcMergeJob, type McMergeHorizon } from '../../../shared/quant/risk-live/mc-merge';
import { runFactorModel } from '../../../shared/quant/risk-live/parametric-job';
import { fixtureInput } from './live-fixture';

function mergeInput(chunks: McPnlChunk[], horizons: number[]): McMergeHorizon[] {
  return horizons.map((horizonDays, hi) => ({
    horizonDays,
    chunks: chunks.map((c) => {
      const h = c.horizons[hi];
      if (!h) throw new Error('missing horizon');
      return {
        pathStart: c.pathStart,
        pathEnd: c.pathEnd,
        x: h.x,
        v: h.v,
        total: h.total,
        parts: h.parts,
      };
    }),
  }));
}

function split(input: RiskJobInput, parts: number) {
  const ranges = mcPathRanges(input.settings.mcPaths, parts);
  const factors = ranges.map((r) => mcSimulateJob(input, r));
  const grid = mcGridJob(
    input,
    factors.map((f) => f.ranges),
  );
  const pnl = factors.map((f) => mcRevalueJob(grid, f));
  return { grid, pnl, ranges };
}

describe('mcPathRanges', () => {
  it('covers [0, paths) with chunk-aligned, balanced ranges', () => {
    for (const [paths, parts] of [
      [100_000, 2],
      [6000, 2],
      [2048, 4],
      [100, 3],
      [10_000, 7],
    ] as const) {
      const r = mcPathRanges(paths, parts);
      expect(r[0]?.pathStart).toBe(0);
      expect(r[r.length - 1]?.pathEnd).toBe(paths);
      r.forEach((x, i) => {
        expect(x.pathStart % MC_CHUNK_PATHS).toBe(0);
        expect(x.pathEnd).toBeGreaterThan(x.pathStart);
        if (i > 0) expect(x.pathStart).toBe(r[i - 1]?.pathEnd);
      });
      expect(r.length).toBeLessThanOrEqual(Math.min(parts, Math.ceil(paths / MC_CHUNK_PATHS)));
    }
  });
});

describe('split Monte Carlo = one-shot monteCarloVar', () => {
  const input = fixtureInput();
  const prepared = riskBookFromFile(input.book);
  const model = runFactorModel(prepared, input);
  const s = input.settings;
  const oneShot = monteCarloVar(prepared.book, model, {
    paths: s.mcPaths,
    horizonsDays: s.horizonsDays,
    confidences: s.confidences,
    seed: s.mcSeed,
    byPosition: prepared.portfolio,
  });

  it('gives the same VaR, ES, contributions and grid error on the CPU path (exactly)', () => {
    const { grid, pnl, ranges } = split(input, 2);
    expect(ranges.length).toBe(2);
    const merged = mcMergeJob(input, grid, mergeInput(pnl, s.horizonsDays));
    merged.forEach((m, hi) => {
      const ref = oneShot.horizons[hi];
      if (!ref) throw new Error('missing horizon');
      expect(m.horizonDays).toBe(ref.horizonDays);
      m.cells.forEach((c, ci) => {
        expect(c.varUsd).toBe(ref.results[ci]?.var);
        expect(c.esUsd).toBe(ref.results[ci]?.es);
      });
      m.contributions.forEach((set, ci) => {
        const u = ref.contributions[ci]?.byUnderlying ?? [];
        set.byUnderlying.forEach((b, k) => {
          expect(b.componentVarUsd).toBe(u[k]?.componentVar);
          expect(b.incrementalVarUsd).toBe(u[k]?.incrementalVar);
        });
        const p = ref.positionContributions?.[ci]?.byPosition ?? [];
        expect(set.byPosition.length).toBe(p.length);
        set.byPosition.forEach((b, k) => expect(b.componentEsUsd).toBe(p[k]?.componentEs));
      });
      expect(m.approximation?.varErrorBoundUsd).toBe(ref.approximationError?.varErrorBoundUsd);
      expect(m.histogram.counts.reduce((a, b) => a + b, 0)).toBe(s.mcPaths);
      expect(m.volOnlyVar99Usd).toBeGreaterThanOrEqual(0);
    });
  });

  it('three ranges give the same numbers as two', () => {
    const a = split(input, 2);
    const b = split(input, 3);
    const ma = mcMergeJob(input, a.grid, mergeInput(a.pnl, s.horizonsDays));
    const mb = mcMergeJob(input, b.grid, mergeInput(b.pnl, s.horizonsDays));
    expect(mb.map((h) => h.cells)).toEqual(ma.map((h) => h.cells));
  });

  it('float32 per-underlying P&L (the GPU path) merges within the float32 tolerance', () => {
    const { grid, pnl } = split(input, 2);
    const f32 = pnl.map((c) => ({
      ...c,
      horizons: c.horizons.map((h) => ({ ...h, total: null, parts: Float32Array.from(h.parts) })),
    }));
    const merged = mcMergeJob(input, grid, mergeInput(f32, s.horizonsDays));
    merged.forEach((m, hi) => {
      const ref = oneShot.horizons[hi];
      m.cells.forEach((c, ci) => {
        const v = ref?.results[ci]?.var as number;
        expect(Math.abs(c.varUsd - v)).toBeLessThanOrEqual(1e-5 * Math.abs(v) + 1);
      });
    });
  });

  it('reports progress per chunk and stops when cancelled', () => {
    const seen: [number, number][] = [];
    mcSimulateJob(
      input,
      { pathStart: 0, pathEnd: 6000 },
      { onProgress: (d, t) => seen.push([d, t]) },
    );
    expect(seen.map((x) => x[0])).toEqual([2048, 4096, 6000]);
    expect(seen.every((x) => x[1] === 6000)).toBe(true);
    let calls = 0;
    expect(() =>
      mcSimulateJob(input, { pathStart: 0, pathEnd: 6000 }, { isCancelled: () => ++calls > 1 }),
    ).toThrow(RiskJobCancelledError);
    const { grid, pnl } = split({ ...input, settings: { ...s, mcPaths: 4096 } }, 1);
    const chunk = pnl[0] as McPnlChunk;
    expect(() => mcRevalueJob(grid, chunk, { isCancelled: () => true })).toThrow(
      RiskJobCancelledError,
    );
  });
});
