/**
 * The local-vol view of the surface screen: every cell equals `localVol` on the same surface,
 * slices equal `localVol` at the expiry, a flat surface gives its flat vol, and a surface with
 * calendar arbitrage gives null cells (chart gaps) where Dupire is undefined, never NaN.
 */
import { describe, expect, it } from 'vitest';
import { surfaceLocalVolSchema } from '../../../shared/contract/features/surface-models.schemas';
import { localVol } from '../../../shared/quant/surface/local-vol';
import { sviSmile } from '../../../shared/quant/surface/smile-slice';
import { buildSurface } from '../../../shared/quant/surface/surface';
import { bookSurfaceFromView } from '../../../shared/quant/surface-live/book-vols';
import { runSurfaceFitJob } from '../../../shared/quant/surface-live/fit-job';
import { localVolView } from '../../../shared/quant/surface-live/local-vol-grid';
import { ssviChain } from './ssvi-chain';

const meta = { underlying: 'X', model: 'svi' as const, asOfMs: 0 };
const flatSlice = (t: number, vol: number, i: number) =>
  sviSmile(
    { expiry: `E${i}`, expiryMs: 0, tYears: t, forward: 100 },
    { a: vol * vol * t, b: 0, rho: 0, m: 0, sigma: 0.1 },
  );

describe('local vol view', () => {
  it('comes with every fit and equals localVol cell by cell', () => {
    const [o] = runSurfaceFitJob({ chain: ssviChain(), source: 't', models: ['svi'] });
    const lv = o?.localVol;
    if (!o?.view || !lv) throw new Error(o?.error ?? 'no fit');
    expect(surfaceLocalVolSchema.safeParse(lv).success).toBe(true);
    const surface = bookSurfaceFromView(o.view).surface;
    expect(lv.days[0]).toBeCloseTo(7, 9);
    expect(lv.days[lv.days.length - 1]).toBeCloseTo(240, 9);
    expect(lv.localVol.length).toBe(lv.days.length);
    lv.days.forEach((d, r) =>
      lv.k.forEach((k, c) => {
        const v = lv.localVol[r]?.[c];
        expect(v).toBeCloseTo(localVol(surface, k, d / 365) ?? NaN, 12);
      }),
    );
    // The SSVI surface is free of arbitrage: no gaps.
    expect(lv.undefinedCells).toBe(0);
    for (const s of lv.slices) {
      s.k.forEach((k, j) =>
        expect(s.localVol[j]).toBeCloseTo(localVol(surface, k, s.tYears) ?? NaN, 12),
      );
      s.k.forEach((k, j) => expect(s.impliedVol[j]).toBeCloseTo(surface.iv(k, s.tYears), 12));
      expect(s.atmLocalVol).toBeCloseTo(localVol(surface, 0, s.tYears) ?? NaN, 12);
      expect(s.atmImpliedVol).toBeCloseTo(surface.iv(0, s.tYears), 12);
    }
  });

  it('is the flat vol on a flat surface', () => {
    const surface = buildSurface([flatSlice(0.1, 0.5, 0), flatSlice(0.5, 0.5, 1)]);
    const lv = localVolView(surface, meta, [-0.5, 0.5], [], { rows: 5, columns: 7 });
    for (const row of lv.localVol) for (const v of row) expect(v).toBeCloseTo(0.5, 10);
  });

  it('leaves gaps (null) where total variance falls with maturity, never NaN', () => {
    // The second expiry's variance is below the first's: calendar arbitrage, dw/dT < 0 between.
    const surface = buildSurface([
      flatSlice(0.1, 0.6, 0),
      flatSlice(0.12, 0.3, 1),
      flatSlice(0.5, 0.5, 2),
    ]);
    const lv = localVolView(
      surface,
      meta,
      [-0.3, 0.3],
      [{ expiry: 'E0', tYears: 0.1, forward: 100, k: [-0.1, 0, 0.1] }],
    );
    expect(lv.undefinedCells).toBeGreaterThan(0);
    const cells = lv.localVol.flat();
    expect(cells.some((v) => v === null)).toBe(true);
    expect(cells.every((v) => v === null || Number.isFinite(v))).toBe(true);
    // The first expiry looks forward into the crossing: its slice is all gaps.
    expect(lv.slices[0]?.localVol).toEqual([null, null, null]);
    expect(JSON.stringify(lv)).not.toMatch(/NaN/);
    expect(surfaceLocalVolSchema.safeParse(lv).success).toBe(true);
  });
});
