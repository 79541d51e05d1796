import { describe, it, expect } from 'vitest';
import {
  aloBoundaryAt,
  aloPutBoundary,
  ALO_STANDARD_SCHEME,
  americanGreeks,
  americanImpliedVol,
  priceAmerican,
} from '../../../shared/quant/american';
import { ImpliedVolError } from '../../../shared/quant/iv/implied-vol-error';
import { bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';
import { PricingInputError } from '../../../shared/quant/pricing/validate';
import { loadReference } from './reference-rows';

const grid = loadReference('american_alo_quantlib.csv');
const methods = ['bs2002', 'accurate', 'tree'] as const;
const base = {
  type: 'put' as const,
  spot: 100,
  strike: 100,
  tYears: 1,
  rate: 0.05,
  carryYield: 0.02,
  volAnnual: 0.25,
};

describe('American option properties', () => {
  it('American >= European (BSM) for every method', () => {
    for (const row of grid.filter((_, i) => i % 5 === 0)) {
      for (const m of methods) {
        const opts = m === 'tree' ? { treeSteps: 301 } : {};
        expect(priceAmerican(row.input, m, opts)).toBeGreaterThanOrEqual(
          bsmPrice(row.input) - 1e-12,
        );
      }
    }
  });

  it('an American call with q = 0 equals the European call', () => {
    for (const [s, t, v] of [
      [90, 0.5, 0.2],
      [100, 1, 0.4],
      [120, 3, 0.8],
    ] as const) {
      const call = {
        type: 'call' as const,
        spot: s,
        strike: 100,
        tYears: t,
        rate: 0.05,
        carryYield: 0,
        volAnnual: v,
      };
      expect(priceAmerican(call, 'accurate')).toBeCloseTo(bsmPrice(call), 12);
      expect(priceAmerican(call, 'bs2002')).toBeCloseTo(bsmPrice(call), 12);
      expect(
        Math.abs(priceAmerican(call, 'tree', { treeSteps: 2001 }) - bsmPrice(call)),
      ).toBeLessThan(2e-5 * s);
    }
  });

  it('satisfies McDonald-Schroder symmetry C(S,K,T,r,q,vol) = P(K,S,T,q,r,vol)', () => {
    for (const m of methods) {
      const call = {
        type: 'call' as const,
        spot: 105,
        strike: 95,
        tYears: 0.8,
        rate: 0.03,
        carryYield: 0.07,
        volAnnual: 0.3,
      };
      const put = {
        type: 'put' as const,
        spot: 95,
        strike: 105,
        tYears: 0.8,
        rate: 0.07,
        carryYield: 0.03,
        volAnnual: 0.3,
      };
      const tol = m === 'tree' ? 2e-4 : 1e-10;
      expect(Math.abs(priceAmerican(call, m) - priceAmerican(put, m))).toBeLessThan(tol);
    }
  });

  it('has a put boundary below X, rising to X as T -> 0, with price = intrinsic below it', () => {
    const b = aloPutBoundary(1, 0.05, 0.02, 0.25, ALO_STANDARD_SCHEME);
    let prev = Infinity;
    for (const tau of [1, 0.75, 0.5, 0.25, 0.1, 0.03, 0.01, 0.001]) {
      const boundary = aloBoundaryAt(b, tau);
      expect(boundary).toBeLessThan(1);
      expect(boundary).toBeGreaterThan(0.5);
      expect(boundary).toBeGreaterThan(prev === Infinity ? 0 : 0);
      if (prev !== Infinity) expect(boundary).toBeGreaterThan(prev);
      prev = boundary;
    }
    expect(aloBoundaryAt(b, 0)).toBeCloseTo(1, 12);
    const star = 100 * aloBoundaryAt(b, 1);
    for (const s of [star * 0.9, star * 0.99]) {
      expect(priceAmerican({ ...base, spot: s }, 'accurate')).toBeCloseTo(100 - s, 12);
    }
    expect(priceAmerican({ ...base, spot: star * 1.02 }, 'accurate')).toBeGreaterThan(
      100 - star * 1.02,
    );
    // q > r: the boundary at expiry is X = K r / q.
    const high = aloPutBoundary(0.5, 0.02, 0.05, 0.3, ALO_STANDARD_SCHEME);
    expect(aloBoundaryAt(high, 1e-9)).toBeCloseTo(0.4, 3);
  });

  it('prices cash dividends by the escrowed model (spot less PV of dividends before expiry)', () => {
    const dividends = [
      { tYears: 0.25, amount: 1.5 },
      { tYears: 0.75, amount: 1.5 },
      { tYears: 1.5, amount: 9 },
    ];
    const call = { ...base, type: 'call' as const, carryYield: 0, dividends };
    const pv = 1.5 * Math.exp(-0.05 * 0.25) + 1.5 * Math.exp(-0.05 * 0.75);
    const plain = { ...base, type: 'call' as const, carryYield: 0, spot: 100 - pv };
    for (const m of methods)
      expect(priceAmerican(call, m)).toBeCloseTo(priceAmerican(plain, m), 12);
    expect(priceAmerican(call, 'accurate')).toBeLessThan(
      priceAmerican({ ...call, dividends: [] }, 'accurate'),
    );
  });

  it('has zero-vol and expiry limits', () => {
    expect(priceAmerican({ ...base, tYears: 0, spot: 90 }, 'accurate')).toBe(10);
    const det = priceAmerican({ ...base, volAnnual: 0, spot: 90 }, 'accurate');
    expect(det).toBeCloseTo(10, 12);
  });

  it('throws PricingInputError on bad input', () => {
    expect(() => priceAmerican({ ...base, spot: -1 }, 'accurate')).toThrow(PricingInputError);
    expect(() => priceAmerican({ ...base, volAnnual: Number.NaN }, 'bs2002')).toThrow(
      PricingInputError,
    );
    expect(() => priceAmerican({ ...base, tYears: -1 }, 'tree')).toThrow(PricingInputError);
    expect(() =>
      priceAmerican({ ...base, dividends: [{ tYears: 0.5, amount: -1 }] }, 'accurate'),
    ).toThrow(PricingInputError);
    expect(() =>
      priceAmerican({ ...base, dividends: [{ tYears: 0.5, amount: 200 }] }, 'accurate'),
    ).toThrow(PricingInputError);
  });
});

describe('American Greeks', () => {
  it('equal the closed-form BSM Greeks where early exercise is never optimal (call, q = 0)', () => {
    const call = { ...base, type: 'call' as const, carryYield: 0 };
    const g = americanGreeks(call, 'accurate');
    const e = bsmGreeks(call);
    for (const k of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
      expect(Math.abs(g[k] - e[k]), k).toBeLessThan(1e-5 * Math.max(1, Math.abs(e[k])));
    }
  });

  it('agree across methods: accurate vs a 4,001-step tree', () => {
    for (const input of [
      base,
      { ...base, type: 'call' as const, carryYield: 0.08, spot: 110 },
      { ...base, spot: 85, tYears: 0.1 },
    ]) {
      const a = americanGreeks(input, 'accurate');
      const t = americanGreeks(input, 'tree', { treeSteps: 4001 });
      expect(Math.abs(a.delta - t.delta)).toBeLessThan(2e-4);
      expect(Math.abs(a.gamma - t.gamma)).toBeLessThan(5e-4 * Math.max(1, 100 * a.gamma));
      expect(Math.abs(a.vega - t.vega)).toBeLessThan(2e-3 * Math.max(1, a.vega));
      expect(Math.abs(a.theta - t.theta)).toBeLessThan(5e-3 * Math.max(1, Math.abs(a.theta)));
      expect(Math.abs(a.rho - t.rho)).toBeLessThan(2e-3 * Math.max(1, Math.abs(a.rho)));
      expect(Math.abs(a.phi - t.phi)).toBeLessThan(2e-3 * Math.max(1, Math.abs(a.phi)));
    }
  });

  it('have the expected signs for a long put', () => {
    const g = americanGreeks(base, 'accurate');
    expect(g.delta).toBeLessThan(0);
    expect(g.gamma).toBeGreaterThan(0);
    expect(g.vega).toBeGreaterThan(0);
    expect(g.theta).toBeLessThan(0);
    expect(g.rho).toBeLessThan(0);
  });
});

describe('americanImpliedVol', () => {
  it('round-trips the accurate price to 1e-8 in vol', () => {
    for (const input of [
      base,
      { ...base, type: 'call' as const, carryYield: 0.06, spot: 120, volAnnual: 0.9 },
      { ...base, spot: 95, volAnnual: 0.12, tYears: 2 },
    ]) {
      const price = priceAmerican(input, 'accurate');
      const { volAnnual: _v, ...rest } = input;
      expect(Math.abs(americanImpliedVol({ ...rest, price }) - input.volAnnual)).toBeLessThan(1e-8);
    }
    const divInput = { ...base, dividends: [{ tYears: 0.4, amount: 2 }] };
    const price = priceAmerican(divInput, 'bs2002');
    const { volAnnual: _v, ...rest } = divInput;
    expect(americanImpliedVol({ ...rest, price }, { method: 'bs2002' })).toBeCloseTo(0.25, 8);
  });

  it('reports prices below immediate exercise or above the bound', () => {
    const { volAnnual: _v, ...rest } = { ...base, spot: 80 };
    expect(() => americanImpliedVol({ ...rest, price: 19.5 })).toThrow(ImpliedVolError);
    try {
      americanImpliedVol({ ...rest, price: 19.5 });
    } catch (e) {
      expect((e as ImpliedVolError).reason).toBe('below-intrinsic');
    }
    expect(() => americanImpliedVol({ ...rest, price: 100 })).toThrow(/not below the bound/);
    expect(() => americanImpliedVol({ ...rest, price: Number.NaN })).toThrow(ImpliedVolError);
  });
});
