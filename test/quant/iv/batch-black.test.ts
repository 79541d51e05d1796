import { describe, it, expect } from 'vitest';
import { GUESS_SERIES_T, blackPass } from '../../../shared/quant/iv/batch-black';
import { tableExp, tableMills } from '../../../shared/quant/iv/batch-kernels';
import { smallTBlackSeries } from '../../../shared/quant/iv/black-expansions';
import { MODE_MIDDLE, createIvWorkspace } from '../../../shared/quant/iv/batch-workspace';
import { SMALL_T, normalisedBlackOtm } from '../../../shared/quant/iv/normalised-black';
import { NORMALISED_BLACK_REFERENCE } from './normalised-black-reference';

const EPS = 2 ** -52;
const INV_SQRT_2PI = 0.3989422804014327;

/** b(x, s) for each point through one blackPass, set up as the solver does (h = x (1/s)). */
function batchBlack(points: readonly (readonly [number, number])[], precise: boolean): number[] {
  const ws = createIvWorkspace();
  const out: number[] = [];
  for (const [x, s] of points) {
    const h = x * (1 / s);
    const t = 0.5 * s;
    ws.h[0] = h;
    ws.t[0] = t;
    ws.g[0] = tableExp(-0.5 * (h * h + t * t));
    ws.bMax[0] = tableExp(0.5 * x);
    ws.mode[0] = MODE_MIDDLE;
    blackPass(ws, 1, precise);
    out.push(ws.b[0] as number);
  }
  return out;
}

/** As in normalised-black.test.ts: the rounding of h and t alone moves b by ~(h^2 + t^2) ulp. */
function tolerance(x: number, s: number): number {
  const h = x / s;
  return 8 * EPS * (1 + h * h + 0.25 * s * s);
}

describe('blackPass (batch normalised Black)', () => {
  it('matches 150-digit references with the scalar function`s tolerance', () => {
    const got = batchBlack(
      NORMALISED_BLACK_REFERENCE.map(([x, s]) => [x, s] as const),
      true,
    );
    NORMALISED_BLACK_REFERENCE.forEach(([x, s, want], k) => {
      expect(Math.abs((got[k] as number) - want) / want, `x=${x} s=${s}`).toBeLessThan(
        tolerance(x, s),
      );
    });
  });

  it('writes out the small-t series of black-expansions.ts bit for bit', () => {
    const points: [number, number][] = [];
    for (let i = 1; i <= 40; i++) {
      for (let k = 0; k < 25; k++) {
        const t = (SMALL_T * i) / 40.5;
        points.push([2 * t * (-9.9 * (k / 24)), 2 * t]); // h from 0 to -9.9 (not asymptotic)
      }
    }
    const got = batchBlack(points, true);
    points.forEach(([x, s], k) => {
      const h = x * (1 / s);
      const t = 0.5 * s;
      const g = tableExp(-0.5 * (h * h + t * t));
      const series = smallTBlackSeries(h, t, 1 + h * tableMills(-h));
      expect(got[k]).toBe(Math.max(INV_SQRT_2PI * g * series, 0));
    });
  });

  it('agrees with the scalar function to a few ulp times its condition over a dense grid', () => {
    const points: [number, number][] = [];
    for (let i = 0; i <= 60; i++) {
      for (let k = 0; k <= 60; k++) points.push([-6 * (i / 60) ** 2, 10 ** (-2 + (3.3 * k) / 60)]);
    }
    const got = batchBlack(points, true);
    let worst = 0;
    points.forEach(([x, s], k) => {
      const want = normalisedBlackOtm(x, s);
      if (!(want > 1e-290)) return;
      worst = Math.max(worst, Math.abs((got[k] as number) - want) / want / tolerance(x, s));
    });
    // Measured 0.77 of the tolerance (both sides err).
    expect(worst).toBeLessThan(1);
  });

  it('guess quality: within 6e-15 / t relative where the series is skipped (t >= 1e-6)', () => {
    const points: [number, number][] = [];
    for (let i = 0; i <= 40; i++) {
      for (let k = 0; k <= 40; k++) {
        const t =
          10 ** (Math.log10(GUESS_SERIES_T) + (k / 40) * Math.log10(SMALL_T / GUESS_SERIES_T));
        points.push([2 * t * (-10 * (i / 40)), 2 * t]);
      }
    }
    const guess = batchBlack(points, false);
    const precise = batchBlack(points, true);
    points.forEach(([, s], k) => {
      const rel = Math.abs((guess[k] as number) - (precise[k] as number)) / (precise[k] as number);
      expect(rel).toBeLessThan(6e-15 / (0.5 * s));
    });
  });
});
