import { describe, expect, it } from 'vitest';
import { black76Price } from '../../../shared/quant/pricing/black76';
import { cosPrices } from '../../../shared/quant/surface/cos-method';
import { mertonLogCf, mertonPrice, type MertonParams } from '../../../shared/quant/surface/merton';

const P: MertonParams = { volAnnual: 0.2, lambda: 1, muJump: -0.1, sigmaJump: 0.15 };

describe('Merton jump-diffusion', () => {
  it('is Black-76 when the jump intensity is 0 (and when jumps have zero size)', () => {
    for (const strike of [50, 90, 100, 130]) {
      for (const type of ['call', 'put'] as const) {
        const b = black76Price({
          type,
          forward: 100,
          strike,
          tYears: 0.5,
          rate: 0,
          volAnnual: 0.2,
          discounted: false,
        });
        expect(mertonPrice({ type, forward: 100, strike, tYears: 0.5 }, { ...P, lambda: 0 })).toBe(
          b,
        );
        const zeroJumps = mertonPrice(
          { type, forward: 100, strike, tYears: 0.5 },
          { ...P, muJump: 0, sigmaJump: 0 },
        );
        expect(Math.abs(zeroJumps - b)).toBeLessThan(1e-12);
      }
    }
  });

  it('the Poisson series agrees with COS on the Merton characteristic function to 1e-9', () => {
    for (const p of [
      P,
      { volAnnual: 0.6, lambda: 10, muJump: 0.02, sigmaJump: 0.05 },
      { volAnnual: 0.1, lambda: 0.3, muJump: -0.3, sigmaJump: 0.2 },
    ]) {
      for (const T of [0.05, 0.5, 2]) {
        const strikes = [40, 70, 90, 100, 110, 140, 250];
        const cos = cosPrices((u) => mertonLogCf(u, T, p), 100, strikes, 'put');
        strikes.forEach((strike, i) => {
          const series = mertonPrice({ type: 'put', forward: 100, strike, tYears: T }, p);
          expect(Math.abs(series - (cos[i] as number))).toBeLessThan(1e-9);
        });
      }
    }
  });

  it('satisfies put-call parity with discounting and keeps the forward a martingale', () => {
    const df = Math.exp(-0.03);
    const c = mertonPrice(
      { type: 'call', forward: 100, strike: 95, tYears: 1, discountFactor: df },
      P,
    );
    const p = mertonPrice(
      { type: 'put', forward: 100, strike: 95, tYears: 1, discountFactor: df },
      P,
    );
    expect(c - p).toBeCloseTo(df * 5, 12);
    // A call struck at ~0 is worth the forward.
    expect(mertonPrice({ type: 'call', forward: 100, strike: 1e-9, tYears: 1 }, P)).toBeCloseTo(
      100,
      8,
    );
    const l = mertonLogCf(0, 1, P);
    expect(l.re).toBe(0);
  });

  it('downward jumps make OTM puts dearer than Black on the same diffusion vol', () => {
    const merton = mertonPrice({ type: 'put', forward: 100, strike: 75, tYears: 0.25 }, P);
    const black = black76Price({
      type: 'put',
      forward: 100,
      strike: 75,
      tYears: 0.25,
      rate: 0,
      volAnnual: 0.2,
      discounted: false,
    });
    expect(merton).toBeGreaterThan(2 * black);
  });
});
