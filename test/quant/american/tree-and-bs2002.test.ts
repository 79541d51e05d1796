import { describe, it, expect } from 'vitest';
import {
  americanBs2002Price,
  binomialTree,
  leisenReimerExtrapolated,
  priceAmerican,
} from '../../../shared/quant/american';
import { bsmPrice } from '../../../shared/quant/pricing/bsm';
import { loadReference } from './reference-rows';

const grid = loadReference('american_alo_quantlib.csv');
// A 48-point subset for the expensive 5,000-step trees: every T, vol, moneyness and (r, q) mix.
const subset = grid.filter((_, i) => i % 13 === 0 && grid[i] !== undefined);

describe('5,000-step Leisen-Reimer tree', () => {
  it('matches the QuantLib reference within 2e-5 relative (price >= 0.01 K)', () => {
    expect(subset.length).toBeGreaterThanOrEqual(46);
    let maxRel = 0;
    for (const row of subset) {
      const tree = binomialTree(row.input, { steps: 5000, kind: 'lr' }).price;
      if (row.ref >= 0.01 * row.input.strike)
        maxRel = Math.max(maxRel, Math.abs(tree - row.ref) / row.ref);
      expect(Math.abs(tree - row.ref)).toBeLessThan(2e-5 * row.input.strike);
    }
    expect(maxRel).toBeLessThan(2e-5);
  });

  it('BS2002 and the accurate method converge to the same values as the tree', () => {
    let maxAccurate = 0;
    let maxBs = 0;
    for (const row of subset) {
      const tree = binomialTree(row.input, { steps: 5000, kind: 'lr' }).price;
      const scale = Math.max(tree, 0.01 * row.input.strike);
      maxAccurate = Math.max(
        maxAccurate,
        Math.abs(priceAmerican(row.input, 'accurate') - tree) / scale,
      );
      maxBs = Math.max(maxBs, Math.abs(americanBs2002Price(row.input) - tree) / scale);
    }
    // The accurate method is closer to the tree than the tree is to the truth (~2e-5).
    expect(maxAccurate).toBeLessThan(2.5e-5);
    console.log(
      `accurate vs LR(5000): ${maxAccurate.toExponential(2)}, BS2002 vs LR(5000): ${maxBs.toExponential(2)}`,
    );
    // BS2002 is an approximation: observed max 2.3e-2 relative (long-dated, high vol) on this subset.
    expect(maxBs).toBeLessThan(3e-2);
  });

  it('Richardson extrapolation of LR(2000)/LR(4001) reaches ~1e-6 relative', () => {
    const rows = subset.filter((_, i) => i % 4 === 0);
    for (const row of rows) {
      const extrapolated = leisenReimerExtrapolated(row.input, 2000);
      expect(Math.abs(extrapolated - row.ref)).toBeLessThan(
        5e-6 * Math.max(row.ref, 0.01 * row.input.strike),
      );
    }
  });

  it('CRR converges at O(1/N) to the same value, and European trees to BSM', () => {
    const input = {
      type: 'put' as const,
      spot: 100,
      strike: 100,
      tYears: 1,
      rate: 0.05,
      carryYield: 0.02,
      volAnnual: 0.25,
    };
    const ref = 8.565228845432978; // QuantLib QdFp high precision
    const e500 = Math.abs(binomialTree(input, { steps: 500, kind: 'crr' }).price - ref);
    const e2000 = Math.abs(binomialTree(input, { steps: 2000, kind: 'crr' }).price - ref);
    expect(e500).toBeLessThan(5e-3);
    expect(e2000).toBeLessThan(e500 / 3);
    const euro = binomialTree(input, { steps: 2001, kind: 'lr', exercise: 'european' }).price;
    expect(Math.abs(euro - bsmPrice(input))).toBeLessThan(1e-6);
  });

  it('tree Greeks agree with finite differences of the accurate price', () => {
    const input = {
      type: 'put' as const,
      spot: 95,
      strike: 100,
      tYears: 0.5,
      rate: 0.04,
      carryYield: 0.01,
      volAnnual: 0.3,
    };
    const tree = binomialTree(input, { steps: 4001, kind: 'lr' });
    const crr = binomialTree(input, { steps: 4000, kind: 'crr' });
    const h = 0.05;
    const up = priceAmerican({ ...input, spot: 95 + h }, 'accurate');
    const mid = priceAmerican(input, 'accurate');
    const down = priceAmerican({ ...input, spot: 95 - h }, 'accurate');
    const dt = 1 / 365;
    const later = priceAmerican({ ...input, tYears: 0.5 - dt }, 'accurate');
    const earlier = priceAmerican({ ...input, tYears: 0.5 + dt }, 'accurate');
    for (const t of [tree, crr]) {
      expect(t.delta).toBeCloseTo((up - down) / (2 * h), 3);
      expect(Math.abs(t.gamma - (up - 2 * mid + down) / (h * h))).toBeLessThan(2e-4);
      expect(Math.abs(t.theta - (later - earlier) / (2 * dt))).toBeLessThan(5e-3);
    }
  });

  it('rejects bad tree inputs', () => {
    const input = {
      type: 'call' as const,
      spot: 100,
      strike: 100,
      tYears: 1,
      rate: 0.05,
      carryYield: 0.02,
      volAnnual: 0.2,
    };
    expect(() => binomialTree(input, { steps: 2, kind: 'crr' })).toThrow(RangeError);
    expect(() => binomialTree({ ...input, volAnnual: 0 }, { steps: 100, kind: 'lr' })).toThrow(
      RangeError,
    );
    expect(() =>
      binomialTree({ ...input, rate: 2, volAnnual: 0.01 }, { steps: 10, kind: 'crr' }),
    ).toThrow(RangeError);
  });
});

describe('Bjerksund-Stensland 2002', () => {
  it('reproduces the published example (NAG s30qcc: S=110, K=100, T=0.25, r=8%, q=12%, vol=20%)', () => {
    const v = americanBs2002Price({
      type: 'call',
      spot: 110,
      strike: 100,
      tYears: 0.25,
      rate: 0.08,
      carryYield: 0.12,
      volAnnual: 0.2,
    });
    expect(Math.abs(v - 10.334)).toBeLessThan(5e-5);
  });

  it('is a lower bound of the American value and above the European one on the grid', () => {
    let maxRel = 0;
    for (const row of grid) {
      const bs = americanBs2002Price(row.input);
      expect(bs).toBeLessThanOrEqual(row.ref * (1 + 1e-9) + 1e-12);
      expect(bs).toBeGreaterThanOrEqual(row.european - 1e-12);
      if (row.ref >= 0.01 * row.input.strike) maxRel = Math.max(maxRel, (row.ref - bs) / row.ref);
    }
    // Observed: 2.9e-2 at worst (3-year, 100% vol); most rows are far closer.
    expect(maxRel).toBeLessThan(3.5e-2);
  });

  it('prices puts through the put-call transformation P(S,K,r,q) = C(K,S,q,r)', () => {
    const put = {
      type: 'put' as const,
      spot: 90,
      strike: 100,
      tYears: 0.75,
      rate: 0.06,
      carryYield: 0.01,
      volAnnual: 0.35,
    };
    const call = {
      ...put,
      type: 'call' as const,
      spot: 100,
      strike: 90,
      rate: 0.01,
      carryYield: 0.06,
    };
    expect(americanBs2002Price(put)).toBeCloseTo(americanBs2002Price(call), 12);
  });

  it('equals the European value when early exercise is never optimal', () => {
    const call = {
      type: 'call' as const,
      spot: 100,
      strike: 95,
      tYears: 1,
      rate: 0.05,
      carryYield: 0,
      volAnnual: 0.3,
    };
    expect(americanBs2002Price(call)).toBeCloseTo(bsmPrice(call), 12);
    const put = { ...call, type: 'put' as const, rate: 0, carryYield: 0.02 };
    expect(americanBs2002Price(put)).toBeCloseTo(bsmPrice(put), 12);
  });
});
