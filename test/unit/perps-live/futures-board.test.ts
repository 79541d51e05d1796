/**
 * Dated futures rows: basis and annualised basis by hand, and the delivery-price estimate inside
 * the settlement window (time average of what was seen, the current index held to delivery).
 */
import { describe, expect, it } from 'vitest';
import type { FutureMarket, FutureSnapshot } from '../../../shared/domain/derivatives';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import { futureRow, keepsIndexSamples } from '../../../shared/quant/perps-live/futures-board';

const EXPIRY = Date.UTC(2026, 11, 25, 8);
const market: FutureMarket = {
  instrumentId: 'deribit:BTC/USD:BTC-261225',
  venue: 'deribit',
  symbol: 'BTC/USD:BTC-261225',
  underlying: 'BTC',
  settlement: 'inverse',
  contractSize: 10,
  expiryMs: EXPIRY,
  settlementWindowMinutes: 30,
};
const snap = (tsMs: number, mark: number, index: number): FutureSnapshot => ({
  instrumentId: market.instrumentId,
  tsMs,
  markPrice: mark,
  indexPrice: index,
});

describe('futures rows', () => {
  it('basis, simple and continuous annualised basis, days to expiry', () => {
    const now = Date.UTC(2026, 10, 22, 6);
    const r = futureRow(market, snap(now, 91_000, 90_000), [], now);
    const tau = (EXPIRY - now) / MS_PER_YEAR;
    expect(r?.basis).toBe(1_000);
    expect(r?.annualisedSimple).toBeCloseTo((91_000 / 90_000 - 1) / tau, 12);
    expect(r?.annualisedContinuous).toBeCloseTo(Math.log(91_000 / 90_000) / tau, 12);
    expect(r?.daysToExpiry).toBeCloseTo((EXPIRY - now) / 86_400_000, 12);
    expect(r?.settlementEstimate).toBeNull();
    expect(futureRow(market, snap(EXPIRY, 1, 1), [], EXPIRY)).toBeNull();
  });

  it('before the window the estimate is the current index; none observed', () => {
    const now = EXPIRY - 3 * 3_600_000;
    const r = futureRow(market, snap(now, 90_100, 90_050), [], now);
    expect(r?.settlementEstimate).toMatchObject({
      estimate: 90_050,
      observedShare: 0,
      inWindow: false,
      windowStartMs: EXPIRY - 30 * 60_000,
    });
    expect(keepsIndexSamples(market, now)).toBe(false);
    expect(keepsIndexSamples(market, EXPIRY - 31 * 60_000)).toBe(true);
  });

  it('ten minutes into the window: seen average for 10 min, current index for the 20 left', () => {
    const start = EXPIRY - 30 * 60_000;
    const now = start + 10 * 60_000;
    // Index samples each second from a minute before the window, a ramp 90,000 -> 90,660.
    const samples = Array.from({ length: 661 }, (_, i) => ({
      tsMs: start - 60_000 + i * 1000,
      price: 90_000 + i,
    }));
    const inWindow = samples.filter((s) => s.tsMs >= start && s.tsMs < now);
    const seenAvg = inWindow.reduce((s, x) => s + x.price, 0) / inWindow.length;
    const r = futureRow(market, snap(now, 90_700, 90_660), samples.slice(0, -1), now);
    expect(r?.settlementEstimate?.inWindow).toBe(true);
    expect(r?.settlementEstimate?.estimate).toBeCloseTo((seenAvg * 10 + 90_660 * 20) / 30, 6);
    expect(r?.settlementEstimate?.observedShare).toBeCloseTo(1 / 3, 12);
    expect(r?.settlementEstimate?.samples).toBe(600);
  });
});
