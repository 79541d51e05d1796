/**
 * Cerberus' index and mark against formulas written out by hand: Binance's capped index and its
 * median-of-three mark, the exclusion rule and the basis mark for the other venues, staleness,
 * the 30 s basis window and the flag beyond the tolerance.
 */
import { describe, expect, it } from 'vitest';
import type { FundingSnapshot, MarkInputs, PerpMarket } from '../../../shared/domain/derivatives';
import {
  cerberusIndex,
  markCheck,
  pushBasisSample,
  type BasisSample,
} from '../../../shared/quant/perps-live/mark-check';
import { BTC_USDT } from './margin-fixtures';

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const OKX_BTC: PerpMarket = { ...BTC_USDT, instrumentId: 'okx:BTC/USDT:USDT', venue: 'okx' };

function inputs(prices: number[], ages: number[] = prices.map(() => 0)): MarkInputs {
  return {
    instrumentId: BTC_USDT.instrumentId,
    tsMs: NOW,
    bid: 90_009,
    ask: 90_011,
    lastPrice: 90_012,
    constituents: prices.map((price, i) => ({
      source: `s${i}`,
      price,
      weight: [0.3, 0.2, 0.2, 0.3][i] ?? 0.1,
      tsMs: NOW - (ages[i] ?? 0),
    })),
  };
}

const snap: FundingSnapshot = {
  instrumentId: BTC_USDT.instrumentId,
  tsMs: NOW,
  markPrice: 90_010,
  indexPrice: 90_000,
  fundingRate: 0.0001,
  nextFundingMs: NOW + 2 * 3_600_000,
  intervalHours: 8,
};

describe("Cerberus' index", () => {
  it('Binance BTC: a constituent beyond 1% of the median is capped there, weights kept', () => {
    const prices = [90_000, 90_010, 89_990, 92_700];
    const r = cerberusIndex(BTC_USDT, inputs(prices), 90_000, NOW);
    const median = (90_000 + 90_010) / 2;
    const capped = [90_000, 90_010, 89_990, median * 1.01];
    const w = [0.3, 0.2, 0.2, 0.3];
    expect(r.from).toBe('constituents');
    expect(r.price).toBeCloseTo(
      capped.reduce((s, p, i) => s + p * (w[i] as number), 0),
      8,
    );
    expect(r.constituents[3]).toMatchObject({ outlier: true, weight: 0.3 });
  });

  it('OKX (assumed rule): an outlier beyond 3% gets no weight', () => {
    const r = cerberusIndex(OKX_BTC, inputs([90_000, 90_010, 89_990, 95_000]), 90_000, NOW);
    expect(r.price).toBeCloseTo((90_000 * 0.3 + 90_010 * 0.2 + 89_990 * 0.2) / 0.7, 8);
    expect(r.constituents[3]).toMatchObject({ outlier: true, weight: 0 });
  });

  it('drops stale constituents and falls back to the reported index without any', () => {
    const r = cerberusIndex(OKX_BTC, inputs([90_000, 90_100], [0, 11_000]), 90_050, NOW);
    expect(r.price).toBe(90_000);
    expect(r.constituents[1]?.stale).toBe(true);
    const none = cerberusIndex(OKX_BTC, { instrumentId: 'x', tsMs: NOW }, 90_050, NOW);
    expect(none).toMatchObject({ price: 90_050, from: 'reported', method: 'reported' });
  });
});

describe("Cerberus' mark", () => {
  const samples: BasisSample[] = Array.from({ length: 30 }, (_, i) => ({
    tsMs: NOW - (29 - i) * 1000,
    bid: 90_005 + i,
    ask: 90_007 + i,
    index: 90_000,
  }));
  const maBasis = samples.reduce((s, x) => s + (x.bid + x.ask) / 2 - x.index, 0) / 30;

  it('Binance: median of index x (1 + r t / T), index + MA basis and the last price', () => {
    const ins = inputs([90_000, 90_000, 90_000, 90_000]);
    const m = markCheck(BTC_USDT, snap, ins, samples, NOW);
    const p1 = 90_000 * (1 + (0.0001 * 2) / 8);
    const p2 = 90_000 + maBasis;
    const expected = [p1, p2, 90_012].sort((a, b) => a - b)[1] as number;
    expect(m.markMethod).toBe('binance');
    expect(m.binance?.price1).toBeCloseTo(p1, 9);
    expect(m.binance?.price2).toBeCloseTo(p2, 9);
    expect(m.computedMark).toBeCloseTo(expected, 9);
    expect(m.diffBps).toBeCloseTo((expected / 90_010 - 1) * 1e4, 9);
    expect(m.flagged).toBe(false);
    expect(m.basisSamples).toBe(30);
  });

  it('other venues: index + MA basis, clamped to 5%; flagged beyond 10 bp', () => {
    const ins = inputs([90_000, 90_000, 90_000, 90_000]);
    const m = markCheck(
      OKX_BTC,
      { ...snap, instrumentId: OKX_BTC.instrumentId },
      ins,
      samples,
      NOW,
    );
    expect(m.markMethod).toBe('basis');
    expect(m.computedMark).toBeCloseTo(90_000 + maBasis, 9);
    const off = markCheck(OKX_BTC, { ...snap, markPrice: 90_200 }, ins, samples, NOW);
    expect(off.diffBps).toBeCloseTo(((90_000 + maBasis) / 90_200 - 1) * 1e4, 9);
    expect(off.flagged).toBe(true);
    expect(off.indexFlagged).toBe(false);
    const moved = markCheck(OKX_BTC, { ...snap, indexPrice: 89_900 }, ins, samples, NOW);
    expect(moved.indexDiffBps).toBeCloseTo((90_000 / 89_900 - 1) * 1e4, 9);
    expect(moved.indexFlagged).toBe(true);
  });

  it('keeps a 30 s window of basis samples, one per instant', () => {
    let w: BasisSample[] = [];
    for (let t = 0; t <= 40; t++)
      w = pushBasisSample(w, { tsMs: NOW + t * 1000, bid: 1, ask: 2, index: 1 });
    expect(w).toHaveLength(30);
    expect(w[0]?.tsMs).toBe(NOW + 11_000);
    w = pushBasisSample(w, { tsMs: NOW + 40_000, bid: 3, ask: 4, index: 1 });
    expect(w).toHaveLength(30);
    expect(w.at(-1)?.bid).toBe(3);
  });
});
