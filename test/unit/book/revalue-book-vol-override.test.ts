/**
 * The per-instrument vol override of revalueBook (the fitted surface's vols): Greeks at the
 * override vol, the sticky-delta smile term in delta, the fallback to the quote IV and then to the
 * underlying's ATM vol, and which one each position reports.
 */
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import { americanGreeks } from '../../../shared/quant/american/index';
import { revalueBook, type VolOverride } from '../../../shared/quant/book/revalue-book';
import { bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';

const NOW = Date.UTC(2026, 10, 20, 12);
const T = 0.25;
const btc: UnderlyingState = {
  underlying: 'BTC',
  tsMs: NOW,
  spot: 80_000,
  rate: 0.04,
  carryYield: 0.01,
  atmVol: 0.5,
  prevClose: 79_000,
};
const mstr: UnderlyingState = { ...btc, underlying: 'MSTR', spot: 200, carryYield: 0, atmVol: 0.7 };
const call: Instrument = {
  id: 'deribit:C',
  venue: 'deribit',
  symbol: 'BTC-C',
  underlying: 'BTC',
  quoteCurrency: 'BTC',
  kind: 'option',
  right: 'call',
  strike: 90_000,
  expiryMs: NOW + Math.round(T * MS_PER_YEAR),
  style: 'european',
  multiplier: 1,
  settlement: 'inverse',
};
const put: Instrument = {
  id: 'ib:P',
  venue: 'ib',
  symbol: 'MSTR P',
  underlying: 'MSTR',
  quoteCurrency: 'USD',
  kind: 'option',
  right: 'put',
  strike: 180,
  expiryMs: NOW + Math.round(T * MS_PER_YEAR),
  style: 'american',
  multiplier: 100,
  settlement: 'linear',
};
const noIv: Instrument = { ...call, id: 'deribit:NOIV', strike: 100_000 };
const forward = btc.spot * Math.exp((btc.rate - btc.carryYield) * T);
const mark =
  bsmPrice({
    type: 'call',
    spot: forward,
    strike: 90_000,
    tYears: T,
    rate: 0,
    carryYield: 0,
    volAnnual: 0.55,
  }) / forward;
const quotes: Quote[] = [
  { instrumentId: call.id, tsMs: NOW, mark, markIv: 0.55, index: forward },
  { instrumentId: put.id, tsMs: NOW, mark: 12.5, markIv: 0.8 },
  { instrumentId: noIv.id, tsMs: NOW, mark: 0.01, index: forward },
];
const pos = (id: string, instrumentId: string, quantity: number): Position => ({
  id,
  accountId: 'a',
  instrumentId,
  quantity,
  avgPrice: 0.01,
  openedMs: NOW,
  leverage: 1,
});

function run(positions: Position[], volOverrides?: Record<string, VolOverride>) {
  return revalueBook({
    asOfMs: NOW,
    positions,
    instruments: [call, put, noIv],
    underlyings: [btc, mstr],
    quotes,
    staleAfterMs: 5_000,
    ...(volOverrides ? { volOverrides } : {}),
  });
}

const basis = Math.log(forward / btc.spot) / T;
const callGreeks = (vol: number) =>
  bsmGreeks({
    type: 'call',
    spot: btc.spot,
    strike: 90_000,
    tYears: T,
    rate: basis,
    carryYield: 0,
    volAnnual: vol,
  });

describe('revalueBook with surface vol overrides', () => {
  it('prices Greeks at the override vol and keeps the market value on the quote', () => {
    const [plain] = run([pos('c', call.id, 10)]);
    const [r] = run([pos('c', call.id, 10)], { [call.id]: { volAnnual: 0.62 } });
    const g = callGreeks(0.62);
    expect(r?.iv).toBe(0.62);
    expect(r?.ivSource).toBe('surface');
    expect(r?.deltaUnits).toBeCloseTo(10 * g.delta, 10);
    expect(r?.gammaUsdPer1Pct).toBeCloseTo((10 * g.gamma * btc.spot ** 2) / 100, 6);
    expect(r?.vegaUsdPerVolPt).toBeCloseTo((10 * g.vega) / 100, 8);
    expect(r?.thetaUsdPerDay).toBeCloseTo((10 * g.theta) / 365, 8);
    expect(r?.marketValueUsd).toBeCloseTo(plain?.marketValueUsd ?? NaN, 9);
    expect(plain?.ivSource).toBe('quote');
    expect(plain?.iv).toBe(0.55);
    // A 7-point vol difference must move the Greeks, or the override did nothing.
    expect(Math.abs((r?.vegaUsdPerVolPt ?? 0) - (plain?.vegaUsdPerVolPt ?? 0))).toBeGreaterThan(1);
  });

  it('adds the sticky-delta smile term vega x dVol/dSpot to delta only', () => {
    const dVolDSpot = -2e-6;
    const [ss] = run([pos('c', call.id, 10)], { [call.id]: { volAnnual: 0.62, dVolDSpot: 0 } });
    const [sd] = run([pos('c', call.id, 10)], { [call.id]: { volAnnual: 0.62, dVolDSpot } });
    const g = callGreeks(0.62);
    expect(sd?.deltaUnits).toBeCloseTo(10 * (g.delta + g.vega * dVolDSpot), 10);
    expect((sd?.deltaUnits ?? 0) - (ss?.deltaUnits ?? 0)).toBeCloseTo(10 * g.vega * dVolDSpot, 10);
    expect(sd?.deltaUsd).toBeCloseTo((sd?.deltaUnits ?? NaN) * btc.spot, 4);
    expect(sd?.gammaUsdPer1Pct).toBeCloseTo(ss?.gammaUsdPer1Pct ?? NaN, 9);
    expect(sd?.vegaUsdPerVolPt).toBeCloseTo(ss?.vegaUsdPerVolPt ?? NaN, 9);
  });

  it('uses the override in the American engine for listed equity options', () => {
    const [r] = run([pos('p', put.id, -5)], { [put.id]: { volAnnual: 0.9 } });
    const g = americanGreeks(
      { type: 'put', spot: 200, strike: 180, tYears: T, rate: 0.04, carryYield: 0, volAnnual: 0.9 },
      'accurate',
    );
    expect(r?.ivSource).toBe('surface');
    expect(r?.deltaUnits).toBeCloseTo(-500 * g.delta, 6);
    expect(r?.vegaUsdPerVolPt).toBeCloseTo((-500 * g.vega) / 100, 6);
  });

  it('falls back to the quote IV, then to the ATM vol, and ignores unusable overrides', () => {
    const risks = run([pos('c', call.id, 1), pos('n', noIv.id, 1), pos('p', put.id, 1)], {
      [call.id]: { volAnnual: Number.NaN },
      [put.id]: { volAnnual: 0 },
      'deribit:OTHER': { volAnnual: 0.3 },
    });
    expect(risks.map((r) => r.ivSource)).toEqual(['quote', 'underlying', 'quote']);
    expect(risks.map((r) => r.iv)).toEqual([0.55, btc.atmVol, 0.8]);
    for (const r of risks)
      for (const v of Object.values(r))
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('reports no ivSource on non-option positions', () => {
    const perp: Instrument = {
      id: 'binanceusdm:BTC/USDT:USDT',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
      quoteCurrency: 'USDT',
      kind: 'perpetual',
      settlement: 'linear',
      contractSize: 1,
      fundingIntervalHours: 8,
    };
    const [r] = revalueBook({
      asOfMs: NOW,
      positions: [pos('f', perp.id, 1)],
      instruments: [perp],
      underlyings: [btc],
      quotes: [{ instrumentId: perp.id, tsMs: NOW, mark: 80_010 }],
      staleAfterMs: 5_000,
      volOverrides: { [perp.id]: { volAnnual: 0.5 } },
    });
    expect(r?.ivSource).toBeUndefined();
    expect(r?.iv).toBeUndefined();
    expect(r?.deltaUnits).toBe(1);
  });
});
