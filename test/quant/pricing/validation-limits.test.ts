import { describe, it, expect } from 'vitest';
import { black76Greeks, black76Price } from '../../../shared/quant/pricing/black76';
import { bsmD1D2, bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';
import type { Black76Input, BsmInput } from '../../../shared/quant/pricing/types';
import { PricingInputError } from '../../../shared/quant/pricing/validate';

const base: BsmInput = {
  type: 'call',
  spot: 100,
  strike: 95,
  tYears: 0.5,
  rate: 0.03,
  carryYield: 0.01,
  volAnnual: 0.25,
};

function errorOf(fn: () => unknown): PricingInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PricingInputError) return e;
    throw new Error(`expected PricingInputError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected PricingInputError, nothing was thrown');
}

describe('input validation', () => {
  const bad: [keyof BsmInput, unknown, RegExp][] = [
    ['spot', 0, /bsm: spot must be greater than 0, got 0/],
    ['spot', -5, /spot must be greater than 0, got -5/],
    ['spot', Number.NaN, /spot must be a finite number, got NaN/],
    ['spot', Number.POSITIVE_INFINITY, /spot must be a finite number, got Infinity/],
    ['spot', 1e60, /spot must be within \[1e-50, 1e\+50\]/],
    ['strike', 0, /strike must be greater than 0, got 0/],
    ['strike', -1, /strike must be greater than 0/],
    ['strike', Number.NEGATIVE_INFINITY, /strike must be a finite number, got -Infinity/],
    ['tYears', -0.01, /tYears must be >= 0 \(0 = expiring now\), got -0.01/],
    ['tYears', Number.NaN, /tYears must be a finite number, got NaN/],
    ['tYears', 150, /tYears must be <= 100/],
    ['volAnnual', -0.2, /volAnnual must be >= 0, got -0.2/],
    ['volAnnual', Number.NaN, /volAnnual must be a finite number, got NaN/],
    ['volAnnual', 250, /volAnnual must be <= 100 \(a decimal: 0.5 = 50 %\), got 250/],
    ['rate', Number.NaN, /rate must be a finite number, got NaN/],
    ['rate', 7, /rate must be within \[-5, 5\], got 7/],
    ['carryYield', Number.POSITIVE_INFINITY, /carryYield must be a finite number/],
    ['type', 'straddle', /type must be 'call' or 'put', got straddle/],
    ['spot', '100', /spot must be a finite number, got 100/],
  ];
  for (const [field, value, message] of bad) {
    it(`rejects ${field} = ${String(value)} with a clear PricingInputError`, () => {
      const input = { ...base, [field]: value } as BsmInput;
      for (const fn of [() => bsmPrice(input), () => bsmGreeks(input), () => bsmD1D2(input)]) {
        const e = errorOf(fn);
        expect(e.message).toMatch(message);
        expect(e.field).toBe(field);
        expect(e.name).toBe('PricingInputError');
      }
    });
  }

  it('Black-76 names the forward and checks `discounted`', () => {
    const b: Black76Input = {
      type: 'put',
      forward: 100,
      strike: 100,
      tYears: 1,
      rate: 0.02,
      volAnnual: 0.2,
      discounted: true,
    };
    expect(errorOf(() => black76Price({ ...b, forward: 0 })).message).toMatch(
      /^black76: forward must be greater than 0/,
    );
    expect(errorOf(() => black76Greeks({ ...b, volAnnual: -1 })).field).toBe('volAnnual');
    const notBool = { ...b, discounted: 'yes' } as unknown as Black76Input;
    expect(errorOf(() => black76Price(notBool)).message).toMatch(/discounted must be a boolean/);
  });
});

describe('limits: expiry (T = 0) and zero volatility', () => {
  it('T = 0 gives intrinsic value, delta 1/0 (0.5 at the money), other Greeks 0', () => {
    const cases: [BsmInput['type'], number, number, number][] = [
      ['call', 110, 10, 1],
      ['call', 90, 0, 0],
      ['call', 100, 0, 0.5],
      ['put', 90, 10, -1],
      ['put', 110, 0, 0],
      ['put', 100, 0, -0.5],
    ];
    for (const [type, spot, price, delta] of cases) {
      const g = bsmGreeks({ ...base, type, spot, strike: 100, tYears: 0 });
      expect(g.price).toBe(price);
      expect(g.delta).toBe(delta);
      expect(g.dualDelta).toBe(delta === 0 ? 0 : -delta);
      for (const k of [
        'gamma',
        'vega',
        'theta',
        'rho',
        'phi',
        'vanna',
        'volga',
        'speed',
        'ultima',
      ] as const) {
        expect(g[k]).toBe(0);
      }
      expect(bsmPrice({ ...base, type, spot, strike: 100, tYears: 0 })).toBe(price);
    }
    expect(() => bsmD1D2({ ...base, tYears: 0 })).toThrow(/d1\/d2 are undefined at expiry/);
  });

  it('T = 0 is the limit of short-dated prices', () => {
    for (const type of ['call', 'put'] as const) {
      for (const spot of [80, 100.5, 120]) {
        const x = { ...base, type, spot, strike: 100 };
        const intrinsic = bsmPrice({ ...x, tYears: 0 });
        // One second before expiry, the time value of a 25 % vol option is < 0.01 % of spot.
        expect(Math.abs(bsmPrice({ ...x, tYears: 1 / (365 * 86400) }) - intrinsic)).toBeLessThan(
          1e-2,
        );
      }
    }
  });

  it('vol = 0 prices the discounted forward intrinsic with its derivatives', () => {
    const x: BsmInput = { ...base, volAnnual: 0 };
    const fS = x.spot * Math.exp(-x.carryYield * x.tYears);
    const fK = x.strike * Math.exp(-x.rate * x.tYears);
    const g = bsmGreeks(x);
    expect(g.price).toBeCloseTo(fS - fK, 12);
    expect(g.delta).toBeCloseTo(Math.exp(-x.carryYield * x.tYears), 14);
    expect(g.theta).toBeCloseTo(x.carryYield * fS - x.rate * fK, 12);
    expect(g.rho).toBeCloseTo(x.tYears * fK, 12);
    expect(g.phi).toBeCloseTo(-x.tYears * fS, 12);
    expect(g.gamma).toBe(0);
    expect(bsmGreeks({ ...x, type: 'put' }).price).toBe(0);
    // Continuity with a tiny but positive vol away from the forward.
    const tiny = bsmGreeks({ ...base, volAnnual: 1e-6 });
    expect(tiny.price).toBeCloseTo(g.price, 12);
    expect(tiny.delta).toBeCloseTo(g.delta, 12);
    expect(() => bsmD1D2(x)).toThrow(/d1\/d2 are infinite/);
  });

  it('vol = 0 exactly at the forward: half-weighted delta, vega = S e^{-qT} sqrt(T / 2 pi)', () => {
    const x: BsmInput = {
      type: 'call',
      spot: 100,
      strike: 100,
      tYears: 0.25,
      rate: 0,
      carryYield: 0,
      volAnnual: 0,
    };
    const g = bsmGreeks(x);
    expect(g.price).toBe(0);
    expect(g.delta).toBe(0.5);
    expect(g.vega).toBeCloseTo(100 * Math.sqrt(0.25 / (2 * Math.PI)), 12);
    // The vol -> 0 limit of the lognormal vega.
    expect(bsmGreeks({ ...x, volAnnual: 1e-7 }).vega).toBeCloseTo(g.vega, 6);
  });

  it('never returns NaN at the edges of the domain', () => {
    const edges: BsmInput[] = [
      { ...base, spot: 1e-50, strike: 1e50, tYears: 100, volAnnual: 100, rate: 5, carryYield: -5 },
      { ...base, spot: 1e50, strike: 1e-50, tYears: 1e-12, volAnnual: 1e-8 },
      { ...base, tYears: 2e-12, volAnnual: 100 },
      { ...base, tYears: 100, volAnnual: 1.0000001e-11 },
      { ...base, type: 'put', spot: 1, strike: 1e40, tYears: 1e-12, volAnnual: 100 },
    ];
    for (const x of edges) {
      for (const v of Object.values(bsmGreeks(x))) expect(Number.isFinite(v)).toBe(true);
      for (const discounted of [true, false]) {
        const b = black76Greeks({
          type: x.type,
          forward: x.spot,
          strike: x.strike,
          tYears: x.tYears,
          rate: x.rate,
          volAnnual: x.volAnnual,
          discounted,
        });
        for (const v of Object.values(b)) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
});
