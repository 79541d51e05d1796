import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { impliedVolBlack76, impliedVolBsm } from '../../../shared/quant/iv/implied-vol';
import { black76Price } from '../../../shared/quant/iv/black76-price';
import { normalisedVega } from '../../../shared/quant/iv/normalised-black';

const EPS = 2 ** -52;
const HOUR_YEARS = 1 / 365 / 24;

/**
 * sigma is recoverable only as well as the price pins it down: the price is a double (relative
 * rounding EPS), so sigma moves by EPS * kappa with kappa = P / (sigma dP/dsigma). Cases with
 * kappa above 1e4 (prices that barely depend on sigma, e.g. deep ITM at tiny vol) are skipped.
 */
function conditionNumber(
  forward: number,
  strike: number,
  tYears: number,
  vol: number,
  undiscounted: number,
): number {
  const s = vol * Math.sqrt(tYears);
  const dPdsigma =
    Math.sqrt(forward) *
    Math.sqrt(strike) *
    normalisedVega(Math.log(forward / strike), s) *
    Math.sqrt(tYears);
  return undiscounted / (vol * dPdsigma);
}

const caseArb = fc.record({
  type: fc.constantFrom<'call' | 'put'>('call', 'put'),
  forward: fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
  logMoneyness: fc.double({ min: -3, max: 3, noNaN: true }), // ln(K/F): K/F from 0.05 to 20
  logT: fc.double({ min: Math.log(HOUR_YEARS), max: Math.log(10), noNaN: true }),
  logVol: fc.double({ min: Math.log(0.01), max: Math.log(5), noNaN: true }),
  discountFactor: fc.double({ min: 0.5, max: 1.2, noNaN: true }),
});

describe('Black-76 implied vol round trip', () => {
  it('recovers sigma to ~1e-14 (times the price condition) over a wide grid', () => {
    let checked = 0;
    let worst = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const strike = c.forward * Math.exp(c.logMoneyness);
        const tYears = Math.exp(c.logT);
        const vol = Math.exp(c.logVol);
        const price = black76Price({
          type: c.type,
          forward: c.forward,
          strike,
          tYears,
          volAnnual: vol,
          discountFactor: c.discountFactor,
        });
        const undiscounted = price / c.discountFactor;
        const kappa = conditionNumber(c.forward, strike, tYears, vol, undiscounted);
        if (!(price > 1e-290) || !(kappa < 1e4)) return;
        const upper = c.type === 'call' ? c.forward : strike;
        if (!(undiscounted < upper * (1 - 1e-12))) return; // numerically at the upper bound
        checked++;
        const got = impliedVolBlack76({
          type: c.type,
          forward: c.forward,
          strike,
          tYears,
          price,
          discountFactor: c.discountFactor,
        });
        const rel = Math.abs(got - vol) / vol;
        worst = Math.max(worst, rel / (1 + kappa));
        expect(rel).toBeLessThan(1e-14 + 8 * EPS * kappa);
      }),
      { numRuns: 6000, seed: 20261122 },
    );
    expect(checked).toBeGreaterThan(3000);
    expect(worst).toBeLessThan(1e-14);
  });

  it('recovers sigma for market-like strikes ln(K/F) = z sigma sqrt(T), |z| <= 4', () => {
    // Samples densely where the four branches of the initial guess meet (the wide grid above
    // spends most cases far out in the wings).
    fc.assert(
      fc.property(
        fc.constantFrom<'call' | 'put'>('call', 'put'),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: Math.log(HOUR_YEARS), max: Math.log(10), noNaN: true }),
        fc.double({ min: Math.log(0.01), max: Math.log(5), noNaN: true }),
        (type, z, logT, logVol) => {
          const tYears = Math.exp(logT);
          const vol = Math.exp(logVol);
          const strike = 100 * Math.exp(z * vol * Math.sqrt(tYears));
          const price = black76Price({ type, forward: 100, strike, tYears, volAnnual: vol });
          const kappa = conditionNumber(100, strike, tYears, vol, price);
          if (!(kappa < 1e4)) return;
          const upper = type === 'call' ? 100 : strike;
          if (!(price < upper * (1 - 1e-12))) return;
          const got = impliedVolBlack76({ type, forward: 100, strike, tYears, price });
          expect(Math.abs(got - vol) / vol).toBeLessThan(1e-14 + 8 * EPS * kappa);
        },
      ),
      { numRuns: 6000, seed: 314 },
    );
  });

  it('converges where rounding makes b - beta change sign at the root (regression)', () => {
    // Found by the benchmark: the second step saw noise of the wrong sign and bisected away.
    const forward = 129.6790207394627;
    const strike = 6771.662382715899;
    const tYears = 1.4707949617978724;
    const vol = 1.240376924801569;
    const price = black76Price({ type: 'call', forward, strike, tYears, volAnnual: vol });
    const got = impliedVolBlack76({ type: 'call', forward, strike, tYears, price });
    expect(Math.abs(got - vol) / vol).toBeLessThan(1e-14);
  });

  it('handles the deep out-of-the-money wing where prices are tiny', () => {
    for (const strike of [0.2, 0.5, 2, 5]) {
      for (const tYears of [HOUR_YEARS, 1 / 365, 0.1]) {
        for (const vol of [0.05, 0.2]) {
          const type = strike > 1 ? 'call' : 'put';
          const price = black76Price({ type, forward: 1, strike, tYears, volAnnual: vol });
          if (!(price > 1e-300)) continue;
          const got = impliedVolBlack76({ type, forward: 1, strike, tYears, price });
          expect(Math.abs(got - vol) / vol).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('returns 0 at exactly intrinsic value and for a price within 4 ulp of it', () => {
    expect(
      impliedVolBlack76({ type: 'call', forward: 120, strike: 100, tYears: 1, price: 20 }),
    ).toBe(0);
    expect(
      impliedVolBlack76({ type: 'put', forward: 80, strike: 100, tYears: 1, price: 20 - 1e-14 }),
    ).toBe(0);
  });
});

describe('BSM implied vol', () => {
  it('round-trips through F = S e^{(r-q)T} and discount e^{-rT}', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'call' | 'put'>('call', 'put'),
        fc.double({ min: 0.7, max: 1.4, noNaN: true }),
        fc.double({ min: 0.02, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        fc.double({ min: -0.02, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        (type, moneyness, tYears, vol, rate, carryYield) => {
          const spot = 250;
          const strike = spot * moneyness;
          const forward = spot * Math.exp((rate - carryYield) * tYears);
          const discountFactor = Math.exp(-rate * tYears);
          const price = black76Price({
            type,
            forward,
            strike,
            tYears,
            volAnnual: vol,
            discountFactor,
          });
          const kappa = conditionNumber(forward, strike, tYears, vol, price / discountFactor);
          if (!(price > 1e-290) || !(kappa < 1e4)) return; // subnormal prices carry few digits
          const got = impliedVolBsm({ type, spot, strike, tYears, rate, carryYield, price });
          expect(Math.abs(got - vol) / vol).toBeLessThan(1e-14 + 16 * EPS * kappa);
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('matches a textbook value: S=100, K=100, T=1, r=5%, q=0, price 10.4505835721856 -> 20%', () => {
    const got = impliedVolBsm({
      type: 'call',
      spot: 100,
      strike: 100,
      tYears: 1,
      rate: 0.05,
      carryYield: 0,
      price: 10.450583572185565,
    });
    expect(got).toBeCloseTo(0.2, 12);
  });
});
