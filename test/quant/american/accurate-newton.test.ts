import { describe, it, expect } from 'vitest';
import {
  ALO_LEVEL_SCHEMES,
  ALO_REFERENCE_SCHEME,
  aloPutBoundary,
  aloPutPrice,
  americanAccuratePrice,
  chooseAloScheme,
  createAloWorkspace,
  makeAloScheme,
  priceAmerican,
} from '../../../shared/quant/american';
import { createRng } from '../../../shared/quant/math/rng';
import type { BsmInput } from '../../../shared/quant/pricing/types';
import { loadReference } from './reference-rows';

/** Relative error above 1e-4 K, and 10x the absolute error per strike (the tests' two yardsticks). */
function errorMetric(got: number, ref: number, strike: number): number {
  const abs = Math.abs(got - ref);
  return Math.max(ref >= 1e-4 * strike ? abs / ref : 0, (10 * abs) / strike);
}

describe('ALO with Newton sweeps and per-option levels', () => {
  it('converges to the reference scheme on 60 random options (observed max 1.3e-6)', () => {
    // The reference sets' domain: S/K 0.7-1.3, T 1 day-5 years, vol 5-120 %, r and q 0-12 %.
    const rng = createRng(31);
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const input: BsmInput = {
        type: rng.uniform() < 0.5 ? 'call' : 'put',
        spot: 100 * (0.7 + 0.6 * rng.uniform()),
        strike: 100,
        tYears: Math.round(1 + 1825 * rng.uniform()) / 365,
        rate: 0.12 * rng.uniform(),
        carryYield: 0.12 * rng.uniform(),
        volAnnual: 0.05 + 1.15 * rng.uniform(),
      };
      const ref = americanAccuratePrice(input, ALO_REFERENCE_SCHEME);
      worst = Math.max(worst, errorMetric(americanAccuratePrice(input), ref, input.strike));
    }
    expect(worst).toBeLessThan(5e-6);
  });

  it('keeps FP-B convergent where its plain iteration diverges (low vol, long maturity)', () => {
    // From the random reference set: max(r, q) sqrt(T) / vol = 4.1.
    const row = loadReference('american_alo_quantlib_random.csv').find(
      (r) => r.input.spot === 94.49 && r.input.volAnnual === 0.0591,
    );
    expect(row).toBeDefined();
    if (row === undefined) return;
    const plain = makeAloScheme({
      equation: 'smooth-pasting',
      chebyshevNodes: 10,
      iterations: 4,
      fixedPointOrder: 10,
      priceOrder: 20,
      newtonDamping: 0,
    });
    const newton = makeAloScheme({ ...plain, iterations: 2, newtonSweeps: 2 });
    const K = row.input.strike;
    const plainErr = errorMetric(
      priceAmerican(row.input, 'accurate', { scheme: plain }),
      row.ref,
      K,
    );
    const newtonErr = errorMetric(
      priceAmerican(row.input, 'accurate', { scheme: newton }),
      row.ref,
      K,
    );
    expect(plainErr).toBeGreaterThan(1e-2);
    expect(newtonErr).toBeLessThan(1e-5);
  });

  it('chooses a level from (max(r,q) sqrt(T)/vol, vol sqrt(T)): cheap when short, large when hard', () => {
    const nodes = (r: number, q: number, vol: number, t: number) =>
      chooseAloScheme(r, q, vol, t).chebyshevNodes;
    expect(nodes(0.05, 0.02, 0.3, 7 / 365)).toBe(7);
    expect(nodes(0.05, 0.02, 0.3, 1)).toBeLessThanOrEqual(9);
    expect(nodes(0.1, 0.02, 0.05, 5)).toBe(14);
    for (const s of ALO_LEVEL_SCHEMES) expect(s.newtonSweeps).toBe(2);
  });

  it('warm-started solves converge to rounding (the Greeks bump from the unbumped boundary)', () => {
    const scheme = chooseAloScheme(0.05, 0.02, 0.3, 0.5);
    // The same nodes iterated to convergence: five Newton sweeps.
    const converged = makeAloScheme({ ...scheme, iterations: 5, newtonSweeps: 5 });
    const workspace = createAloWorkspace(scheme);
    const base = aloPutBoundary(0.5, 0.05, 0.02, 0.3, scheme, { workspace });
    for (const [t, r, q, v] of [
      [0.5, 0.05 + 1e-5, 0.02, 0.3],
      [0.5, 0.05, 0.02 - 1e-5, 0.3],
      [0.5 * (1 + 1e-4), 0.05, 0.02, 0.3],
    ] as const) {
      const cold = aloPutBoundary(t, r, q, v, scheme);
      const warm = aloPutBoundary(t, r, q, v, scheme, { warmStart: base.nodeH });
      // Chord sweeps with the unbumped solve's LU factors, as the Greeks do.
      const chord = aloPutBoundary(t, r, q, v, scheme, {
        workspace,
        warmStart: base.nodeH,
        reuseFactors: true,
      });
      const exact = aloPutBoundary(t, r, q, v, converged);
      for (const m of [0.8, 0.95, 1, 1.1]) {
        const x = aloPutPrice(exact, m);
        expect(Math.abs(aloPutPrice(warm, m) - x)).toBeLessThan(1e-15);
        // Chord steps contract by ~|J - J_unbumped| per sweep: observed 9e-13 after two, i.e.
        // ~5e-8 in a derivative taken over a 2e-5 bump.
        expect(Math.abs(aloPutPrice(chord, m) - x)).toBeLessThan(5e-12);
        // From QD+ (~1e-3 off) two sweeps leave ~2e-9 per unit strike: far below the method's
        // error, but visible in a 1e-5 finite difference, hence the warm starts.
        expect(Math.abs(aloPutPrice(cold, m) - x)).toBeLessThan(1e-8);
      }
    }
  });

  it('returns finite prices across the whole validated domain (extreme T, vol, rates)', () => {
    const rng = createRng(3);
    const logUniform = (lo: number, hi: number) => lo * Math.exp(rng.uniform() * Math.log(hi / lo));
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const input: BsmInput = {
        type: rng.uniform() < 0.5 ? 'call' : 'put',
        spot: logUniform(1e-3, 1e6),
        strike: logUniform(1e-3, 1e6),
        tYears: logUniform(1e-9, 100),
        rate: -0.5 + rng.uniform(),
        carryYield: -0.5 + rng.uniform(),
        volAnnual: logUniform(1e-6, 50),
      };
      const rPut = input.type === 'put' ? input.rate : input.carryYield;
      const qPut = input.type === 'put' ? input.carryYield : input.rate;
      if (rPut <= 0 && qPut < rPut) continue; // double boundary: the slow tree, tested elsewhere
      const p = priceAmerican(input, 'accurate');
      expect(Number.isFinite(p), JSON.stringify(input)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    // Double boundary (put with q < r <= 0): the Leisen-Reimer fallback, whose Peizer-Pratt
    // probabilities saturate for these; the zero-vol American value then bounds from below.
    for (const input of [
      {
        spot: 1.8548,
        strike: 4.6198,
        tYears: 0.011532,
        rate: -0.081,
        carryYield: -0.1526,
        volAnnual: 0.00148,
      },
      {
        spot: 0.26362,
        strike: 0.17974,
        tYears: 4.146e-6,
        rate: -0.2957,
        carryYield: -0.5127,
        volAnnual: 0.6087,
      },
      {
        spot: 735451.9,
        strike: 526046.1,
        tYears: 0.097219,
        rate: -0.1852,
        carryYield: -0.2497,
        volAnnual: 0.000946,
      },
    ]) {
      const put = { ...input, type: 'put' as const };
      const p = priceAmerican(put, 'accurate');
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(Math.max(put.strike - put.spot, 0));
    }
  });

  it('validates the new scheme fields', () => {
    const spec = {
      equation: 'smooth-pasting' as const,
      chebyshevNodes: 6,
      iterations: 2,
      fixedPointOrder: 6,
      priceOrder: 12,
      newtonDamping: 0,
    };
    expect(() => makeAloScheme({ ...spec, newtonSweeps: 3 })).toThrow(RangeError);
    expect(() => makeAloScheme({ ...spec, newtonSweeps: 1.5 })).toThrow(RangeError);
    expect(() => makeAloScheme({ ...spec, startNodes: 1 })).toThrow(RangeError);
    expect(() => makeAloScheme({ ...spec, startNodes: 7 })).toThrow(RangeError);
    expect(makeAloScheme({ ...spec, startNodes: 3 }).startInterp.length).toBe(18);
  });
});
