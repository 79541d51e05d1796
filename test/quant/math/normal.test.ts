import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  erf,
  erfc,
  erfcx,
  normCdf,
  normInv,
  normInvFast,
  normPdf,
} from '../../../shared/quant/math/normal';
import { ERFC_REFERENCE, NORMAL_REFERENCE, NORM_INV_REFERENCE } from './normal-reference';

/** Smallest positive normal double: below it values are subnormal and carry fewer digits. */
const MIN_NORMAL = 2.2250738585072014e-308;

function relErr(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** erfc(x) by its Maclaurin series 1 - 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), for |x| <= 1. */
function erfcSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 40; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}

describe('normCdf and normPdf against 50-digit references', () => {
  it.each(NORMAL_REFERENCE)('x = %d', (x, cdf, pdf) => {
    const cdfTol = cdf >= MIN_NORMAL ? 2e-15 : 1e-6;
    const pdfTol = pdf >= MIN_NORMAL ? 2e-15 : 1e-6;
    expect(relErr(normCdf(x), cdf)).toBeLessThan(cdfTol);
    expect(relErr(normPdf(x), pdf)).toBeLessThan(pdfTol);
  });

  it('matches the tabulated Phi(-10) = 7.619853024160527e-24 to 1e-15 relative', () => {
    expect(relErr(normCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-15);
  });

  it('saturates cleanly outside the representable range', () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(40)).toBe(1);
    expect(normCdf(Infinity)).toBe(1);
    expect(normPdf(50)).toBe(0);
    expect(Number.isNaN(normCdf(NaN))).toBe(true);
  });
});

describe('erfc and erfcx against 50-digit references', () => {
  it.each(ERFC_REFERENCE)('x = %d', (x, wantErfc, wantErfcx) => {
    if (wantErfc === 0) expect(erfc(x)).toBeLessThan(1e-300);
    else expect(relErr(erfc(x), wantErfc)).toBeLessThan(2e-15);
    expect(relErr(erfcx(x), wantErfcx)).toBeLessThan(2e-15);
  });

  it('agrees with the Maclaurin series on |x| <= 1', () => {
    for (let x = -1; x <= 1; x += 1 / 64) {
      expect(Math.abs(erfc(x) - erfcSeries(x))).toBeLessThan(1e-15);
    }
  });

  it('is continuous across the 0.46875 and 4 break points', () => {
    for (const b of [-0.46875, 0.46875, 4]) {
      const below = erfcx(b * (1 - 1e-15));
      const above = erfcx(b * (1 + 1e-15));
      expect(relErr(above, below)).toBeLessThan(4e-15);
    }
  });

  it('erf = 1 - erfc and erfcx overflows to Infinity, never NaN', () => {
    for (let x = -5; x <= 5; x += 0.37)
      expect(Math.abs(erf(x) - (1 - erfc(x)))).toBeLessThan(3e-16);
    expect(erfcx(-30)).toBe(Infinity);
    expect(erfcx(1e300)).toBeGreaterThan(0);
  });
});

describe('symmetry relations', () => {
  it('normCdf(x) + normCdf(-x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -9, max: 9, noNaN: true }), (x) => {
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThan(3e-16);
      }),
      { numRuns: 2000 },
    );
  });

  it('erfc(x) + erfc(-x) = 2 and erfc(x) = exp(-x^2) erfcx(x) where both are finite', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(Math.abs(erfc(x) + erfc(-x) - 2)).toBeLessThan(5e-16);
        expect(relErr(erfc(x), Math.exp(-x * x) * erfcx(x))).toBeLessThan(1e-14);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normInv', () => {
  it.each(NORM_INV_REFERENCE)('p = %d', (p, x) => {
    if (x === 0) expect(normInv(p)).toBe(0);
    else expect(relErr(normInv(p), x)).toBeLessThan(2e-15);
  });

  it('round-trips normInv(normCdf(x)) on x in [-37, 8]', () => {
    // Above x ~ 8 Phi(x) rounds to 1; the condition number of Phi^-1 there is the limit, not us.
    fc.assert(
      fc.property(fc.double({ min: -37, max: 8, noNaN: true }), (x) => {
        const back = normInv(normCdf(x));
        // Phi rounds to the nearest double, so x is recoverable only to ulp(Phi) / phi(x).
        const p = normCdf(x);
        const slack = (p * 2.3e-16 + (x > 0 ? 1.2e-16 : 0)) / normPdf(x);
        expect(Math.abs(back - x)).toBeLessThanOrEqual(4e-16 * Math.abs(x) + 2 * slack);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips normCdf(normInv(p)) in relative terms down to p = 1e-300', () => {
    fc.assert(
      fc.property(fc.double({ min: -300, max: -0.302, noNaN: true }), (log10p) => {
        const p = 10 ** log10p;
        const x = normInv(p);
        // x itself is a double (relative 1.1e-16), which moves Phi by x^2 times that relative.
        expect(relErr(normCdf(x), p)).toBeLessThan(4e-16 * (x * x + 4));
      }),
      { numRuns: 3000 },
    );
  });

  it('normInvFast (Acklam alone) stays within 1.2e-9 relative of the references', () => {
    for (const [p, x] of NORM_INV_REFERENCE) {
      if (x === 0) expect(Math.abs(normInvFast(p))).toBeLessThan(1e-15);
      else expect(Math.abs(normInvFast(p) - x) / Math.abs(x)).toBeLessThan(1.2e-9);
    }
    expect(normInvFast(0)).toBe(-Infinity);
    expect(normInvFast(1)).toBe(Infinity);
  });

  it('is antisymmetric and handles the ends', () => {
    // Dyadic p so that 1 - p is exact and the symmetry must hold to the last bit.
    for (const p of [2 ** -40, 2 ** -10, 0.125, 0.3125, 0.5 - 2 ** -14])
      expect(normInv(1 - p)).toBe(-normInv(p));
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(-0.5)).toBe(-Infinity);
    expect(normInv(1.5)).toBe(Infinity);
    expect(Number.isNaN(normInv(NaN))).toBe(true);
  });
});
