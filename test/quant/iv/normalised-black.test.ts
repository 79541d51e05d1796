import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  normalisedBlackCall,
  normalisedBlackOtm,
  normalisedVega,
} from '../../../shared/quant/iv/normalised-black';
import { NORMALISED_BLACK_REFERENCE } from './normalised-black-reference';

const EPS = 2 ** -52;

/**
 * b is a function of h = x/s and t = s/2 through exp(-(h^2 + t^2)/2): the rounding of its inputs
 * alone moves it by ~(h^2 + t^2) ulp, so the tolerance scales with that condition number.
 */
function tolerance(x: number, s: number): number {
  const h = x / s;
  return 8 * EPS * (1 + h * h + 0.25 * s * s);
}

describe('normalisedBlackOtm against 150-digit references', () => {
  it.each(NORMALISED_BLACK_REFERENCE)('b(%d, %d)', (x, s, want) => {
    const got = normalisedBlackOtm(x, s);
    expect(Math.abs(got - want) / want).toBeLessThan(tolerance(x, s));
  });
});

describe('normalised Black identities', () => {
  it('is 0 at s = 0 out of the money and the intrinsic value in the money', () => {
    expect(normalisedBlackOtm(-0.3, 0)).toBe(0);
    expect(normalisedBlackCall(0.3, 0)).toBeCloseTo(2 * Math.sinh(0.15), 15);
  });

  it('tends to b_max = exp(x/2) as s grows', () => {
    expect(normalisedBlackOtm(-1, 80)).toBeCloseTo(Math.exp(-0.5), 15);
    expect(normalisedBlackOtm(-1, Infinity)).toBe(Math.exp(-0.5));
  });

  it('satisfies put-call parity b(x) - b(-x) = 2 sinh(x/2)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 1e-3, max: 5, noNaN: true }),
        (x, s) => {
          const diff = normalisedBlackCall(x, s) - normalisedBlackCall(-x, s);
          expect(Math.abs(diff - 2 * Math.sinh(0.5 * x))).toBeLessThan(8 * EPS * Math.exp(0.5 * x));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is continuous across the region borders', () => {
    const tSmall = 2 * Math.pow(EPS, 1 / 16);
    /** s at which h + t = x/s + s/2 equals c. */
    const sForHPlusT = (x: number, c: number) => c + Math.sqrt(c * c - 2 * x);
    const cases: [number, number][] = [
      [-0.1, sForHPlusT(-0.1, -10 + tSmall)], // asymptotic | erfcx
      [-2, 2 * tSmall], // small t | erfcx
      [-0.01, 2 * tSmall],
      [0, 2 * 0.85], // erfcx | direct
      [-1, sForHPlusT(-1, 0.85)],
    ];
    for (const [x, s] of cases) {
      const below = normalisedBlackOtm(x, s * (1 - 1e-13));
      const above = normalisedBlackOtm(x, s * (1 + 1e-13));
      // Allowed: the true change over the 2e-13 relative step plus a few ulp times the condition.
      const change = (normalisedVega(x, s) * s * 2e-13) / normalisedBlackOtm(x, s);
      expect(Math.abs(above - below) / below).toBeLessThan(change + tolerance(x, s));
    }
  });

  it('vega matches a central finite difference of b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 0, noNaN: true }),
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        (x, s) => {
          const ds = 1e-5 * s;
          const fd = (normalisedBlackOtm(x, s + ds) - normalisedBlackOtm(x, s - ds)) / (2 * ds);
          const vega = normalisedVega(x, s);
          expect(Math.abs(fd - vega)).toBeLessThan(1e-7 * Math.max(vega, 1e-3));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is increasing in s across all regions', () => {
    for (const x of [0, -1e-3, -0.3, -2, -20]) {
      let prev = 0;
      for (let k = -40; k <= 30; k++) {
        const b = normalisedBlackOtm(x, Math.pow(10, k / 10));
        expect(b).toBeGreaterThanOrEqual(prev);
        prev = b;
      }
    }
  });
});
