import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { black76Greeks, black76Price } from '../../../shared/quant/pricing/black76';
import { bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';
import type { BsmInput } from '../../../shared/quant/pricing/types';

const EPS = Number.EPSILON;

/** Wide domain: moneyness to +-12 standard deviations, 1 hour to 30 years, vol 1 %..400 %. */
const bsmInput = fc
  .record({
    type: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    z: fc.double({ min: -12, max: 12, noNaN: true }),
    tYears: fc.double({ min: 1 / 8760, max: 30, noNaN: true }),
    rate: fc.double({ min: -0.05, max: 0.3, noNaN: true }),
    carryYield: fc.double({ min: -0.1, max: 0.3, noNaN: true }),
    volAnnual: fc.double({ min: 0.01, max: 4, noNaN: true }),
  })
  .map(({ z, ...x }): BsmInput => {
    const zSd = Math.max(-40, Math.min(40, z * x.volAnnual * Math.sqrt(x.tYears)));
    return { ...x, strike: x.spot * Math.exp((x.rate - x.carryYield) * x.tYears + zSd) };
  });

const legs = (x: BsmInput) => ({
  fS: x.spot * Math.exp(-x.carryYield * x.tYears),
  fK: x.strike * Math.exp(-x.rate * x.tYears),
});

describe('BSM no-arbitrage properties (fast-check)', () => {
  it('put-call parity: C - P = S e^{-qT} - K e^{-rT}', () => {
    fc.assert(
      fc.property(bsmInput, (x) => {
        const c = bsmPrice({ ...x, type: 'call' });
        const p = bsmPrice({ ...x, type: 'put' });
        const { fS, fK } = legs(x);
        // Each price is accurate to a few ulp of its legs (fS + fK).
        expect(Math.abs(c - p - (fS - fK))).toBeLessThanOrEqual(16 * EPS * (fS + fK));
        const gc = bsmGreeks({ ...x, type: 'call' });
        const gp = bsmGreeks({ ...x, type: 'put' });
        const dfQ = Math.exp(-x.carryYield * x.tYears);
        expect(Math.abs(gc.delta - gp.delta - dfQ)).toBeLessThanOrEqual(8 * EPS * dfQ);
        expect(gc.gamma).toBe(gp.gamma);
        expect(gc.vega).toBe(gp.vega);
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('price bounds: max(s (F-leg), 0) <= V <= S e^{-qT} (call) or K e^{-rT} (put)', () => {
    fc.assert(
      fc.property(bsmInput, (x) => {
        const v = bsmPrice(x);
        const { fS, fK } = legs(x);
        const slack = 16 * EPS * (fS + fK);
        const lower = x.type === 'call' ? Math.max(fS - fK, 0) : Math.max(fK - fS, 0);
        const upper = x.type === 'call' ? fS : fK;
        expect(v).toBeGreaterThanOrEqual(lower - slack);
        expect(v).toBeLessThanOrEqual(upper + slack);
        expect(v).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });

  it('monotone in S and K (call up in S, down in K; put the reverse) and up in vol', () => {
    fc.assert(
      fc.property(bsmInput, fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (x, bump) => {
        const { fS, fK } = legs(x);
        const slack = 16 * EPS * (fS + fK) * (1 + bump);
        const v = bsmPrice(x);
        const sign = x.type === 'call' ? 1 : -1;
        const upS = bsmPrice({ ...x, spot: x.spot * (1 + bump) });
        const upK = bsmPrice({ ...x, strike: x.strike * (1 + bump) });
        const upVol = bsmPrice({ ...x, volAnnual: x.volAnnual * (1 + bump) });
        expect(sign * (upS - v)).toBeGreaterThanOrEqual(-slack);
        expect(sign * (v - upK)).toBeGreaterThanOrEqual(-slack);
        expect(upVol - v).toBeGreaterThanOrEqual(-slack);
      }),
      { numRuns: 3000, seed: 3 },
    );
  });

  it('monotone in T when r = q = 0 (no carry: more time is worth more)', () => {
    fc.assert(
      fc.property(bsmInput, fc.double({ min: 1e-6, max: 1, noNaN: true }), (x0, bump) => {
        const x = { ...x0, rate: 0, carryYield: 0 };
        const slack = 16 * EPS * (x.spot + x.strike);
        expect(
          bsmPrice({ ...x, tYears: x.tYears * (1 + bump) }) - bsmPrice(x),
        ).toBeGreaterThanOrEqual(-slack);
        expect(bsmGreeks(x).theta).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000, seed: 4 },
    );
  });

  it('Black-76 parity: C - P = DF (F - K), discounted or not', () => {
    fc.assert(
      fc.property(bsmInput, fc.boolean(), (x, discounted) => {
        const F = x.spot;
        const base = {
          forward: F,
          strike: x.strike,
          tYears: x.tYears,
          rate: x.rate,
          volAnnual: x.volAnnual,
          discounted,
        };
        const c = black76Price({ ...base, type: 'call' });
        const p = black76Price({ ...base, type: 'put' });
        const df = discounted ? Math.exp(-x.rate * x.tYears) : 1;
        expect(Math.abs(c - p - df * (F - x.strike))).toBeLessThanOrEqual(
          16 * EPS * df * (F + x.strike),
        );
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('Black-76 on F = S e^{(r-q)T}, discounted, is BSM (price, chain-ruled delta and gamma, vega, theta)', () => {
    fc.assert(
      fc.property(bsmInput, (x) => {
        const growth = Math.exp((x.rate - x.carryYield) * x.tYears);
        const F = x.spot * growth;
        const b = black76Greeks({
          type: x.type,
          forward: F,
          strike: x.strike,
          tYears: x.tYears,
          rate: x.rate,
          volAnnual: x.volAnnual,
          discounted: true,
        });
        const s = bsmGreeks(x);
        const { fS, fK } = legs(x);
        // F = S e^{(r-q)T} is rounded: a relative input error eps moves d1 by eps / (vol sqrt T),
        // so outputs agree to eps times cond = 1 + (1 + |d1|) / (vol sqrt T), not to plain eps.
        const a = x.volAnnual * Math.sqrt(x.tYears);
        const d1 = Math.log(F / x.strike) / a + a / 2;
        const tol = 64 * EPS * (1 + (1 + Math.abs(d1)) / a);
        expect(Math.abs(b.price - s.price)).toBeLessThanOrEqual(64 * EPS * (fS + fK));
        // dV/dS = dV/dF * dF/dS with dF/dS = e^{(r-q)T}.
        expect(Math.abs(b.delta * growth - s.delta)).toBeLessThanOrEqual(
          tol * (1 + Math.abs(s.delta)),
        );
        expect(Math.abs(b.gamma * growth * growth - s.gamma)).toBeLessThanOrEqual(
          tol * s.gamma + 1e-300,
        );
        expect(Math.abs(b.vega - s.vega)).toBeLessThanOrEqual(tol * s.vega + 1e-300);
        // Time decay at fixed S is the fixed-F decay plus the drift of F: dF/dt = -(r - q) F.
        const thetaFromB76 = b.theta - (x.rate - x.carryYield) * F * b.delta;
        const thetaScale =
          Math.abs(s.theta) +
          Math.abs((x.rate - x.carryYield) * F * b.delta) +
          (s.vega * x.volAnnual) / x.tYears +
          Math.abs(x.rate * s.price);
        expect(Math.abs(thetaFromB76 - s.theta)).toBeLessThanOrEqual(tol * thetaScale + 1e-300);
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it('is finite everywhere on the domain, Greeks included (no NaN, no Infinity)', () => {
    fc.assert(
      fc.property(bsmInput, (x) => {
        for (const value of Object.values(bsmGreeks(x))) expect(Number.isFinite(value)).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
