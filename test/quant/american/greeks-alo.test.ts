import { describe, it, expect } from 'vitest';
import {
  americanGreeks,
  chooseAloScheme,
  priceAmerican,
  type AmericanInput,
} from '../../../shared/quant/american';
import { createRng } from '../../../shared/quant/math/rng';

/**
 * The accurate Greeks (one boundary for spot, warm-started bumps, vega from time-scaling
 * invariance) against plain central differences of cold, independently solved prices with the
 * same fixed scheme and 10x larger bumps.
 */
function bumpedGreeks(input: AmericanInput) {
  const rPut = input.type === 'put' ? input.rate : input.carryYield;
  const qPut = input.type === 'put' ? input.carryYield : input.rate;
  const scheme = chooseAloScheme(rPut, qPut, input.volAnnual, input.tYears);
  const price = (x: AmericanInput) => priceAmerican(x, 'accurate', { scheme });
  const h = 1e-4;
  const shifted = (d: number): AmericanInput => ({
    ...input,
    tYears: input.tYears - d,
    ...(input.dividends === undefined
      ? {}
      : { dividends: input.dividends.map((x) => ({ tYears: x.tYears - d, amount: x.amount })) }),
  });
  const dt = Math.min(1e-4, input.tYears / 4);
  return {
    vega:
      (price({ ...input, volAnnual: input.volAnnual + h }) -
        price({ ...input, volAnnual: input.volAnnual - h })) /
      (2 * h),
    rho:
      (price({ ...input, rate: input.rate + h }) - price({ ...input, rate: input.rate - h })) /
      (2 * h),
    phi:
      (price({ ...input, carryYield: input.carryYield + h }) -
        price({ ...input, carryYield: input.carryYield - h })) /
      (2 * h),
    theta: (price(shifted(dt)) - price(shifted(-dt))) / (2 * dt),
  };
}

describe('accurate American Greeks with shared and warm-started boundaries', () => {
  it('match bumped cold solves (vega, theta within 3e-6, rho, phi within 1e-4 of their scales)', () => {
    const rng = createRng(2);
    const worst = { vega: 0, theta: 0, rho: 0, phi: 0 };
    for (let i = 0; i < 40; i++) {
      const input: AmericanInput = {
        type: rng.uniform() < 0.5 ? 'call' : 'put',
        spot: 100 * Math.exp(-0.3 + 0.6 * rng.uniform()),
        strike: 100,
        tYears: Math.exp(Math.log(7 / 365) + rng.uniform() * Math.log((3 * 365) / 7)),
        rate: 0.12 * rng.uniform(),
        carryYield: 0.12 * rng.uniform(),
        volAnnual: 0.05 + rng.uniform(),
      };
      if (i % 3 === 0) input.dividends = [{ tYears: input.tYears * rng.uniform(), amount: 2 }];
      const g = americanGreeks(input, 'accurate');
      const fd = bumpedGreeks(input);
      const t = input.tYears;
      // Natural scales per 100 of strike: vega ~ S sqrt(T), rho and phi ~ K T, theta ~ S vol / sqrt(T).
      const scale = {
        vega: 100 * Math.sqrt(t),
        rho: 100 * t,
        phi: 100 * t,
        theta: (100 * input.volAnnual) / Math.sqrt(t),
      };
      for (const k of ['vega', 'theta', 'rho', 'phi'] as const) {
        worst[k] = Math.max(worst[k], Math.abs(g[k] - fd[k]) / scale[k]);
      }
    }
    // Observed on these 40: vega 1.1e-7, theta 5.5e-7, rho 1.2e-5, phi 1.0e-5. (On other draws
    // rho and phi reached 1.2e-4 where the spot sits at the exercise boundary: V(r) has a kink
    // there, and the two bump sizes straddle it differently.)
    expect(worst.vega).toBeLessThan(3e-6);
    expect(worst.theta).toBeLessThan(3e-6);
    expect(worst.rho).toBeLessThan(1e-4);
    expect(worst.phi).toBeLessThan(1e-4);
  });

  it('are zero in time and vol deep in the exercise region, with delta -1', () => {
    const g = americanGreeks(
      {
        type: 'put',
        spot: 60,
        strike: 100,
        tYears: 0.5,
        rate: 0.08,
        carryYield: 0,
        volAnnual: 0.2,
      },
      'accurate',
    );
    expect(g.price).toBe(40);
    expect(g.delta).toBeCloseTo(-1, 12);
    expect(Math.abs(g.gamma)).toBeLessThan(1e-6);
    expect(Math.abs(g.theta)).toBeLessThan(1e-6);
    expect(Math.abs(g.vega)).toBeLessThan(1e-6);
    expect(Math.abs(g.rho)).toBeLessThan(1e-6);
  });
});
