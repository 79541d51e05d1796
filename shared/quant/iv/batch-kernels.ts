/**
 * fastExp and fastMills of pricing/batch-math.ts, the same arithmetic on the same tables (so the
 * same bits; test/quant/iv/batch-kernels.test.ts checks it), with the tables held in constants
 * of THIS module. Why: V8 folds a typed array held in a `const` of the function's own module
 * into the compiled code (base pointer and length become constants), but an imported table is
 * read through a mutable module cell on every access. fastMills reads its imported
 * MILLS_COEFFS seven times per call; measured here ~6-10 ns per call against ~4 ns for this
 * copy, and the implied-vol batch calls the Mills ratio 6-8 times per row. (The same change
 * inside batch-math.ts would speed up the pricing batch; that file is outside this module.)
 */
import { EXP2_FRAC, MILLS_COEFFS } from '../pricing/batch-tables';

const MILLS = new Float64Array(MILLS_COEFFS);
const EXP2 = new Float64Array(EXP2_FRAC);

const POW2_OFFSET = 1100;

/** Exact 2^m for m in [-1100, 1023] at index m + POW2_OFFSET (0 below the subnormals). */
function buildPow2(): Float64Array {
  const table = new Float64Array(POW2_OFFSET + 1024);
  let up = 1;
  for (let m = 0; m <= 1023; m++) {
    table[m + POW2_OFFSET] = up;
    up *= 2;
  }
  let down = 1;
  for (let m = 0; m >= -POW2_OFFSET; m--) {
    table[m + POW2_OFFSET] = down;
    down *= 0.5;
  }
  return table;
}

const POW2 = buildPow2();

const INV_LN2_64 = 92.33248261689366; // 64 / ln 2
const LN2_64_HI = 0.010830424667801708; // ln2 / 64 to 29 bits: k * HI is exact for |k| < 2^24
const LN2_64_LO = 2.8447437476627285e-11;

/** e^x for x in [-745.2, 709.7], as fastExp (callers keep x inside). */
export function tableExp(x: number): number {
  const kf = Math.floor(x * INV_LN2_64 + 0.5);
  const k = kf | 0;
  const r = x - kf * LN2_64_HI - kf * LN2_64_LO;
  const r2 = r * r;
  const p = 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  return (EXP2[k & 63] as number) * p * (POW2[(k >> 6) + POW2_OFFSET] as number);
}

/** Mills ratio m(t) = Phi(-t) / phi(t) for t >= 0, as fastMills (t capped at 60). */
export function tableMills(t: number): number {
  const inv = 1 / (2 + Math.min(t, 60));
  const u = 128 * inv;
  const piece = u | 0;
  const z = 2 * (u - piece) - 1;
  const c = piece * 7;
  const z2 = z * z;
  const lo = (MILLS[c] as number) + z * (MILLS[c + 1] as number);
  const mid = (MILLS[c + 2] as number) + z * (MILLS[c + 3] as number);
  const hi =
    (MILLS[c + 4] as number) + z * (MILLS[c + 5] as number) + z2 * (MILLS[c + 6] as number);
  return (lo + z2 * (mid + z2 * hi)) * inv;
}
