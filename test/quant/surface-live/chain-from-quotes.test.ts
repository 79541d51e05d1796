/** From a gateway chain (instruments + quotes) to the fitter's per-expiry chain. */
import { describe, expect, it } from 'vitest';
import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import { chainFromQuotes } from '../../../shared/quant/surface-live/chain-from-quotes';

const NOW = Date.UTC(2026, 10, 20, 8);
const E1 = Date.UTC(2026, 11, 25, 8);
const E2 = Date.UTC(2026, 10, 27, 8);
const btc: UnderlyingState = {
  underlying: 'BTC',
  tsMs: NOW,
  spot: 90_000,
  rate: 0.04,
  carryYield: 0.01,
  atmVol: 0.5,
  prevClose: 89_000,
};
const mstr: UnderlyingState = { ...btc, underlying: 'MSTR', spot: 250, rate: 0.045, carryYield: 0 };

function opt(
  u: string,
  right: 'call' | 'put',
  strike: number,
  expiryMs: number,
  inverse: boolean,
): OptionInstrument {
  return {
    id: `${u}-${expiryMs}-${strike}-${right}`,
    venue: inverse ? 'deribit' : 'ib',
    symbol: `${u} ${strike}`,
    underlying: u,
    quoteCurrency: inverse ? u : 'USD',
    kind: 'option',
    right,
    strike,
    expiryMs,
    style: inverse ? 'european' : 'american',
    multiplier: inverse ? 1 : 100,
    settlement: inverse ? 'inverse' : 'linear',
  };
}

describe('chainFromQuotes', () => {
  it('groups by expiry in time order with the median quoted forward and coin premiums in USD', () => {
    const a = opt('BTC', 'call', 95_000, E1, true);
    const b = opt('BTC', 'put', 85_000, E1, true);
    const c = opt('BTC', 'call', 100_000, E1, true);
    const d = opt('BTC', 'call', 92_000, E2, true);
    const quotes: Quote[] = [
      {
        instrumentId: a.id,
        tsMs: NOW,
        mark: 0.03,
        bid: 0.029,
        ask: 0.031,
        index: 90_400,
        bidIv: 0.5,
        askIv: 0.52,
        markIv: 0.51,
      },
      {
        instrumentId: b.id,
        tsMs: NOW,
        mark: 0.02,
        index: 90_500,
        markIv: 0.55,
        bidIv: 0,
        askIv: 0.57,
      },
      { instrumentId: c.id, tsMs: NOW, mark: 0.01, index: 90_800, markIv: 0.53 },
      { instrumentId: d.id, tsMs: NOW, mark: 0.01, index: 90_100, markIv: 0.48 },
    ];
    const chain = chainFromQuotes(
      { underlying: 'BTC', tsMs: NOW, instruments: [a, b, c, d], quotes },
      btc,
    );
    expect(chain.asOfMs).toBe(NOW);
    expect(chain.spot).toBe(90_000);
    expect(chain.expiries.map((e) => e.expiry)).toEqual(['2026-11-27', '2026-12-25']);
    const e1 = chain.expiries[1];
    expect(e1?.forward).toBe(90_500);
    expect(e1?.tYears).toBeCloseTo((E1 - NOW) / MS_PER_YEAR, 15);
    expect(e1?.quotes[0]).toEqual({
      strike: 95_000,
      type: 'call',
      bidIv: 0.5,
      askIv: 0.52,
      markIv: 0.51,
      bidPrice: 0.029 * 90_500,
      askPrice: 0.031 * 90_500,
    });
    // A zero bid vol means no bid.
    expect(e1?.quotes[1]).toEqual({ strike: 85_000, type: 'put', askIv: 0.57, markIv: 0.55 });
  });

  it('derives equity forwards from spot, rate and carry and passes no American premiums', () => {
    const p = opt('MSTR', 'put', 200, E1, false);
    const quotes: Quote[] = [
      { instrumentId: p.id, tsMs: NOW, mark: 12, bid: 11.9, ask: 12.1, bidIv: 0.7, askIv: 0.72 },
    ];
    const chain = chainFromQuotes(
      { underlying: 'MSTR', tsMs: NOW, instruments: [p], quotes },
      mstr,
    );
    const t = (E1 - NOW) / MS_PER_YEAR;
    expect(chain.expiries[0]?.forward).toBeCloseTo(250 * Math.exp(0.045 * t), 10);
    expect(chain.expiries[0]?.quotes[0]).toEqual({
      strike: 200,
      type: 'put',
      bidIv: 0.7,
      askIv: 0.72,
    });
  });

  it('leaves out expired options, options without a quote and other underlyings', () => {
    const live = opt('BTC', 'call', 95_000, E1, true);
    const expired = opt('BTC', 'call', 95_000, NOW - 1, true);
    const unquoted = opt('BTC', 'put', 80_000, E1, true);
    const other = opt('ETH', 'call', 3_000, E1, true);
    const perp: Instrument = {
      id: 'perp',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
      quoteCurrency: 'USDT',
      kind: 'perpetual',
      settlement: 'linear',
      contractSize: 1,
      fundingIntervalHours: 8,
    };
    const quotes: Quote[] = [live, expired, other, perp].map((i) => ({
      instrumentId: i.id,
      tsMs: NOW,
      mark: 1,
      markIv: 0.5,
      index: 90_300,
    }));
    const chain = chainFromQuotes(
      { underlying: 'BTC', tsMs: NOW, instruments: [live, expired, unquoted, other, perp], quotes },
      btc,
    );
    expect(chain.expiries).toHaveLength(1);
    expect(chain.expiries[0]?.quotes.map((q) => q.strike)).toEqual([95_000]);
  });

  it('refuses an underlying without a positive spot', () => {
    expect(() =>
      chainFromQuotes(
        { underlying: 'BTC', tsMs: NOW, instruments: [], quotes: [] },
        { ...btc, spot: 0 },
      ),
    ).toThrow(/positive spot/);
  });
});
