/**
 * Step 4 of the split Monte Carlo (`mc-jobs.ts`): the P&L of every path range of one horizon,
 * joined in path order, turned into the measures `risk/mc-var.ts` reports for that horizon with
 * the same functions and arguments: order-statistic VaR/ES, Euler and incremental contributions
 * per underlying, tail-sampled components per position, and the grid's error against full
 * revaluation on check paths. Added for the screens: the P&L histogram and the loss at 99% when
 * only the vol factors move (spots held), the heatmap's volatility row.
 */
import { eulerContributionsAll } from '../risk/contributions';
import { gridApprox, measureApproximation, pickCheckPaths } from '../risk/grid-check';
import { gridOptionPnl, type BookGrid } from '../risk/grid-interp';
import { positionComponentsSampled } from '../risk/position-contributions';
import { tailMeasureSorted } from '../risk/tail-measures';
import { checkCancelled, prepareBook, type JobHooks, type RiskJobInput } from './job-input';
import type { McPnlHorizon, PathRange } from './mc-jobs';
import type { McHorizonView } from './risk-views';
import {
  approximationView,
  cellsOf,
  contributionSets,
  lossQuantile,
  pnlHistogram,
} from './view-helpers';

export type McMergeChunk = PathRange & Omit<McPnlHorizon, 'horizonDays'>;

export interface McMergeHorizon {
  horizonDays: number;
  chunks: McMergeChunk[];
}

interface Joined {
  x: Float64Array;
  v: Float64Array;
  total: Float64Array;
  parts: Float64Array;
}

function join(chunks: readonly McMergeChunk[], nU: number): Joined {
  const ordered = [...chunks].sort((a, b) => a.pathStart - b.pathStart);
  let expect = 0;
  for (const c of ordered) {
    if (c.pathStart !== expect)
      throw new RangeError(`Monte Carlo merge: paths ${expect}..${c.pathStart} missing`);
    expect = c.pathEnd;
  }
  const paths = expect;
  const out: Joined = {
    x: new Float64Array(paths * nU),
    v: new Float64Array(paths * nU),
    total: new Float64Array(paths),
    parts: new Float64Array(paths * nU),
  };
  for (const c of ordered) {
    const count = c.pathEnd - c.pathStart;
    if (c.x.length !== count * nU || c.parts.length !== count * nU)
      throw new RangeError(`Monte Carlo merge: chunk at ${c.pathStart} has the wrong size`);
    out.x.set(c.x, c.pathStart * nU);
    out.v.set(c.v, c.pathStart * nU);
    out.parts.set(c.parts, c.pathStart * nU);
    if (c.total) {
      out.total.set(c.total, c.pathStart);
    } else {
      for (let p = 0; p < count; p++) {
        let s = 0;
        for (let u = 0; u < nU; u++) s += c.parts[p * nU + u] as number;
        out.total[c.pathStart + p] = s;
      }
    }
  }
  return out;
}

export function mcMergeJob(
  input: RiskJobInput,
  grid: BookGrid,
  horizons: readonly McMergeHorizon[],
  hooks: JobHooks = {},
): McHorizonView[] {
  const { book, portfolio } = prepareBook(input);
  const confidences = input.settings.confidences;
  const nU = book.underlyings.length;
  return horizons.map((h, hi) => {
    checkCancelled(hooks);
    const j = join(h.chunks, nU);
    const losses = j.total.map((p) => -p);
    const sorted = losses.slice().sort();
    const results = confidences.map((a) => tailMeasureSorted(sorted, a));
    const contributions = eulerContributionsAll(
      j.total,
      { names: book.underlyings, pnl: j.parts },
      confidences,
      undefined,
      true,
    );
    const positions = positionComponentsSampled(book, portfolio, j.x, j.v, j.total, results);
    const check = pickCheckPaths(losses, sorted, confidences, 6, 6, 6);
    const err = measureApproximation(
      book,
      gridApprox(grid),
      'grid-bicubic',
      { nU, x: j.x, v: j.v },
      check,
      { volAddAbs: 0, rateShift: 0, dtYears: 0 },
    );
    const minVar = Math.min(...results.map((r) => Math.abs(r.var)));
    const wx = new Float64Array(4);
    const wv = new Float64Array(4);
    const volLoss = new Float64Array(j.total.length);
    for (let p = 0; p < volLoss.length; p++) {
      let s = 0;
      for (let u = 0; u < nU; u++)
        s += gridOptionPnl(grid, u, 0, j.v[p * nU + u] as number, wx, wv);
      volLoss[p] = -s;
    }
    hooks.onProgress?.(hi + 1, horizons.length);
    return {
      horizonDays: h.horizonDays,
      cells: cellsOf(h.horizonDays, results),
      contributions: contributionSets(h.horizonDays, contributions, positions, false),
      histogram: pnlHistogram(h.horizonDays, j.total),
      approximation: approximationView({
        ...err,
        varErrorBoundRelative: minVar > 0 ? err.varErrorBoundUsd / minVar : 0,
      }),
      volOnlyVar99Usd: Math.max(0, lossQuantile(volLoss, 0.99)),
    };
  });
}
