/**
 * VaR/ES contributions per POSITION (the per-underlying split is in the VaR results themselves).
 *
 * - Historical simulation: every position is revalued in full on every scenario (option rows once
 *   per scenario, shared by the positions of a merged row through their units), then Euler
 *   components and incremental VaR exactly as for underlyings (`contributions.ts`).
 * - Monte Carlo: revaluing every option row on 100,000 paths is what the grids avoid, so position
 *   components are estimated on the tail alone: the scenarios at or beyond VaR (ES component)
 *   and the band around it (VaR component) are revalued in full, subsampled evenly to at most
 *   `maxScenarios` of each, and the components rescaled to add up to the run's VaR and ES.
 *   Incremental VaR per position would need every path and is not computed (reported 0) for MC.
 */
import { MODEL_OPTION, type Portfolio } from '../book/portfolio';
import { eulerContributionsAll, type Contribution } from './contributions';
import { optionRowValue, type RevalBook, type UnderlyingMove } from './reval-rows';
import type { TailMeasure } from './tail-measures';
import { varRank } from './tail-measures';

/** P&L of each position in each scenario: out[s * nPos + i]; x[s * nU + u], v likewise (or 0). */
export function positionPnlMatrix(
  book: RevalBook,
  p: Portfolio,
  x: Float64Array,
  v: Float64Array | undefined,
  scenarios: ArrayLike<number>,
): Float64Array {
  const nU = book.underlyings.length;
  const o = book.options;
  const out = new Float64Array(scenarios.length * p.n);
  const rowPerUnit = new Float64Array(o.n);
  const move: UnderlyingMove = { x: 0, volMultiplier: 1, volAddAbs: 0, rateShift: 0, dtYears: 0 };
  for (let q = 0; q < scenarios.length; q++) {
    const s = scenarios[q] as number;
    for (let r = 0; r < o.n; r++) {
      const u = o.underlyingIndex[r] as number;
      move.x = x[s * nU + u] as number;
      move.volMultiplier = v ? Math.exp(v[s * nU + u] as number) : 1;
      rowPerUnit[r] =
        optionRowValue(o, r, (book.spot0[u] as number) * Math.exp(move.x), move) -
        (o.value0[r] as number);
    }
    for (let i = 0; i < p.n; i++) {
      const u = p.underlyingIndex[i] as number;
      out[q * p.n + i] =
        p.model[i] === MODEL_OPTION
          ? (p.units[i] as number) * (rowPerUnit[book.positionRow[i] as number] as number)
          : (p.units[i] as number) *
            (p.linearPrice0[i] as number) *
            Math.expm1(x[s * nU + u] as number);
    }
  }
  return out;
}

/** Exact per-position contributions over all scenarios (historical simulation). */
export function positionContributionsExact(
  book: RevalBook,
  p: Portfolio,
  x: Float64Array,
  nScenarios: number,
  confidences: readonly number[],
  weights?: Float64Array,
): { confidence: number; byPosition: Contribution[] }[] {
  const all = Int32Array.from({ length: nScenarios }, (_, s) => s);
  const pnl = positionPnlMatrix(book, p, x, undefined, all);
  const total = new Float64Array(nScenarios);
  for (let s = 0; s < nScenarios; s++) {
    let t = 0;
    for (let i = 0; i < p.n; i++) t += pnl[s * p.n + i] as number;
    total[s] = t;
  }
  return eulerContributionsAll(total, { names: p.positionIds, pnl }, confidences, weights).map(
    (c) => ({
      confidence: c.confidence,
      byPosition: c.byUnderlying,
    }),
  );
}

function evenSubsample(list: number[], max: number): number[] {
  if (list.length <= max) return list;
  return Array.from(
    { length: max },
    (_, k) => list[Math.floor(((k + 0.5) * list.length) / max)] as number,
  );
}

/** Tail-sampled per-position components for a Monte Carlo run (see header). */
export function positionComponentsSampled(
  book: RevalBook,
  p: Portfolio,
  x: Float64Array,
  v: Float64Array,
  totalPnl: Float64Array,
  measures: readonly TailMeasure[],
  maxScenarios = 256,
): { confidence: number; byPosition: Contribution[]; sampledScenarios: number }[] {
  const n = totalPnl.length;
  const sorted = totalPnl.map((q) => -q).sort();
  return measures.map((m) => {
    const k = varRank(n, m.confidence) - 1;
    const band = Math.max(2, Math.round(0.001 * n));
    const lo = sorted[Math.max(0, k - band)] as number;
    const hi = sorted[Math.min(n - 1, k + band)] as number;
    const tail: number[] = [];
    const near: number[] = [];
    for (let s = 0; s < n; s++) {
      const l = -(totalPnl[s] as number);
      if (l >= m.var) tail.push(s);
      if (l >= lo && l <= hi) near.push(s);
    }
    const tailS = evenSubsample(tail, maxScenarios);
    const nearS = evenSubsample(near, maxScenarios);
    const mean = (scen: number[]) => {
      const pnl = positionPnlMatrix(book, p, x, v, scen);
      const acc = new Float64Array(p.n);
      for (let q = 0; q < scen.length; q++)
        for (let i = 0; i < p.n; i++)
          acc[i] = (acc[i] as number) - (pnl[q * p.n + i] as number) / scen.length;
      return acc;
    };
    const es = mean(tailS);
    const vr = mean(nearS);
    const sumEs = es.reduce((a, b) => a + b, 0);
    const sumVar = vr.reduce((a, b) => a + b, 0);
    return {
      confidence: m.confidence,
      sampledScenarios: tailS.length + nearS.length,
      byPosition: p.positionIds.map((name, i) => ({
        name,
        componentVar: sumVar !== 0 ? ((vr[i] as number) / sumVar) * m.var : 0,
        componentEs: sumEs !== 0 ? ((es[i] as number) / sumEs) * m.es : 0,
        incrementalVar: 0,
      })),
    };
  });
}
