/**
 * The fit job's `svi-free` model (plain SVI, no arbitrage constraints) beside `svi` on a chain
 * whose plain fits cross in total variance: the free fit equals `fitChain` without constraints
 * and shows the crossing (and local-vol gaps), the constrained one removes it at a small RMSE cost.
 */
import { describe, expect, it } from 'vitest';
import type { OptionChain } from '../../../shared/quant/surface/chain';
import { fitChain } from '../../../shared/quant/surface/fit-chain';
import { sviTotalVariance } from '../../../shared/quant/surface/svi-raw';
import { runSurfaceFitJob } from '../../../shared/quant/surface-live/fit-job';

function crossingChain(): OptionChain {
  const F = 100;
  const slices = [
    { T: 0.1, p: { a: 0.002, b: 0.1, rho: -0.2, m: 0, sigma: 0.1 } },
    // Left wing below the first expiry's total variance: a calendar crossing.
    { T: 0.2, p: { a: 0.004, b: 0.095, rho: -0.15, m: 0, sigma: 0.12 } },
    { T: 0.5, p: { a: 0.012, b: 0.1, rho: -0.2, m: 0, sigma: 0.15 } },
  ];
  return {
    underlying: 'TEST',
    asOfMs: 0,
    spot: F,
    expiries: slices.map(({ T, p }, i) => ({
      expiry: `E${i}`,
      expiryMs: Math.round(T * 365 * 86_400_000),
      tYears: T,
      forward: F,
      quotes: Array.from({ length: 21 }, (_, j) => {
        const k = -0.4 + (0.8 * j) / 20;
        const iv = Math.sqrt(sviTotalVariance(p, k) / T);
        return {
          strike: F * Math.exp(k),
          type: k < 0 ? ('put' as const) : ('call' as const),
          bidIv: iv - 0.01,
          askIv: iv + 0.01,
          markIv: iv,
        };
      }),
    })),
  };
}

describe('unconstrained SVI beside the arbitrage-free fit', () => {
  const chain = crossingChain();
  const out = runSurfaceFitJob({ chain, source: 't', models: ['svi', 'svi-free'] });
  const [svi, free] = out;

  it('fits plain SVI as fitChain does without constraints, and reports its arbitrage', () => {
    if (!svi?.view || !free?.view) throw new Error(out.map((o) => o.error).join('; '));
    expect(free.model).toBe('svi-free');
    expect(free.view.arbitrageFree).toBe(false);
    const plain = fitChain(chain);
    free.view.slices.forEach((s, i) => {
      const p = plain.expiries[i]?.fit.params ?? {};
      expect(s.params).toEqual({ ...p });
    });
    expect(free.view.arbitrage.calendar.map((c) => `${c.from}>${c.to}`)).toEqual(['E0>E1']);
    expect(svi.view.arbitrageFree).toBe(true);
    expect(svi.view.arbitrage.calendar).toEqual([]);
    expect(svi.view.arbitrage.butterflyMinG).toBeGreaterThanOrEqual(0);
  });

  it('shows what the constraint cost: more RMSE on the repaired expiry, none elsewhere', () => {
    const cost = (i: number) =>
      (svi?.view?.slices[i]?.rmseVolPts ?? NaN) - (free?.view?.slices[i]?.rmseVolPts ?? NaN);
    expect(cost(0)).toBeCloseTo(0, 6);
    expect(cost(1)).toBeGreaterThan(0.05);
    expect(cost(1)).toBeLessThan(1.5);
  });

  it('leaves local-vol gaps where the free fit crosses, none on the repaired surface', () => {
    expect(free?.localVol?.undefinedCells).toBeGreaterThan(0);
    expect(svi?.localVol?.undefinedCells).toBe(0);
  });
});
