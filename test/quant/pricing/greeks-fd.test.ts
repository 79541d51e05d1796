import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { black76Greeks } from '../../../shared/quant/pricing/black76';
import { bsmD1D2, bsmGreeks } from '../../../shared/quant/pricing/bsm';
import type { Black76Input, BsmInput, Greeks } from '../../../shared/quant/pricing/types';
import { REL_STEP, centralDiff, fdTolerance } from './finite-difference';
import { greekScale } from './greek-scale';

/** Options with |d1|, |d2| <= ~8: z standard deviations from the forward, vol sqrt(T) <= 3.4. */
const bsmCase = fc
  .record({
    type: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 1, max: 1e5, noNaN: true }),
    z: fc.double({ min: -6, max: 6, noNaN: true }),
    tYears: fc.double({ min: 1 / 365, max: 5, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    carryYield: fc.double({ min: 0, max: 0.1, noNaN: true }),
    volAnnual: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  })
  .map(({ z, ...x }): BsmInput => {
    const a = x.volAnnual * Math.sqrt(x.tYears);
    return { ...x, strike: x.spot * Math.exp((x.rate - x.carryYield) * x.tYears + z * a) };
  });

type BsmVar = 'spot' | 'strike' | 'tYears' | 'rate' | 'carryYield' | 'volAnnual';

/** [greek, the lower-order quantity it differentiates, variable, sign (time Greeks: d/dt = -d/dT)] */
const CHECKS: readonly [keyof Greeks, keyof Greeks, BsmVar, 1 | -1][] = [
  ['delta', 'price', 'spot', 1],
  ['gamma', 'delta', 'spot', 1],
  ['vega', 'price', 'volAnnual', 1],
  ['theta', 'price', 'tYears', -1],
  ['rho', 'price', 'rate', 1],
  ['phi', 'price', 'carryYield', 1],
  ['vanna', 'vega', 'spot', 1],
  ['vanna', 'delta', 'volAnnual', 1],
  ['volga', 'vega', 'volAnnual', 1],
  ['charm', 'delta', 'tYears', -1],
  ['veta', 'vega', 'tYears', -1],
  ['speed', 'gamma', 'spot', 1],
  ['zomma', 'gamma', 'volAnnual', 1],
  ['color', 'gamma', 'tYears', -1],
  ['ultima', 'volga', 'volAnnual', 1],
  ['dualDelta', 'price', 'strike', 1],
  ['dualGamma', 'dualDelta', 'strike', 1],
];

/** Natural step: REL_STEP times the length over which the value varies in that variable. */
function step(x: BsmInput, v: BsmVar): number {
  const a = x.volAnnual * Math.sqrt(x.tYears);
  switch (v) {
    case 'spot':
      return REL_STEP * x.spot * a;
    case 'strike':
      return REL_STEP * x.strike * a;
    case 'tYears':
      return REL_STEP * x.tYears;
    case 'volAnnual':
      return REL_STEP * x.volAnnual;
    case 'rate':
    case 'carryYield':
      return REL_STEP;
  }
}

/** Size of a quantity's terms: the price is the difference of two legs S|delta| and K|dualDelta|. */
function scaleOf(f: keyof Greeks, g: Greeks, x: BsmInput, d1: number, d2: number): number {
  if (f === 'price') return g.price + x.spot * Math.abs(g.delta) + x.strike * Math.abs(g.dualDelta);
  return greekScale(f, g, x, d1, d2);
}

describe('BSM Greeks against central differences of the lower-order closed forms', () => {
  for (const [greek, lower, variable, sign] of CHECKS) {
    it(`${greek} = ${sign < 0 ? '-' : ''}d ${lower} / d ${variable}`, () => {
      fc.assert(
        fc.property(bsmCase, (x) => {
          const g = bsmGreeks(x);
          const { d1, d2 } = bsmD1D2(x);
          const h = step(x, variable);
          const fd =
            sign * centralDiff((y) => bsmGreeks({ ...x, [variable]: y })[lower], x[variable], h);
          const tol = fdTolerance(greekScale(greek, g, x, d1, d2), scaleOf(lower, g, x, d1, d2), h);
          if (!(Math.abs(fd - g[greek]) <= tol)) {
            throw new Error(`${greek}: analytic ${g[greek]}, fd ${fd}, tol ${tol}`);
          }
        }),
        { numRuns: 300, seed: 1000 + CHECKS.findIndex((c) => c[0] === greek && c[1] === lower) },
      );
    });
  }
});

const black76Case = fc
  .record({
    type: fc.constantFrom('call' as const, 'put' as const),
    forward: fc.double({ min: 1, max: 1e5, noNaN: true }),
    z: fc.double({ min: -6, max: 6, noNaN: true }),
    tYears: fc.double({ min: 1 / 365, max: 5, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    volAnnual: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    discounted: fc.boolean(),
  })
  .map(({ z, ...x }): Black76Input => {
    const a = x.volAnnual * Math.sqrt(x.tYears);
    return { ...x, strike: x.forward * Math.exp(z * a) };
  });

describe('Black-76 Greeks (w.r.t. the forward, F fixed) against central differences', () => {
  it('delta, gamma, vega, theta, rho, vanna, volga, charm, speed, dualDelta', () => {
    fc.assert(
      fc.property(black76Case, (x) => {
        const g = black76Greeks(x);
        const asBsm: BsmInput = { ...x, spot: x.forward, carryYield: x.discounted ? x.rate : 0 };
        const r = x.discounted ? x.rate : 0;
        const { d1, d2 } = bsmD1D2({ ...asBsm, rate: r, carryYield: r });
        const a = x.volAnnual * Math.sqrt(x.tYears);
        const steps = {
          forward: REL_STEP * x.forward * a,
          strike: REL_STEP * x.strike * a,
          tYears: REL_STEP * x.tYears,
          rate: REL_STEP,
          volAnnual: REL_STEP * x.volAnnual,
        };
        const checks: [keyof Greeks, keyof Greeks, keyof typeof steps, number][] = [
          ['delta', 'price', 'forward', 1],
          ['gamma', 'delta', 'forward', 1],
          ['vega', 'price', 'volAnnual', 1],
          ['theta', 'price', 'tYears', -1],
          ['rho', 'price', 'rate', 1],
          ['vanna', 'vega', 'forward', 1],
          ['volga', 'vega', 'volAnnual', 1],
          ['charm', 'delta', 'tYears', -1],
          ['speed', 'gamma', 'forward', 1],
          ['dualDelta', 'price', 'strike', 1],
        ];
        const scaleIn: BsmInput = { ...asBsm, rate: r, carryYield: r };
        for (const [greek, lower, variable, sign] of checks) {
          const h = steps[variable];
          const fd =
            sign *
            centralDiff((y) => black76Greeks({ ...x, [variable]: y })[lower], x[variable], h);
          const scaleG = greek === 'rho' ? Math.abs(g.rho) : greekScale(greek, g, scaleIn, d1, d2);
          const tol = fdTolerance(scaleG, scaleOf(lower, g, scaleIn, d1, d2), h);
          if (!(Math.abs(fd - g[greek]) <= tol))
            throw new Error(`${greek}: analytic ${g[greek]}, fd ${fd}, tol ${tol}`);
        }
        expect(g.phi).toBe(0);
        if (!x.discounted) expect(g.rho).toBe(0);
      }),
      { numRuns: 1000, seed: 76 },
    );
  });
});
