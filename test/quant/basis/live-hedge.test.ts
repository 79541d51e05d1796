/** Live basis metrics from spot prices, and the basis hedge applied to a small hand-made book. */
import { describe, expect, it } from 'vitest';
import { bookBasisHedge } from '../../../shared/quant/basis/book-hedge';
import type { FundamentalsState } from '../../../shared/quant/basis/holdings-timeline';
import { basisLive } from '../../../shared/quant/basis/live';

const f: FundamentalsState = {
  asOfDayMs: 0,
  source: 'recorded',
  btcHoldings: 847_363,
  sharesOutstanding: 371_614_000,
  debtUsd: 6.754e9,
  preferredUsd: 15.46e9,
  cashUsd: 2.55e9,
};

describe('basisLive', () => {
  it('computes mNAV, premium, enterprise mNAV, z and the hedge ratio from the live prices', () => {
    const live = basisLive({
      tsMs: 5,
      mstrSpotUsd: 93.056,
      btcSpotUsd: 60_307.98,
      fundamentals: f,
      ou: { mean: Math.log(0.75), stationaryStd: 0.25 },
      beta: 1.5,
    });
    const cap = 93.056 * 371_614_000;
    const nav = 847_363 * 60_307.98;
    expect(live.marketCapUsd).toBeCloseTo(cap, 3);
    expect(live.mNav).toBeCloseTo(cap / nav, 14);
    expect(live.premium).toBeCloseTo(cap / nav - 1, 14);
    expect(live.enterpriseMNav).toBeCloseTo((cap + 6.754e9 + 15.46e9 - 2.55e9) / nav, 14);
    expect(live.btcPerShare).toBeCloseTo(847_363 / 371_614_000, 16);
    expect(live.btcNavPerShareUsd).toBeCloseTo(nav / 371_614_000, 10);
    expect(live.zScore).toBeCloseTo((Math.log(cap / nav) - Math.log(0.75)) / 0.25, 12);
    expect(live.hedgeBtcPerShare).toBeCloseTo((1.5 * 93.056) / 60_307.98, 16);
  });

  it('reports null where the inputs are unknown and refuses non-positive prices', () => {
    const live = basisLive({
      tsMs: 5,
      mstrSpotUsd: 100,
      btcSpotUsd: 50_000,
      fundamentals: { ...f, debtUsd: null },
      ou: null,
      beta: null,
    });
    expect(live.enterpriseMNav).toBeNull();
    expect(live.zScore).toBeNull();
    expect(live.hedgeBtcPerShare).toBeNull();
    const base = { tsMs: 0, fundamentals: f, ou: null, beta: 1 };
    expect(() => basisLive({ ...base, mstrSpotUsd: 0, btcSpotUsd: 1 })).toThrow(/MSTR price/);
    expect(() => basisLive({ ...base, mstrSpotUsd: 1, btcSpotUsd: Number.NaN })).toThrow(
      /BTC price/,
    );
  });
});

describe('bookBasisHedge', () => {
  const risks = [
    { positionId: 's', instrumentId: 'ib:MSTR', underlying: 'MSTR', deltaUnits: 3000 },
    { positionId: 'c', instrumentId: 'ib:MSTR-C', underlying: 'MSTR', deltaUnits: 1500 },
    { positionId: 'p', instrumentId: 'ib:MSTR-P', underlying: 'MSTR', deltaUnits: 500 },
    { positionId: 'b', instrumentId: 'binance:BTC', underlying: 'BTC', deltaUnits: 2 },
    { positionId: 'f', instrumentId: 'binanceusdm:BTC-PERP', underlying: 'BTC', deltaUnits: -12 },
    { positionId: 'e', instrumentId: 'binanceusdm:ETH-PERP', underlying: 'ETH', deltaUnits: 30 },
  ];

  it('BTC to hedge the MSTR delta = -D h; residual = D h + BTC delta held', () => {
    // h = beta 1.5 x 200 / 50,000 = 0.006 BTC per share; D = 5000 shares -> 30 BTC-equivalent.
    const h = bookBasisHedge({
      risks,
      hedgeBtcPerShare: 0.006,
      mstrSpotUsd: 200,
      btcSpotUsd: 50_000,
    });
    expect(h.mstrDeltaShares).toBe(5000);
    expect(h.mstrDeltaUsd).toBe(1_000_000);
    expect(h.btcEquivalentOfMstr).toBeCloseTo(30, 12);
    expect(h.btcToHedgeMstr).toBeCloseTo(-30, 12);
    expect(h.bookBtcDelta).toBe(-10);
    expect(h.residualBtc).toBeCloseTo(20, 12);
    expect(h.residualUsd).toBeCloseTo(1_000_000, 6);
    expect(h.btcToTrade).toBeCloseTo(-20, 12);
    expect(h.coverage).toBeCloseTo(1 / 3, 12);
    expect(h.mstrLegs.map((l) => l.positionId)).toEqual(['s', 'c', 'p']);
    expect(h.btcLegs.map((l) => l.positionId)).toEqual(['b', 'f']);
  });

  it('a book without MSTR has no coverage figure and no negative zeros', () => {
    const h = bookBasisHedge({
      risks: risks.slice(3),
      hedgeBtcPerShare: 0.006,
      mstrSpotUsd: 200,
      btcSpotUsd: 50_000,
    });
    expect(h.coverage).toBeNull();
    expect(Object.is(h.btcToHedgeMstr, -0)).toBe(false);
    expect(h.residualBtc).toBe(-10);
    expect(() =>
      bookBasisHedge({ risks, hedgeBtcPerShare: Number.NaN, mstrSpotUsd: 1, btcSpotUsd: 1 }),
    ).toThrow(/hedge ratio/);
  });
});
