import { describe, expect, it } from 'vitest';
import {
  arbitrageGrid,
  butterflyReport,
  calendarViolations,
  kGrid,
} from '../../../shared/quant/surface/arbitrage';
import type { ChainQuote, OptionChain } from '../../../shared/quant/surface/chain';
import { fitChain } from '../../../shared/quant/surface/fit-chain';
import { sviSmile } from '../../../shared/quant/surface/smile-slice';
import {
  repairSviSlice,
  sviMeetsConditions,
} from '../../../shared/quant/surface/svi-arbitrage-free';
import { sviG, sviTotalVariance, type SviRawParams } from '../../../shared/quant/surface/svi-raw';

/** Gatheral & Jacquier (2014), section 5.1: Axel Vogt's slice (T = 1) with butterfly arbitrage. */
const VOGT: SviRawParams = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
const meta = (expiry: string, tYears: number) => ({ expiry, expiryMs: 0, tYears, forward: 100 });

describe('butterfly and calendar checks', () => {
  it("finds Vogt's negative-density region and none on a healthy slice", () => {
    const grid = kGrid(2);
    const bad = butterflyReport(sviSmile(meta('V', 1), VOGT), grid);
    expect(bad.minG).toBeLessThan(-0.03);
    expect(bad.negativePoints).toBeGreaterThan(0);
    expect(bad.negativeRanges.length).toBe(1);
    const [from, to] = bad.negativeRanges[0] as [number, number];
    expect(from).toBeLessThan(0.879);
    expect(to).toBeGreaterThan(0.879);
    const good = butterflyReport(
      sviSmile(meta('G', 1), { a: 0.04, b: 0.4, rho: -0.4, m: 0.05, sigma: 0.2 }),
      grid,
    );
    expect(good.minG).toBeGreaterThan(0);
    expect(good.negativeRanges).toEqual([]);
  });

  it('reports each crossing pair of consecutive expiries once, whatever the input order', () => {
    const grid = kGrid(1.5);
    const s1 = sviSmile(meta('A', 0.1), { a: 0.002, b: 0.1, rho: -0.2, m: 0, sigma: 0.1 });
    const s2 = sviSmile(meta('B', 0.2), { a: 0.01, b: 0.02, rho: 0, m: 0, sigma: 0.1 }); // flatter wings: crosses A
    const s3 = sviSmile(meta('C', 0.5), { a: 0.05, b: 0.2, rho: -0.2, m: 0, sigma: 0.2 });
    const v = calendarViolations([s3, s1, s2], grid);
    expect(v.length).toBe(1);
    expect(v[0]?.from).toBe('A');
    expect(v[0]?.to).toBe('B');
    expect(v[0]?.worstExcess).toBeGreaterThan(0);
    expect(calendarViolations([s1, s3], grid)).toEqual([]);
  });

  it('the check grid reaches past the quotes', () => {
    const g = arbitrageGrid(2.4);
    expect(g[0]).toBeCloseTo(-3, 12);
    expect(g[g.length - 1]).toBeCloseTo(3, 12);
    expect(arbitrageGrid(0.3)[0]).toBeCloseTo(-2, 12);
  });
});

describe('arbitrage-free SVI repair', () => {
  it("removes the butterfly arbitrage from Vogt's slice while staying close to it", () => {
    const n = 41;
    const k = new Float64Array(n).map((_, i) => -1.5 + (3 * i) / (n - 1));
    const w = k.map((x) => sviTotalVariance(VOGT, x));
    const weight = new Float64Array(n).fill(1 / n);
    const grid = kGrid(2);
    const r = repairSviSlice(VOGT, { k, w, weight }, { grid });
    expect(r.feasible).toBe(true);
    expect(r.unchanged).toBe(false);
    expect(sviMeetsConditions(r.params, { grid })).toBe(true);
    let minG = Infinity;
    for (let x = -2; x <= 2; x += 0.001) minG = Math.min(minG, sviG(r.params, x));
    expect(minG).toBeGreaterThanOrEqual(-1e-9);
    let sq = 0;
    for (const x of k)
      sq += (Math.sqrt(sviTotalVariance(r.params, x)) - Math.sqrt(sviTotalVariance(VOGT, x))) ** 2;
    expect(100 * Math.sqrt(sq / n)).toBeLessThan(1.5); // vol points at T = 1
  });
});

/** A two-expiry chain whose unconstrained SVI fits cross in total variance (calendar arbitrage). */
function crossingChain(): OptionChain {
  const F = 100;
  const slices = [
    { T: 0.1, p: { a: 0.002, b: 0.1, rho: -0.2, m: 0, sigma: 0.1 } },
    { T: 0.2, p: { a: 0.004, b: 0.095, rho: -0.15, m: 0, sigma: 0.12 } }, // left wing ~1 vol point too low
  ];
  return {
    underlying: 'TEST',
    asOfMs: 0,
    expiries: slices.map(({ T, p }, i) => {
      const quotes: ChainQuote[] = [];
      for (let j = 0; j < 21; j++) {
        const k = -0.4 + (0.8 * j) / 20;
        const iv = Math.sqrt(sviTotalVariance(p, k) / T);
        quotes.push({
          strike: F * Math.exp(k),
          type: k < 0 ? 'put' : 'call',
          bidIv: iv - 0.01,
          askIv: iv + 0.01,
          markIv: iv,
        });
      }
      return {
        expiry: `E${i}`,
        expiryMs: Math.round(T * 365 * 86_400_000),
        tYears: T,
        forward: F,
        quotes,
      };
    }),
  };
}

describe('arbitrage-free chain fit', () => {
  it('turns a calendar-crossing chain into zero violations with g >= 0', () => {
    const chain = crossingChain();
    const plain = fitChain(chain);
    expect(plain.calendar.length).toBe(1);
    const free = fitChain(chain, { arbitrageFree: true });
    expect(free.calendar).toEqual([]);
    expect(free.butterflyMinG).toBeGreaterThanOrEqual(0);
    for (const e of free.expiries) expect(e.arbitrageFeasible).toBe(true);
    // The repair lifts the second slice's left wing by about the crossing: a small price.
    expect(free.expiries[0]?.quality.rmseVolPts).toBeLessThan(0.1);
    expect(free.expiries[1]?.quality.rmseVolPts).toBeLessThan(1.5);
    expect(plain.expiries[1]?.quality.rmseVolPts).toBeLessThan(0.1);
  });

  it('is refused for SABR', () => {
    expect(() => fitChain(crossingChain(), { model: 'sabr', arbitrageFree: true })).toThrow(/SVI/);
  });
});
