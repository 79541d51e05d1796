/**
 * The book's vols read off a fitted surface: sticky-strike is the fitted smile at the option's
 * strike and expiry; sticky-delta moves the smile with the forward, and its dVol/dSpot is the
 * derivative of that vol in spot.
 */
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/domain/instrument';
import type { UnderlyingState } from '../../../shared/domain/quote';
import {
  bookSurfaceFromView,
  surfaceVol,
  surfaceVolOverrides,
} from '../../../shared/quant/surface-live/book-vols';
import { runSurfaceFitJob } from '../../../shared/quant/surface-live/fit-job';
import { AS_OF, SPOT, ssviChain, ssviVol, forwardAt } from './ssvi-chain';

const [svi, sabr] = runSurfaceFitJob({
  chain: ssviChain(),
  source: 'test',
  models: ['svi', 'sabr'],
});
if (!svi?.view || !sabr?.view) throw new Error('fixture fit failed');
const view = svi.view;
const surface = bookSurfaceFromView(view);
const slice = view.slices[2];
if (!slice) throw new Error('fixture');

describe('surface vols for the book', () => {
  it('sticky-strike gives the fitted slice vol at a fitted expiry, for any spot', () => {
    for (const p of slice.market) {
      for (const spot of [SPOT, SPOT * 1.07]) {
        const v = surfaceVol(surface, p.strike, slice.expiryMs, spot, 'sticky-strike');
        expect(v?.volAnnual).toBeCloseTo(p.fitIv, 12);
        expect(v?.dVolDSpot).toBe(0);
      }
    }
  });

  it('interpolates between expiries in total variance', () => {
    const t = (slice.tYears + (view.slices[3]?.tYears ?? NaN)) / 2;
    const v = surfaceVol(
      surface,
      forwardAt(t),
      AS_OF + t * 365 * 86_400_000,
      SPOT,
      'sticky-strike',
    );
    const k = Math.log(forwardAt(t) / surface.surface.forward(t));
    expect(v?.volAnnual).toBeCloseTo(surface.surface.iv(k, t), 12);
    expect(v?.volAnnual).toBeCloseTo(ssviVol(0, t), 2);
  });

  it('sticky-delta equals sticky-strike at the fit spot and moves the smile with spot', () => {
    const strike = slice.forward * 1.1;
    const at = (spot: number, rule: 'sticky-strike' | 'sticky-delta', k = strike) =>
      surfaceVol(surface, k, slice.expiryMs, spot, rule)?.volAnnual ?? NaN;
    expect(at(SPOT, 'sticky-delta')).toBeCloseTo(at(SPOT, 'sticky-strike'), 14);
    // Spot up 5%: strike K now sits where K / 1.05 sat at the fit.
    expect(at(SPOT * 1.05, 'sticky-delta')).toBeCloseTo(
      at(SPOT, 'sticky-strike', strike / 1.05),
      12,
    );
  });

  it('reports dVol/dSpot equal to the finite difference of the sticky-delta vol', () => {
    for (const m of [0.8, 1, 1.25]) {
      const strike = slice.forward * m;
      const spot = SPOT * 1.02;
      const v = surfaceVol(surface, strike, slice.expiryMs, spot, 'sticky-delta');
      const h = spot * 1e-5;
      const up =
        surfaceVol(surface, strike, slice.expiryMs, spot + h, 'sticky-delta')?.volAnnual ?? NaN;
      const dn =
        surfaceVol(surface, strike, slice.expiryMs, spot - h, 'sticky-delta')?.volAnnual ?? NaN;
      const fd = (up - dn) / (2 * h);
      expect(Math.abs((v?.dVolDSpot ?? NaN) - fd)).toBeLessThan(1e-6 * Math.abs(fd) + 1e-12);
      // Where the smile falls with k (puts to ATM, rho < 0), a strike's vol rises with spot;
      // on the call wing, where the smile turns up, it falls.
      if (m <= 1) expect(v?.dVolDSpot).toBeGreaterThan(0);
      else expect(v?.dVolDSpot).toBeLessThan(0);
    }
  });

  it('builds overrides for unexpired options with a surface only', () => {
    const base = {
      venue: 'deribit' as const,
      quoteCurrency: 'BTC',
      kind: 'option' as const,
      style: 'european' as const,
      multiplier: 1,
      settlement: 'inverse' as const,
    };
    const instruments: Instrument[] = [
      {
        ...base,
        id: 'a',
        symbol: 'a',
        underlying: 'BTC',
        right: 'call',
        strike: 95_000,
        expiryMs: slice.expiryMs,
      },
      {
        ...base,
        id: 'expired',
        symbol: 'e',
        underlying: 'BTC',
        right: 'call',
        strike: 95_000,
        expiryMs: AS_OF - 1,
      },
      {
        ...base,
        id: 'eth',
        symbol: 'x',
        underlying: 'ETH',
        right: 'put',
        strike: 3_000,
        expiryMs: slice.expiryMs,
      },
      {
        id: 'spot',
        venue: 'binance',
        symbol: 'BTC/USDT',
        underlying: 'BTC',
        quoteCurrency: 'USDT',
        kind: 'spot',
      },
    ];
    const underlyings: UnderlyingState[] = [
      {
        underlying: 'BTC',
        tsMs: AS_OF,
        spot: SPOT,
        rate: 0,
        carryYield: 0,
        atmVol: 0.5,
        prevClose: SPOT,
      },
      {
        underlying: 'ETH',
        tsMs: AS_OF,
        spot: 3_000,
        rate: 0,
        carryYield: 0,
        atmVol: 0.6,
        prevClose: 3_000,
      },
    ];
    const out = surfaceVolOverrides(
      new Map([['BTC', surface]]),
      instruments,
      underlyings,
      'sticky-strike',
    );
    expect(Object.keys(out)).toEqual(['a']);
    expect(out.a?.source).toBe('svi sticky-strike');
  });

  it('rebuilds a SABR surface from its view too', () => {
    const s = bookSurfaceFromView(sabr.view as NonNullable<typeof sabr.view>);
    const sl = sabr.view?.slices[1];
    const p = sl?.market[4];
    if (!sl || !p) throw new Error('fixture');
    expect(surfaceVol(s, p.strike, sl.expiryMs, SPOT, 'sticky-strike')?.volAnnual).toBeCloseTo(
      p.fitIv,
      12,
    );
  });
});
