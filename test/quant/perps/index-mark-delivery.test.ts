import { describe, expect, it } from 'vitest';
import {
  adlLights,
  adlLightsWithoutPeers,
  adlScore,
  scorePercentile,
} from '../../../shared/quant/perps/adl';
import { futuresBasis, settlementPrice } from '../../../shared/quant/perps/delivery';
import { indexPrice } from '../../../shared/quant/perps/index-price';
import {
  basisMarkPrice,
  binanceMarkPrice,
  compareMark,
  ewmaBasis,
  movingAverageBasis,
} from '../../../shared/quant/perps/mark-price';

const MS_DAY = 86_400_000;

describe('index price with outlier protection against the median', () => {
  const quotes = [
    { source: 'a', price: 100, volume: 10 },
    { source: 'b', price: 101, volume: 30 },
    { source: 'c', price: 99, volume: 20 },
    { source: 'd', price: 100.5, volume: 40 },
    { source: 'e', price: 120, volume: 50 },
  ];

  it("'exclude': a lone outlier (> threshold from the median) gets weight 0; volume-weighted rest", () => {
    const r = indexPrice(quotes, { outlier: 'exclude', threshold: 0.05 });
    expect(r.median).toBe(100.5);
    expect(r.method).toBe('weighted');
    expect(r.price).toBeCloseTo((100 * 10 + 101 * 30 + 99 * 20 + 100.5 * 40) / 100, 12);
    expect(r.constituents.find((c) => c.source === 'e')).toMatchObject({
      outlier: true,
      weight: 0,
    });
  });

  it("'exclude' falls back to the median when more than one source deviates", () => {
    const r = indexPrice([...quotes, { source: 'f', price: 80, volume: 5 }], {
      outlier: 'exclude',
      threshold: 0.05,
    });
    expect(r.method).toBe('median');
    expect(r.price).toBe(r.median);
  });

  it("'cap' (Binance: 3%) clips the outlier to median x 1.03 and keeps its weight", () => {
    const r = indexPrice(quotes, { outlier: 'cap', threshold: 0.03 });
    const capped = 100.5 * 1.03;
    expect(r.price).toBeCloseTo(
      (100 * 10 + 101 * 30 + 99 * 20 + 100.5 * 40 + capped * 50) / 150,
      12,
    );
    // Binance's own example: median 20,000, +7% -> 20,600; -6% -> 19,400.
    const ex = indexPrice(
      [
        { source: 'x', price: 20_000 },
        { source: 'y', price: 20_000 },
        { source: 'z', price: 21_400 },
      ],
      { outlier: 'cap', threshold: 0.03 },
    );
    expect(ex.constituents[2]?.usedPrice).toBeCloseTo(20_600, 9);
  });

  it('equal weights without volumes; rejects an empty set', () => {
    expect(
      indexPrice(
        [
          { source: 'a', price: 10 },
          { source: 'b', price: 12 },
        ],
        { outlier: 'exclude', threshold: 0.5 },
      ).price,
    ).toBe(11);
    expect(() => indexPrice([], { outlier: 'cap', threshold: 0.03 })).toThrow();
  });
});

describe('mark price', () => {
  it('Binance: median of Price 1 (funding-adjusted index), Price 2 (index + MA basis), last price', () => {
    const input = {
      index: 60_000,
      lastFundingRate: 0.0001,
      hoursUntilFunding: 4,
      fundingIntervalHours: 8,
      maBasis: 15,
      lastPrice: 60_100,
    };
    const m = binanceMarkPrice(input);
    expect(m.price1).toBeCloseTo(60_000 * (1 + 0.0001 * 0.5), 9);
    expect(m.price2).toBe(60_015);
    expect(m.mark).toBe(60_015); // price1 = 60,003 < price2 < last
    expect(binanceMarkPrice({ ...input, lastPrice: 59_990 }).mark).toBeCloseTo(60_003, 9);
  });

  it('moving-average basis and the clamped basis mark; comparison with a reported mark', () => {
    const ma = movingAverageBasis([
      { bid: 100, ask: 102, index: 100 },
      { bid: 99, ask: 101, index: 100 },
    ]);
    expect(ma).toBe(0.5);
    expect(basisMarkPrice(100, ma, 0.05)).toBe(100.5);
    expect(basisMarkPrice(100, 20, 0.05)).toBeCloseTo(105, 12);
    expect(
      ewmaBasis(
        [
          { basis: 1, ageSeconds: 0 },
          { basis: 3, ageSeconds: 300 },
        ],
        300,
      ),
    ).toBeCloseTo((1 + 3 * Math.exp(-1)) / (1 + Math.exp(-1)), 12);
    const cmp = compareMark(67_510, 67_502.68519858, 5);
    expect(cmp.differenceBps).toBeCloseTo(((67_510 - 67_502.68519858) / 67_502.68519858) * 1e4, 9);
    expect(cmp.withinTolerance).toBe(true);
    expect(compareMark(67_600, 67_502.68519858, 5).withinTolerance).toBe(false);
  });
});

describe('delivery futures', () => {
  it('basis, simple and continuous annualised basis', () => {
    const b = futuresBasis(61_000, 60_000, 0, 73 * MS_DAY);
    expect(b.basis).toBe(1_000);
    expect(b.yearsToExpiry).toBeCloseTo(0.2, 15);
    expect(b.annualisedSimple).toBeCloseTo(1_000 / 60_000 / 0.2, 12);
    expect(b.annualisedContinuous).toBeCloseTo(Math.log(61_000 / 60_000) / 0.2, 12);
    expect(() => futuresBasis(1, 1, 10, 5)).toThrow();
  });

  it('settlement = time average of the index over the last window (Binance: 30 min of 1 s values)', () => {
    const delivery = 1_000_000_000;
    const window = 30 * 60_000;
    // Per-second samples of a linear ramp: the average is the ramp's midpoint value.
    const samples = Array.from({ length: 3600 }, (_, i) => ({
      tsMs: delivery - 3600_000 + i * 1000,
      price: 50_000 + i,
    }));
    const r = settlementPrice(samples, delivery, window);
    // The last 1800 seconds hold prices 50,000 + 1800 .. 50,000 + 3599.
    expect(r.price).toBeCloseTo(50_000 + (1800 + 3599) / 2, 9);
    expect(r.coverage).toBe(1);
    // Irregular spacing is weighted by time held, not by count.
    const step = settlementPrice(
      [
        { tsMs: delivery - window - 5, price: 10 },
        { tsMs: delivery - window / 4, price: 20 },
      ],
      delivery,
      window,
    );
    expect(step.price).toBeCloseTo(10 * 0.75 + 20 * 0.25, 12);
  });
});

describe('ADL rank indicator (Binance-style score)', () => {
  it('score = PnL% x effective leverage when profitable, PnL% / effective leverage otherwise', () => {
    const win = adlScore({
      side: 'long',
      quantity: 1,
      entryPrice: 50_000,
      markPrice: 55_000,
      marginBalance: 11_000,
    });
    expect(win.pnlPct).toBeCloseTo(0.1, 15);
    expect(win.effectiveLeverage).toBeCloseTo(5, 15);
    expect(win.score).toBeCloseTo(0.5, 15);
    const lose = adlScore({
      side: 'short',
      quantity: 1,
      entryPrice: 50_000,
      markPrice: 55_000,
      marginBalance: 11_000,
    });
    expect(lose.score).toBeCloseTo(-0.1 / 5, 15);
  });

  it('lights by quintile of the peer distribution (5 = first in the queue)', () => {
    const peers = Array.from({ length: 100 }, (_, i) => i / 10);
    expect(adlLights(scorePercentile(9.95, peers))).toBe(5);
    expect(adlLights(scorePercentile(-1, peers))).toBe(1);
    expect(adlLights(scorePercentile(5, peers))).toBe(3);
    expect(adlLightsWithoutPeers(-0.1)).toBe(1);
    expect(adlLightsWithoutPeers(6)).toBe(5);
  });
});
