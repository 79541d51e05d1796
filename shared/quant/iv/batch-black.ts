/**
 * Normalised out-of-the-money Black function b(x, s) over a block (the batch counterpart of
 * normalisedBlackOtmCore in normalised-black.ts), on the table Mills ratio m(z) = Phi(-z)/phi(z)
 * (batch-kernels.ts; as accurate as m from Cody's erfcx: 0.66 vs 0.71 ulp rms, 2.5 vs 2.8 max,
 * against 40-digit values) instead of erfcx. With Y(z) = Phi(z)/phi(z) = m(-z):
 *
 *   b = g [Y(h + t) - Y(h - t)] / sqrt(2 pi),  g = exp(-(h^2 + t^2)/2), h = x/s <= 0, t = s/2.
 *
 * - Asymptotic region (h < -10, h + t < -9.79): the scalar series (rare; after the loop).
 * - Small t (t < 0.21): the scalar path's Taylor series, fed with a = 1 + h m(-h).
 * - h + t <= 0: b = g (m(-(h + t)) - m(t - h)) / sqrt(2 pi).
 * - h + t > 0.85: Y(h + t) = 1/phi(h + t) - m(h + t), and g / phi(h + t) / sqrt(2 pi) =
 *   exp(h t) = exp(x/2) = b_max, so b = b_max - g (m(h + t) + m(t - h)) / sqrt(2 pi).
 * - 0 < h + t <= 0.85: the same form for guesses; the precise pass calls the scalar function.
 * Mills-ratio arguments stay below the kernel's cap of 60: g is only formed where
 * (h^2 + t^2)/2 < 700, and then t - h <= sqrt(2 (h^2 + t^2)) < 53.
 */
import { tableMills as fastMills } from './batch-kernels';
import { asymptoticBlackSum } from './black-expansions';
import type { IvWorkspace } from './batch-workspace';
import { MODE_LOW_SIDE } from './batch-workspace';
import { SMALL_T, normalisedBlackOtmCore } from './normalised-black';

const INV_SQRT_2PI = 0.3989422804014327;
/** Above this h + t the direct form b_max - ... keeps full accuracy (normalised-black.ts). */
const DIRECT_H_PLUS_T = 0.85;

/**
 * t below which a GUESS evaluation (at the node and before the first step) still takes the
 * series: above it the Mills-ratio difference is accurate to 5.5e-16 Y(h)/(t Y'(h)) <= 5.5e-15/t
 * relative (Y/Y' <= 10 here), i.e. 6e-9 at worst, which only perturbs the iterate that the
 * final, PRECISE evaluation and step then correct (Householder(3) from an error e leaves ~e^4).
 * The series costs twice the two Mills ratios (measured 24 vs 12 ns per row).
 */
export const GUESS_SERIES_T = 1e-6;

/**
 * b[j] = b(x_j, s_j) from h, t, g and b_max for every row still being solved: to the last few
 * ulp when `precise`, else of guess quality (see GUESS_SERIES_T).
 */
export function blackPass(ws: IvWorkspace, n: number, precise: boolean): void {
  const { h: hs, t: ts, g: gs, bMax, b: bs, mode, deferred } = ws;
  let nDeferred = 0;
  const smallT = SMALL_T;
  const seriesBelowT = precise ? SMALL_T : GUESS_SERIES_T;
  const directAbove = DIRECT_H_PLUS_T;
  for (let j = 0; j < n; j++) {
    if ((mode[j] as number) < MODE_LOW_SIDE) continue;
    const h = hs[j] as number;
    const t = ts[j] as number;
    const c = INV_SQRT_2PI * (gs[j] as number);
    const ht = h + t;
    let b: number;
    if (h < -10 && ht < -10 + smallT) {
      deferred[nDeferred++] = j; // asymptotic series: out of line, below
      b = 0;
    } else if (t < seriesBelowT) {
      // smallTBlackSeries of black-expansions.ts, same polynomials in the same operation order
      // (so the same bits; test/quant/iv/batch-black.test.ts), written out here because V8
      // would not inline it (783 bytes of bytecode) and a call boxes its arguments.
      const a = 1 + h * fastMills(-h);
      const h2 = h * h;
      const w = t * t;
      const c1 = (a * (h2 + 3) - 1) * (1 / 6);
      const c2 = (a * ((h2 + 10) * h2 + 15) - (h2 + 7)) * (1 / 120);
      const c3 = (a * (((h2 + 21) * h2 + 105) * h2 + 105) - ((h2 + 18) * h2 + 57)) * (1 / 5040);
      const v4 = (((h2 + 36) * h2 + 378) * h2 + 1260) * h2 + 945;
      const u4 = ((h2 + 33) * h2 + 285) * h2 + 561;
      const c4 = (a * v4 - u4) * (1 / 362880);
      const v5 = ((((h2 + 55) * h2 + 990) * h2 + 6930) * h2 + 17325) * h2 + 10395;
      const u5 = (((h2 + 52) * h2 + 840) * h2 + 4680) * h2 + 6555;
      const c5 = (a * v5 - u5) * (1 / 39916800);
      const v6 =
        (((((h2 + 78) * h2 + 2145) * h2 + 25740) * h2 + 135135) * h2 + 270270) * h2 + 135135;
      const u6 = ((((h2 + 75) * h2 + 1926) * h2 + 20370) * h2 + 82845) * h2 + 89055;
      const c6 = (a * v6 - u6) * (1 / 6227020800);
      const v7 =
        ((((((h2 + 105) * h2 + 4095) * h2 + 75075) * h2 + 675675) * h2 + 2837835) * h2 + 4729725) *
          h2 +
        2027025;
      const u7 =
        (((((h2 + 102) * h2 + 3795) * h2 + 64260) * h2 + 501795) * h2 + 1595790) * h2 + 1381905;
      const c7 = (a * v7 - u7) * (1 / 1307674368000);
      b =
        c *
        (2 * t * (a + w * (c1 + w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * (c6 + w * c7))))))));
    } else {
      const second = fastMills(t - h);
      if (ht <= 0) {
        b = c * (fastMills(-ht) - second);
      } else if (ht > directAbove || !precise) {
        b = (bMax[j] as number) - c * (fastMills(ht) + second);
      } else {
        // 0 < h + t <= 0.85: here b_max - ... cancels about one bit more than the erfcx form
        // (measured 1.7 vs 0.9 ulp rms of b), and Y(h + t) = sqrt(2 pi) exp((h + t)^2/2) -
        // m(h + t) cancels as much; the scalar function keeps the last digits. Called after
        // the loop.
        deferred[nDeferred++] = j;
        b = 0;
      }
    }
    bs[j] = b > 0 ? b : 0;
  }
  // Rows needing a call, done after the loop: a call inside it, even one rarely taken, cost
  // this pass 6 % of the throughput (its doubles are kept around it in memory).
  for (let k = 0; k < nDeferred; k++) {
    const j = deferred[k] as number;
    const h = hs[j] as number;
    const t = ts[j] as number;
    const g = gs[j] as number;
    bs[j] =
      h < -10 && h + t < -10 + smallT
        ? Math.max(INV_SQRT_2PI * g * asymptoticBlackSum(h, t), 0)
        : normalisedBlackOtmCore(h, t, g, bMax[j] as number);
  }
}
