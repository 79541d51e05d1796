/** Inverse (coin-settled) perpetuals in the book: P&L in coin at the mark, worth USD at the mark. */
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/domain/instrument';
import { revalueBook } from '../../../shared/quant/book/revalue-book';
import { unrealisedPnl } from '../../../shared/quant/perps/position-math';

const NOW = Date.UTC(2026, 10, 22, 12);
const btcPerp: Instrument = {
  id: 'deribit:BTC/USD:BTC',
  venue: 'deribit',
  symbol: 'BTC/USD:BTC',
  underlying: 'BTC',
  quoteCurrency: 'USD',
  kind: 'perpetual',
  settlement: 'inverse',
  contractSize: 10,
  fundingIntervalHours: 8,
};

function risk(quantity: number, avgPrice: number, mark: number, prevClose: number) {
  const [r] = revalueBook({
    asOfMs: NOW,
    positions: [
      {
        id: 'p',
        accountId: 'a',
        instrumentId: btcPerp.id,
        quantity,
        avgPrice,
        openedMs: NOW,
        leverage: 10,
      },
    ],
    instruments: [btcPerp],
    underlyings: [
      {
        underlying: 'BTC',
        tsMs: NOW,
        spot: mark,
        rate: 0.04,
        carryYield: -0.01,
        atmVol: 0.5,
        prevClose,
      },
    ],
    quotes: [{ instrumentId: btcPerp.id, tsMs: NOW, mark, index: mark, prevClose }],
    staleAfterMs: 5_000,
  });
  if (!r) throw new Error('no risk');
  return r;
}

describe('inverse perpetual in the book', () => {
  it('unrealised P&L is the coin P&L of the face value times the mark', () => {
    // 40,000 contracts of 10 USD short, sold at 64,800, marked at 65,772.
    const r = risk(-40_000, 64_800, 65_772, 66_200);
    const coin = unrealisedPnl(
      { type: 'inverse', contractSize: 10 },
      'short',
      40_000,
      64_800,
      65_772,
    );
    expect(r.unrealizedPnlUsd).toBeCloseTo(coin * 65_772, 6);
    expect(r.unrealizedPnlUsd).toBeCloseTo(-400_000 * (65_772 / 64_800 - 1), 6);
    expect(r.marketValueUsd).toBeCloseTo(r.unrealizedPnlUsd, 9);
    const dayCoin = unrealisedPnl(
      { type: 'inverse', contractSize: 10 },
      'short',
      40_000,
      66_200,
      65_772,
    );
    expect(r.dayPnlUsd).toBeCloseTo(dayCoin * 65_772, 6);
    // Delta stays the face value converted at entry (the portfolio's linear treatment).
    expect(r.deltaUnits).toBeCloseTo(-400_000 / 64_800, 9);
  });

  it('a long gains as the price rises, by face x (1 - entry / mark)', () => {
    const r = risk(1_000, 50_000, 60_000, 60_000);
    expect(r.unrealizedPnlUsd).toBeCloseTo(10_000 * (1 - 50_000 / 60_000) * (60_000 / 50_000), 6);
    expect(r.dayPnlUsd).toBe(0);
  });
});
