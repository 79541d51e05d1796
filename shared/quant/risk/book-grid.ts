/**
 * Builds the per-underlying option P&L grids of the fast revaluation scheme (layout and
 * interpolation in `grid-interp.ts`).
 *
 * Why per underlying: every option on underlying u sees the same scenario coordinates (x_u, v_u),
 * so the sum over all of u's option rows is one smooth function F_u(x, v) and one grid per
 * underlying replaces per-position revaluation: the per-path cost no longer depends on the
 * number of positions. Grid nodes are exact revaluations, so building costs rows x nodes prices.
 *
 * American rows: the Bjerksund-Stensland 2002 price costs ~100x a BSM price, so an American row
 * is valued at the fine nodes as (exact European BSM) + (early-exercise premium interpolated from
 * a coarse eepXi x eepV grid of exact BS2002 - BSM differences). The premium is small and smooth,
 * so the coarse grid adds little error, and that error is inside what `grid-check.ts` measures
 * against full BS2002 revaluation. Rows where early exercise is never optimal (calls with q <= 0,
 * puts with r <= 0) skip the premium, as the pricer itself does.
 *
 * Sticky-delta rows read each spot node's vol off their moved smile (`sticky-delta.ts`), exactly
 * as full revaluation does, so the grid approximates the same function and `grid-check.ts`
 * measures its error against the same sticky-delta full revaluation.
 */
import { bsmUnitValue } from './option-value';
import { cubicWeights, type BookGrid } from './grid-interp';
import {
  movedVol,
  optionRowValue,
  rowVol,
  type RevalBook,
  type UnderlyingMove,
} from './reval-rows';
import { smileVolShift } from './sticky-delta';

export interface GridRange {
  xMin: number;
  xMax: number;
  /** Log vol multiplier range; ignored when the grid has no vol axis. */
  vMin: number;
  vMax: number;
}

export interface GridOptions {
  /** Spot nodes including the two padding nodes (default 65). */
  nXi?: number;
  /** Vol nodes including padding (default 17); 1 = no vol axis. */
  nV?: number;
  /** asinh crowding: the outermost spacing is cosh(concentration) x the central one (default 2). */
  concentration?: number;
  /** Coarse early-exercise-premium grid of American rows (defaults 17 spot nodes x the fine vol nodes, so the premium needs no vol interpolation; 33 spot nodes without vol axis). */
  eepXi?: number;
  eepV?: number;
  /** A premium below this on the whole position (USD) at every pre-scan node is dropped (0.01). */
  eepNegligibleUsd?: number;
  rateShift?: number;
  dtYears?: number;
}

function axis(min: number, max: number, n: number): { origin: number; step: number } {
  let span = max - min;
  if (!(span > 1e-9)) span = 1e-6;
  const step = span / (n - 3);
  return { origin: min - step, step };
}

/** True when the row's pricer returns the European value (no early-exercise premium). */
export function earlyExerciseMatters(
  right: number,
  american: boolean,
  rate: number,
  carryYield: number,
): boolean {
  if (!american) return false;
  return right > 0 ? carryYield > 0 : rate > 0;
}

export function buildBookGrid(
  book: RevalBook,
  ranges: readonly GridRange[],
  options: GridOptions = {},
): BookGrid {
  const nU = book.underlyings.length;
  if (ranges.length !== nU)
    throw new RangeError(`grid: ${ranges.length} ranges for ${nU} underlyings`);
  const nXi = options.nXi ?? 65;
  const nV = options.nV ?? 17;
  if (!(nXi >= 5)) throw new RangeError(`grid: nXi must be >= 5, got ${nXi}`);
  if (!(nV === 1 || nV >= 5)) throw new RangeError(`grid: nV must be 1 or >= 5, got ${nV}`);
  const conc = options.concentration ?? 2;
  const g: BookGrid = {
    nU,
    nXi,
    nV,
    scale: new Float64Array(nU),
    xi0: new Float64Array(nU),
    dXi: new Float64Array(nU),
    v0: new Float64Array(nU),
    dV: new Float64Array(nU).fill(1),
    linearUsd: Float64Array.from(book.linearUsd),
    values: new Float64Array(nU * nXi * nV),
  };
  for (let u = 0; u < nU; u++) {
    const rg = ranges[u] as GridRange;
    const extent = Math.max(Math.abs(rg.xMin), Math.abs(rg.xMax), 1e-6);
    const scale = extent / Math.sinh(conc);
    const ax = axis(Math.asinh(rg.xMin / scale), Math.asinh(rg.xMax / scale), nXi);
    g.scale[u] = scale;
    g.xi0[u] = ax.origin;
    g.dXi[u] = ax.step;
    if (nV > 1) {
      const av = axis(rg.vMin, rg.vMax, nV);
      g.v0[u] = av.origin;
      g.dV[u] = av.step;
    }
    fillUnderlying(book, g, u, options);
  }
  return g;
}

function fillUnderlying(book: RevalBook, g: BookGrid, u: number, options: GridOptions): void {
  const o = book.options;
  const rows = book.rowsByUnderlying[u] as Int32Array;
  const { nXi, nV } = g;
  const offset = u * nXi * nV;
  const s0 = book.spot0[u] as number;
  const spots = Float64Array.from(
    { length: nXi },
    (_, j) =>
      s0 *
      Math.exp((g.scale[u] as number) * Math.sinh((g.xi0[u] as number) + j * (g.dXi[u] as number))),
  );
  const vs = Float64Array.from({ length: nV }, (_, k) =>
    nV === 1 ? 0 : (g.v0[u] as number) + k * (g.dV[u] as number),
  );
  const rateShift = options.rateShift ?? 0;
  const dtYears = options.dtYears ?? 0;
  for (let q = 0; q < rows.length; q++) {
    const r = rows[q] as number;
    const units = o.units[r] as number;
    if (units === 0) continue;
    const right = o.right[r] as number;
    const strike = o.strike[r] as number;
    const tYears = Math.max(0, (o.tYears[r] as number) - dtYears);
    const rate = (o.rate[r] as number) + rateShift;
    const carry = o.carryYield[r] as number;
    const v0 = o.value0[r] as number;
    const eep = earlyExerciseMatters(right, o.american[r] === 1, rate, carry)
      ? premiumGrid(book, r, g, u, options)
      : undefined;
    // Under sticky-delta each spot node reads its own vol off the moved smile.
    const base = o.volAnnual[r] as number;
    const sd = o.stickyDelta;
    const volAt = sd
      ? Float64Array.from(spots, (spot) => base + smileVolShift(sd, r, u, spot))
      : undefined;
    for (let k = 0; k < nV; k++) {
      const move = { ...MOVE0, volMultiplier: Math.exp(vs[k] as number) };
      const flatVol = movedVol(base, move);
      for (let j = 0; j < nXi; j++) {
        const spot = spots[j] as number;
        const vol = volAt ? movedVol(volAt[j] as number, move) : flatVol;
        let value = bsmUnitValue(right, spot, strike, tYears, rate, carry, vol);
        // The pricer floors American values at intrinsic and European: re-applying the floors at
        // each node keeps those pieces exact where the interpolated premium would smear them.
        if (eep) value = Math.max(value + Math.max(0, eep(j, k)), right * (spot - strike));
        const idx = offset + j * nV + k;
        g.values[idx] = (g.values[idx] as number) + units * (value - v0);
      }
    }
  }
}

const MOVE0: UnderlyingMove = { x: 0, volMultiplier: 1, volAddAbs: 0, rateShift: 0, dtYears: 0 };

/**
 * Early-exercise premium (BS2002 - BSM) of row r on a coarse grid spanning the fine grid, returned
 * as a lookup at fine node (j, k) by Catmull-Rom interpolation of the coarse values.
 */
function premiumGrid(
  book: RevalBook,
  r: number,
  g: BookGrid,
  u: number,
  options: GridOptions,
): ((j: number, k: number) => number) | undefined {
  const o = book.options;
  const nC = Math.max(4, options.eepXi ?? (g.nV === 1 ? 33 : 17));
  const nCv = g.nV === 1 ? 1 : Math.max(4, options.eepV ?? g.nV);
  const xi0 = g.xi0[u] as number;
  const xiSpan = (g.nXi - 1) * (g.dXi[u] as number);
  const vSpan = (g.nV - 1) * (g.dV[u] as number);
  const v0 = g.v0[u] as number;
  const s0 = book.spot0[u] as number;
  const move: UnderlyingMove = {
    x: 0,
    volMultiplier: 1,
    volAddAbs: 0,
    rateShift: options.rateShift ?? 0,
    dtYears: options.dtYears ?? 0,
  };
  const coarse = new Float64Array(nC * nCv).fill(Number.NaN);
  const premiumAt = (a: number, b: number): number => {
    const idx = a * nCv + b;
    const cached = coarse[idx] as number;
    if (!Number.isNaN(cached)) return cached;
    const x = (g.scale[u] as number) * Math.sinh(xi0 + (a * xiSpan) / (nC - 1));
    const spot = s0 * Math.exp(x);
    move.volMultiplier = nCv === 1 ? 1 : Math.exp(v0 + (b * vSpan) / (nCv - 1));
    const am = optionRowValue(o, r, spot, move);
    const eu = bsmUnitValue(
      o.right[r] as number,
      spot,
      o.strike[r] as number,
      Math.max(0, (o.tYears[r] as number) - move.dtYears),
      (o.rate[r] as number) + move.rateShift,
      o.carryYield[r] as number,
      rowVol(o, r, spot, move),
    );
    coarse[idx] = am - eu;
    return am - eu;
  };
  // Pre-scan a 5 x 5 subset (corners included): a premium worth less than `eepNegligibleUsd`
  // on the whole position everywhere is dropped (calls with a tiny yield, far OTM puts).
  const pick = (n: number) => [
    ...new Set([0, (n - 1) >> 2, (n - 1) >> 1, (3 * (n - 1)) >> 2, n - 1]),
  ];
  let largest = 0;
  for (const a of pick(nC))
    for (const b of pick(nCv)) largest = Math.max(largest, Math.abs(premiumAt(a, b)));
  if (largest * Math.abs(o.units[r] as number) < (options.eepNegligibleUsd ?? 0.01))
    return undefined;
  for (let a = 0; a < nC; a++) for (let b = 0; b < nCv; b++) premiumAt(a, b);
  const wa = new Float64Array(4);
  const wb = new Float64Array(4);
  return (j: number, k: number): number => {
    const fa = (j * (nC - 1)) / (g.nXi - 1);
    const ia = Math.min(Math.max(Math.floor(fa), 1), nC - 3);
    cubicWeights(fa - ia, wa);
    if (nCv === 1) {
      let s = 0;
      for (let p = 0; p < 4; p++) s += (wa[p] as number) * (coarse[ia - 1 + p] as number);
      return s;
    }
    const fb = (k * (nCv - 1)) / (g.nV - 1);
    const ib = Math.min(Math.max(Math.floor(fb), 1), nCv - 3);
    cubicWeights(fb - ib, wb);
    let s = 0;
    for (let p = 0; p < 4; p++) {
      let inner = 0;
      for (let q = 0; q < 4; q++)
        inner += (wb[q] as number) * (coarse[(ia - 1 + p) * nCv + ib - 1 + q] as number);
      s += (wa[p] as number) * inner;
    }
    return s;
  };
}
