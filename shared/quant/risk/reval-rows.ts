/**
 * Revaluation view of a `Portfolio`, grouped by underlying, which is what every risk method
 * needs: a scenario moves each underlying's spot and ATM vol, so the book's P&L is a sum over
 * underlyings of a function of that underlying's (spot, vol) move.
 *
 * Exact compression (no approximation):
 * - all LINEAR rows of an underlying collapse into one USD exposure, P&L = linearUsd (S'/S0 - 1);
 * - OPTION rows with identical (underlying, right, style, strike, tYears, vol, rate, carry) are
 *   one row with summed units (the "aggregate identical (K, T, type) rows" shortcut).
 * `positionRow` maps each position to its option row (-1 for linear positions) so per-position
 * figures can be recovered from per-row ones by the position's share of the row's units.
 *
 * Scenario conventions (every method): spot S' = S0 exp(x); option vol' = max(VOL_FLOOR,
 * vol * volMultiplier + volAddAbs) applied to each option's own implied vol (an ATM-vol factor per
 * underlying moving the whole smile in parallel, additively or proportionally); rate + shift for
 * every option (coin-settled rows carry their basis in `rate`, so it moves too); time moves by
 * `dtYears` (0 = instantaneous shock, the default of VaR). Spot moves keep each strike's vol
 * (sticky-strike) unless the rows carry a smile (`sticky-delta.ts`), which every revaluation
 * here then follows through `rowVol`.
 */
import { MODEL_OPTION, type Portfolio } from '../book/portfolio';
import { optionUnitValue } from './option-value';
import { smileVolShift, type StickyDeltaRows } from './sticky-delta';

/** Vols are floored at 1% so a large negative vol shock cannot produce a zero or negative vol. */
export const VOL_FLOOR = 0.01;

export interface OptionRows {
  n: number;
  underlyingIndex: Int32Array;
  right: Int8Array;
  american: Uint8Array;
  strike: Float64Array;
  tYears: Float64Array;
  volAnnual: Float64Array;
  rate: Float64Array;
  carryYield: Float64Array;
  units: Float64Array;
  /** USD value per unit at the base market (asOf). */
  value0: Float64Array;
  /** Present when spot moves follow the fitted smile (sticky-delta, `sticky-delta.ts`). */
  stickyDelta?: StickyDeltaRows | undefined;
}

export interface RevalBook {
  underlyings: string[];
  spot0: Float64Array;
  /** Sum of units * linearPrice0 of the linear rows, per underlying (USD). */
  linearUsd: Float64Array;
  options: OptionRows;
  /** Option row of each position, -1 for linear positions. */
  positionRow: Int32Array;
  /** Option rows of each underlying (indices into `options`). */
  rowsByUnderlying: Int32Array[];
}

export interface UnderlyingMove {
  /** Log spot move x: S' = S0 e^x. */
  x: number;
  /** vol' = vol * volMultiplier + volAddAbs (then floored). */
  volMultiplier: number;
  volAddAbs: number;
  rateShift: number;
  dtYears: number;
}

export const NO_MOVE: UnderlyingMove = {
  x: 0,
  volMultiplier: 1,
  volAddAbs: 0,
  rateShift: 0,
  dtYears: 0,
};

export function buildRevalBook(p: Portfolio): RevalBook {
  const nU = p.underlyings.length;
  const linearUsd = new Float64Array(nU);
  const positionRow = new Int32Array(p.n).fill(-1);
  const keyToRow = new Map<string, number>();
  const rows: number[] = [];
  const units: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const u = p.underlyingIndex[i] as number;
    if (p.model[i] !== MODEL_OPTION) {
      linearUsd[u] =
        (linearUsd[u] as number) + (p.units[i] as number) * (p.linearPrice0[i] as number);
      continue;
    }
    const key = [
      u,
      p.right[i],
      p.american[i],
      p.strike[i],
      p.tYears[i],
      p.volAnnual[i],
      p.rate[i],
      p.carryYield[i],
    ].join('|');
    let r = keyToRow.get(key);
    if (r === undefined) {
      r = rows.length;
      keyToRow.set(key, r);
      rows.push(i);
      units.push(0);
    }
    units[r] = (units[r] as number) + (p.units[i] as number);
    positionRow[i] = r;
  }
  const n = rows.length;
  const pick = <T extends Float64Array | Int32Array | Int8Array | Uint8Array>(
    src: T,
    make: (n: number) => T,
  ): T => {
    const out = make(n);
    rows.forEach((i, r) => (out[r] = src[i] as number));
    return out;
  };
  const options: OptionRows = {
    n,
    underlyingIndex: pick(p.underlyingIndex, (k) => new Int32Array(k)),
    right: pick(p.right, (k) => new Int8Array(k)),
    american: pick(p.american, (k) => new Uint8Array(k)),
    strike: pick(p.strike, (k) => new Float64Array(k)),
    tYears: pick(p.tYears, (k) => new Float64Array(k)),
    volAnnual: pick(p.volAnnual, (k) => new Float64Array(k)),
    rate: pick(p.rate, (k) => new Float64Array(k)),
    carryYield: pick(p.carryYield, (k) => new Float64Array(k)),
    units: Float64Array.from(units),
    value0: new Float64Array(n),
  };
  const byU: number[][] = Array.from({ length: nU }, () => []);
  for (let r = 0; r < n; r++) {
    const u = options.underlyingIndex[r] as number;
    (byU[u] as number[]).push(r);
    options.value0[r] = optionRowValue(options, r, p.spot0[u] as number, NO_MOVE);
  }
  return {
    underlyings: p.underlyings.slice(),
    spot0: Float64Array.from(p.spot0),
    linearUsd,
    options,
    positionRow,
    rowsByUnderlying: byU.map((list) => Int32Array.from(list)),
  };
}

/** Moved vol of an option row, floored. */
export function movedVol(volAnnual: number, move: UnderlyingMove): number {
  return Math.max(VOL_FLOOR, volAnnual * move.volMultiplier + move.volAddAbs);
}

/**
 * Vol of option row `r` when its underlying trades at `spot` after `move`: its own vol, moved
 * along the smile under sticky-delta, then shocked and floored.
 */
export function rowVol(rows: OptionRows, r: number, spot: number, move: UnderlyingMove): number {
  const sd = rows.stickyDelta;
  const vol = rows.volAnnual[r] as number;
  if (!sd) return movedVol(vol, move);
  return movedVol(vol + smileVolShift(sd, r, rows.underlyingIndex[r] as number, spot), move);
}

/** USD value per unit of option row `r` when its underlying trades at `spot` after `move`. */
export function optionRowValue(
  rows: OptionRows,
  r: number,
  spot: number,
  move: UnderlyingMove,
): number {
  return optionUnitValue(
    rows.right[r] as number,
    rows.american[r] === 1,
    spot,
    rows.strike[r] as number,
    Math.max(0, (rows.tYears[r] as number) - move.dtYears),
    (rows.rate[r] as number) + move.rateShift,
    rows.carryYield[r] as number,
    rowVol(rows, r, spot, move),
  );
}

/** Exact (full revaluation) USD P&L of underlying `u`'s positions under `move`. */
export function underlyingPnlExact(book: RevalBook, u: number, move: UnderlyingMove): number {
  const spot = (book.spot0[u] as number) * Math.exp(move.x);
  let pnl = (book.linearUsd[u] as number) * Math.expm1(move.x);
  const rows = book.rowsByUnderlying[u] as Int32Array;
  const o = book.options;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j] as number;
    pnl += (o.units[r] as number) * (optionRowValue(o, r, spot, move) - (o.value0[r] as number));
  }
  return pnl;
}

/** Exact P&L of each option row under per-underlying moves (for per-position attribution). */
export function optionRowPnlExact(book: RevalBook, r: number, move: UnderlyingMove): number {
  const o = book.options;
  const u = o.underlyingIndex[r] as number;
  const spot = (book.spot0[u] as number) * Math.exp(move.x);
  return (o.units[r] as number) * (optionRowValue(o, r, spot, move) - (o.value0[r] as number));
}
