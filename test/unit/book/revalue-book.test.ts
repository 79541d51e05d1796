import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { revalueBook } from '../../../shared/quant/book/revalue-book';
import { americanGreeks } from '../../../shared/quant/american/index';
import { bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';
import { MS_PER_YEAR } from '../../../shared/domain/time';

const NOW = Date.UTC(2026, 10, 20, 12);
const T_MS = Math.round(0.25 * MS_PER_YEAR);
const btc: UnderlyingState = {
  underlying: 'BTC',
  tsMs: NOW,
  spot: 80_000,
  rate: 0.04,
  carryYield: 0.01,
  atmVol: 0.5,
  prevClose: 79_000,
};
const mstr: UnderlyingState = {
  underlying: 'MSTR',
  tsMs: NOW,
  spot: 200,
  rate: 0.04,
  carryYield: 0,
  atmVol: 0.7,
  prevClose: 190,
};

const deribitCall: Instrument = {
  id: 'deribit:C',
  venue: 'deribit',
  symbol: 'BTC/USD:BTC-C',
  underlying: 'BTC',
  quoteCurrency: 'BTC',
  kind: 'option',
  right: 'call',
  strike: 90_000,
  expiryMs: NOW + T_MS,
  style: 'european',
  multiplier: 1,
  settlement: 'inverse',
};
const mstrPut: Instrument = {
  id: 'ib:P',
  venue: 'ib',
  symbol: 'MSTR P',
  underlying: 'MSTR',
  quoteCurrency: 'USD',
  kind: 'option',
  right: 'put',
  strike: 180,
  expiryMs: NOW + T_MS,
  style: 'american',
  multiplier: 100,
  settlement: 'linear',
};
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
const stock: Instrument = {
  id: 'ib:MSTR',
  venue: 'ib',
  symbol: 'MSTR',
  underlying: 'MSTR',
  quoteCurrency: 'USD',
  kind: 'equity',
};

const forward = btc.spot * Math.exp((btc.rate - btc.carryYield) * 0.25);
const callUsd = bsmPrice({
  type: 'call',
  spot: forward,
  strike: 90_000,
  tYears: 0.25,
  rate: 0,
  carryYield: 0,
  volAnnual: 0.55,
});
const quotes: Quote[] = [
  {
    instrumentId: deribitCall.id,
    tsMs: NOW,
    mark: callUsd / forward,
    markIv: 0.55,
    index: forward,
    prevClose: (callUsd / forward) * 0.9,
  },
  { instrumentId: mstrPut.id, tsMs: NOW, mark: 12.5, markIv: 0.8, prevClose: 14 },
  { instrumentId: perp.id, tsMs: NOW, mark: 80_040, index: 80_000, prevClose: 79_030 },
  { instrumentId: stock.id, tsMs: NOW - 60_000, mark: 200, prevClose: 190 },
];
const pos = (id: string, instrumentId: string, quantity: number, avgPrice: number): Position => ({
  id,
  accountId: 'a',
  instrumentId,
  quantity,
  avgPrice,
  openedMs: NOW,
  leverage: 1,
});

function run(
  positions: Position[],
  instruments: Instrument[] = [deribitCall, mstrPut, perp, stock],
) {
  return revalueBook({
    asOfMs: NOW,
    positions,
    instruments,
    underlyings: [btc, mstr],
    quotes,
    staleAfterMs: 5_000,
  });
}

describe('book revaluation in desk units', () => {
  it('values a coin-settled option in USD as BSM with the forward basis and converts Greeks', () => {
    const [r] = run([pos('d', deribitCall.id, 10, 0.01)]);
    const b = Math.log(forward / btc.spot) / 0.25;
    const g = bsmGreeks({
      type: 'call',
      spot: btc.spot,
      strike: 90_000,
      tYears: 0.25,
      rate: b,
      carryYield: 0,
      volAnnual: 0.55,
    });
    expect(r?.marketValueUsd).toBeCloseTo(10 * (callUsd / forward) * btc.spot, 6);
    expect(r?.unrealizedPnlUsd).toBeCloseTo(10 * (callUsd / forward - 0.01) * btc.spot, 6);
    expect(r?.deltaUnits).toBeCloseTo(10 * g.delta, 9);
    expect(r?.deltaUsd).toBeCloseTo(10 * g.delta * btc.spot, 4);
    expect(r?.gammaUsdPer1Pct).toBeCloseTo((10 * g.gamma * btc.spot ** 2) / 100, 4);
    expect(r?.vegaUsdPerVolPt).toBeCloseTo((10 * g.vega) / 100, 6);
    expect(r?.thetaUsdPerDay).toBeCloseTo((10 * g.theta) / 365, 6);
    expect(r?.freshness).toBe('live');
  });

  it('uses the American engine for listed equity options', () => {
    const [r] = run([pos('p', mstrPut.id, -5, 10)]);
    const g = americanGreeks(
      {
        type: 'put',
        spot: 200,
        strike: 180,
        tYears: 0.25,
        rate: 0.04,
        carryYield: 0,
        volAnnual: 0.8,
      },
      'accurate',
    );
    expect(r?.deltaUnits).toBeCloseTo(-500 * g.delta, 6);
    expect(r?.marketValueUsd).toBeCloseTo(-5 * 100 * 12.5, 9);
    expect(r?.dayPnlUsd).toBeCloseTo(-5 * 100 * (12.5 - 14), 9);
  });

  it('values a perpetual by its unrealised P&L with delta in coins', () => {
    const [r] = run([pos('f', perp.id, -2, 81_000)]);
    expect(r?.marketValueUsd).toBeCloseTo(-2 * (80_040 - 81_000), 9);
    expect(r?.deltaUnits).toBe(-2);
    expect(r?.deltaUsd).toBeCloseTo(-2 * 80_000, 9);
    expect(r?.gammaUsdPer1Pct).toBe(0);
  });

  it('marks an old quote stale and an unknown instrument missing, never NaN', () => {
    const risks = run([pos('s', stock.id, 100, 150), pos('x', 'ib:NOPE', 5, 1)]);
    expect(risks[0]?.freshness).toBe('stale');
    expect(risks[0]?.note).toMatch(/60 s old/);
    expect(risks[1]?.freshness).toBe('missing');
    for (const r of risks)
      for (const v of Object.values(r))
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('reports zero Greeks for an expired option and keeps going', () => {
    const expired = { ...mstrPut, id: 'ib:EXP', expiryMs: NOW - 1000 };
    const [r] = revalueBook({
      asOfMs: NOW,
      positions: [pos('e', expired.id, 1, 1)],
      instruments: [expired],
      underlyings: [mstr],
      quotes: [],
      staleAfterMs: 5000,
    });
    expect(r?.note).toBe('expired');
    expect(r?.deltaUsd).toBe(0);
  });
});
