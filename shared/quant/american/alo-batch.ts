/**
 * Structure-of-arrays prices by the accurate (ALO) method, with the batch conventions of
 * pricing/batch.ts: type +1 call / -1 put in an Int8Array, one option per index, invalid rows
 * written as BATCH_INVALID_PRICE and counted in the return value, never NaN.
 *
 * Each valid row gets exactly what priceAmerican(row, 'accurate') returns (no dividends: escrow
 * the spot first). The speed-up is reuse: the exercise boundary per unit strike depends only on
 * (T, r, q, vol) (with r and q swapped for calls), and a book or a scenario grid has many strikes
 * and both option types per expiry and vol. A boundary is solved once per distinct key and kept
 * in a per-call cache (the previous row's key is checked first, so rows grouped by expiry and vol
 * need no lookup); each row then costs only the price integral (alo-price.ts). One workspace
 * serves every solve, so the loop allocates only the boundaries it keeps.
 */
import { BATCH_INVALID_PRICE, checkBatchRange, type BsmBatchInput } from '../pricing/batch';
import { EXPIRY_T_YEARS, MIN_TOTAL_STD } from '../pricing/validate';
import { americanAccuratePrice, chooseAloScheme } from './alo-american';
import { aloPutBoundary, createAloWorkspace, type AloPutBoundary } from './alo-engine';
import { ALO_TOP_LEVEL_SCHEME } from './alo-levels';
import { aloPutPrice } from './alo-price';
import { isValidAmericanRow } from './american-batch-rows';
import { deterministicAmerican, exerciseValue } from './american-limits';

/** Boundaries kept per call before the cache is emptied (bounds memory on huge, unsorted books). */
const MAX_CACHED_BOUNDARIES = 4096;

/** Solved boundaries by (T, r, q, vol) of the equivalent put. */
class BoundaryCache {
  private readonly byExpiry = new Map<number, AloPutBoundary[]>();
  private size = 0;
  private last: AloPutBoundary | undefined;
  private readonly workspace = createAloWorkspace(ALO_TOP_LEVEL_SCHEME);

  get(t: number, r: number, q: number, vol: number): AloPutBoundary {
    const last = this.last;
    if (last !== undefined && matches(last, t, r, q, vol)) return last;
    const list = this.byExpiry.get(t);
    if (list !== undefined) {
      for (const b of list) {
        if (matches(b, t, r, q, vol)) {
          this.last = b;
          return b;
        }
      }
    }
    const scheme = chooseAloScheme(r, q, vol, t);
    const solved = aloPutBoundary(t, r, q, vol, scheme, { workspace: this.workspace });
    if (this.size >= MAX_CACHED_BOUNDARIES) {
      this.byExpiry.clear();
      this.size = 0;
    }
    const target = this.byExpiry.get(t);
    if (target === undefined) this.byExpiry.set(t, [solved]);
    else target.push(solved);
    this.size++;
    this.last = solved;
    return solved;
  }
}

function matches(b: AloPutBoundary, t: number, r: number, q: number, vol: number): boolean {
  return b.tYears === t && b.rate === r && b.carryYield === q && b.volAnnual === vol;
}

/**
 * Accurate American prices of rows [start, end) of `inp` into `out` (same indices). Returns the
 * number of invalid rows.
 */
export function americanAccurateBatch(
  inp: BsmBatchInput,
  out: Float64Array,
  start = 0,
  end = inp.spot.length,
): number {
  const { type, spot, strike, tYears, rate, carryYield, volAnnual } = inp;
  checkBatchRange([type, spot, strike, tYears, rate, carryYield, volAnnual, out], start, end);
  const cache = new BoundaryCache();
  let invalid = 0;
  for (let i = start; i < end; i++) {
    const sg = type[i] as number;
    const S = spot[i] as number;
    const K = strike[i] as number;
    const T = tYears[i] as number;
    const r = rate[i] as number;
    const q = carryYield[i] as number;
    const v = volAnnual[i] as number;
    if (!isValidAmericanRow(sg, S, K, T, r, q, v)) {
      invalid++;
      out[i] = BATCH_INVALID_PRICE;
      continue;
    }
    const exercise = exerciseValue(sg, S, K);
    if (T < EXPIRY_T_YEARS) {
      out[i] = exercise;
      continue;
    }
    if (v * Math.sqrt(T) < MIN_TOTAL_STD) {
      out[i] = deterministicAmerican(sg, S, K, T, r, q);
      continue;
    }
    // Put-equivalent rates: a call is a put with r and q swapped and spot and strike swapped.
    const rPut = sg > 0 ? q : r;
    const qPut = sg > 0 ? r : q;
    let raw: number;
    if (rPut > 0) {
      const b = cache.get(T, rPut, qPut, v);
      raw = sg > 0 ? S * aloPutPrice(b, K / S) : K * aloPutPrice(b, S / K);
    } else {
      // European, or the double-boundary tree: the scalar path (rare).
      const input = {
        type: sg > 0 ? 'call' : 'put',
        spot: S,
        strike: K,
        tYears: T,
        rate: r,
        carryYield: q,
        volAnnual: v,
      } as const;
      raw = americanAccuratePrice(input);
    }
    out[i] = Math.max(raw, exercise);
  }
  return invalid;
}
