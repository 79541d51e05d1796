/**
 * Natural logarithm for the batch implied-vol kernels: `Math.log` is a call into the C library
 * (~7-9 ns here, and it makes the caller spill its live float registers), this is ~3.5 ns of
 * inlined arithmetic. v = 2^k m is split through its bits; m falls in one of 128 slices of
 * width 2^-7 with centre c = 1 + j/128 (slices shifted by half a width, so that values just below
 * a power of two join slice 0 of the next binade, where c = 1); then r = (m - c) / c with m - c
 * exact and |r| <= 2^-8, and
 *
 *   ln v = (k ln2_hi + ln_hi(c)) + (ln(1 + r) + k ln2_lo + ln_lo(c)),
 *
 * the first sum exact (both terms are multiples of 2^-32), ln(1 + r) from its series to r^7
 * (truncation below |r| 2^-59), ln c to ~2^-100 from an exact-integer series at module load.
 *
 * Accuracy (test/quant/iv/fast-log.test.ts, against 40-digit values): within ~1 ulp for every
 * positive normal double, including next to 1. Domain: positive NORMAL doubles (2^-1022 <= v <
 * Infinity); callers check that first. The bits are read through a caller-owned scratch
 * (LogScratch), not module state.
 */

const SLICES = 128;
/** 2^12 in the high word: half of a slice's 2^13. */
const HALF_SLICE = 0x1000;

/** High 32-bit word index of a double in an Int32Array view (1 on little-endian machines). */
const HI = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;

/** ln 2 = LN2_HI + LN2_LO with LN2_HI a multiple of 2^-32 (k LN2_HI exact for |k| < 2^21). */
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;

/**
 * ln(1 + j/128) as hi + lo, hi a multiple of 2^-32: 2 atanh(u), u = j / (256 + j), summed in
 * 2^-160 fixed point with BigInt (every operation exact but the truncations, ~2^-150 each).
 */
function lnCentre(j: number): { hi: number; lo: number } {
  const bits = 160n;
  const u = (BigInt(j) << bits) / BigInt(256 + j);
  const u2 = (u * u) >> bits;
  let power = u;
  let sum = 0n;
  for (let k = 1n; power > 0n; k += 2n) {
    sum += power / k;
    power = (power * u2) >> bits;
  }
  const ln = 2n * sum;
  const hiUnits = (ln + (1n << 127n)) >> 128n; // rounded to a multiple of 2^-32
  const hi = Number(hiUnits) / 2 ** 32;
  const lo = Number(ln - (hiUnits << 128n)) / 2 ** 160;
  return { hi, lo };
}

function buildTables(): {
  invCentre: Float64Array;
  lnHi: Float64Array;
  lnLo: Float64Array;
  unscale: Float64Array;
} {
  const invCentre = new Float64Array(SLICES);
  const lnHi = new Float64Array(SLICES);
  const lnLo = new Float64Array(SLICES);
  for (let j = 0; j < SLICES; j++) {
    invCentre[j] = 1 / (1 + j / SLICES);
    const { hi, lo } = lnCentre(j);
    lnHi[j] = hi;
    lnLo[j] = lo;
  }
  // 2^-(k - 1023) per biased exponent k: m = v 2^-k exactly.
  const unscale = new Float64Array(2048);
  for (let k = 1; k < 2048; k++) unscale[k] = Math.pow(2, 1023 - k); // 2047: top half-slice of the last binade
  return { invCentre, lnHi, lnLo, unscale };
}

const { invCentre: INV_CENTRE, lnHi: LN_HI, lnLo: LN_LO, unscale: UNSCALE } = buildTables();

/** A one-double scratch with an Int32Array view on its bits, owned by one batch call. */
export interface LogScratch {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
}

export function createLogScratch(): LogScratch {
  const f64 = new Float64Array(1);
  return { f64, i32: new Int32Array(f64.buffer) };
}

/** ln v for a positive normal double v (see the module doc). */
export function fastLog(v: number, f64: Float64Array, i32: Int32Array): number {
  // Only the high word is read back: writing part of a double and reloading it whole would
  // stall store-to-load forwarding (measured 12 ns instead of 3.5 ns).
  f64[0] = v;
  const hi = (i32[HI] as number) + HALF_SLICE;
  const biased = hi >> 20;
  const j = (hi >> 13) & (SLICES - 1);
  const m = v * (UNSCALE[biased] as number); // exact: m in [1 - 2^-9, 2 - 2^-8)
  const r = (m - (1 + j * (1 / SLICES))) * (INV_CENTRE[j] as number);
  const r2 = r * r;
  const r4 = r2 * r2;
  // ln(1 + r) = r - r^2/2 + r^3/3 - ... - r^6/6 + r^7/7, Estrin form.
  const p = r - r2 * (0.5 - r * (1 / 3)) + r4 * (-0.25 + r * 0.2 + r2 * (-(1 / 6) + r * (1 / 7)));
  const k = biased - 1023;
  return k * LN2_HI + (LN_HI[j] as number) + (p + (k * LN2_LO + (LN_LO[j] as number)));
}
