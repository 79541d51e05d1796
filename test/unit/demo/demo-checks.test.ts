/**
 * The demo desk's additions for the carry and mark checks and the portfolio-margin switch:
 * simulated index constituents (dispersion, outliers), dated futures priced on the forward the
 * desk's Deribit options use and valued in the book, and uniMMR with spot collateral.
 */
import { describe, expect, it } from 'vitest';
import type { FutureInstrument } from '../../../shared/domain/instrument';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import { revalueBook } from '../../../shared/quant/book/revalue-book';
import { marginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import { demoConstituents, outlierOf } from '../../../shared/sim/demo-index';
import { demoFutures } from '../../../shared/sim/demo-futures';
import { quoteInstrument } from '../../../shared/sim/demo-quotes';
import { deribitOption } from '../../../shared/sim/demo-instruments';
import type { MarketState } from '../../../shared/sim/market-model';
import { DemoDerivativesSource } from '../../../src-main/venues/demo/demo-derivatives';
import { DemoDesk } from '../../../src-main/venues/demo/demo-desk';
import { createSampleBook } from '../../../src-main/venues/demo/sample-book';
import { ASSETS_DIR } from '../../helpers/services-harness';

const NOW = Date.UTC(2026, 10, 22, 6);
const initial: MarketState = {
  btc: { logSpot: Math.log(90_000), variance: 0.5 ** 2 },
  eth: { logSpot: Math.log(3_000), variance: 0.6 ** 2 },
  qqq: { logSpot: Math.log(600), variance: 0.2 ** 2 },
  mstrLogMnav: Math.log(1.4),
  mstrBtcPerShare: 0.0022,
  perpPremium: 0.0004,
  premiumSum: 0,
  premiumCount: 0,
  steps: 0,
};

function setUp() {
  const desk = new DemoDesk({
    seed: 4,
    startMs: NOW,
    initial,
    prevClose: { BTC: 90_000, ETH: 3_000, MSTR: 277, QQQ: 600 },
    schedule: () => () => undefined,
  });
  const book = createSampleBook(desk.view());
  const source = new DemoDerivativesSource({
    desk,
    assetsDir: ASSETS_DIR,
    seed: 4,
    book: () => book,
  });
  return { desk, book, source };
}

describe('demo index constituents', () => {
  it('four venues within a few bp of spot, deterministic, with an outlier now and then', () => {
    const a = demoConstituents(4, 'BTC', NOW + 1234, 90_000);
    expect(a).toEqual(demoConstituents(4, 'BTC', NOW + 1234, 90_000));
    expect(a.map((c) => c.source)).toEqual(['Coinbase', 'Kraken', 'Bitstamp', 'OKX spot']);
    expect(a.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    let n = 0;
    let sum2 = 0;
    let windows = 0;
    let withOutlier = 0;
    for (let t = 0; t < 2 * 86_400_000; t += 600_000) {
      windows++;
      const o = outlierOf(4, 'BTC', NOW + t);
      if (o) {
        withOutlier++;
        expect(o.endMs - o.startMs).toBeGreaterThanOrEqual(30_000);
        expect(o.endMs - o.startMs).toBeLessThanOrEqual(120_000);
        expect(Math.abs(o.deviation)).toBeGreaterThanOrEqual(0.003);
        expect(Math.abs(o.deviation)).toBeLessThanOrEqual(0.025);
      }
      for (let s = 0; s < 600_000; s += 61_000) {
        const tt = NOW + t + s;
        const oo = outlierOf(4, 'BTC', tt);
        for (const [i, c] of demoConstituents(4, 'BTC', tt, 90_000).entries()) {
          if (oo && oo.sourceIndex === i && tt >= oo.startMs && tt < oo.endMs) continue;
          sum2 += (c.price / 90_000 - 1) ** 2;
          n++;
        }
      }
    }
    // Offset sd 1 bp + noise sd 1 bp: about 1.4 bp overall.
    expect(Math.sqrt(sum2 / n) * 1e4).toBeGreaterThan(1.1);
    expect(Math.sqrt(sum2 / n) * 1e4).toBeLessThan(1.8);
    expect(withOutlier / windows).toBeGreaterThan(0.18);
    expect(withOutlier / windows).toBeLessThan(0.42);
  });
});

describe('demo dated futures', () => {
  it('Deribit monthly + quarterlies (inverse) and Binance quarterlies (linear) on 2026-11-22', () => {
    const f = demoFutures(NOW);
    expect(f.map((x) => x.id)).toEqual([
      'deribit:BTC/USD:BTC-261127',
      'deribit:BTC/USD:BTC-261225',
      'deribit:BTC/USD:BTC-270326',
      'deribit:BTC/USD:BTC-270625',
      'binanceusdm:BTC/USDT:USDT-261225',
      'binanceusdm:BTC/USDT:USDT-270326',
    ]);
    expect(f[0]).toMatchObject({ settlement: 'inverse', contractSize: 10 });
    expect(f[0]?.expiryMs).toBe(Date.UTC(2026, 10, 27, 8));
    expect(f[4]).toMatchObject({ settlement: 'linear', contractSize: 1 });
  });

  it("Deribit futures trade at the forward of the desk's options of the same expiry", () => {
    const { desk, source } = setUp();
    const view = desk.view();
    const fut = source.listFutures().find((m) => m.instrumentId === 'deribit:BTC/USD:BTC-261225');
    const snap = source.futureSnapshot('deribit:BTC/USD:BTC-261225');
    const opt = quoteInstrument(
      deribitOption('BTC', 'call', 90_000, fut?.expiryMs as number),
      view,
    );
    expect(snap?.markPrice).toBeCloseTo(opt?.index as number, 6);
    const tau = ((fut?.expiryMs as number) - view.tsMs) / MS_PER_YEAR;
    expect(snap?.markPrice).toBeCloseTo(view.spot.BTC * Math.exp(0.05 * tau), 6);
    const bin = source.futureSnapshot('binanceusdm:BTC/USDT:USDT-261225');
    expect(bin?.markPrice).toBeCloseTo(view.spot.BTC * Math.exp(0.054 * tau), 6);
    expect(snap?.indexPrice).toBe(view.spot.BTC);
  });

  it('a held future is valued in the book as a linear / inverse contract at its quote', () => {
    const { desk } = setUp();
    const view = desk.view();
    const [inv, , , , lin] = demoFutures(NOW) as FutureInstrument[];
    const quotes = [inv, lin].map((i) => quoteInstrument(i as FutureInstrument, view));
    const risks = revalueBook({
      asOfMs: view.tsMs,
      positions: [
        {
          id: 'a',
          accountId: 'x',
          instrumentId: inv?.id as string,
          quantity: -1000,
          avgPrice: 91_000,
          openedMs: 0,
          leverage: 5,
        },
        {
          id: 'b',
          accountId: 'x',
          instrumentId: lin?.id as string,
          quantity: 2,
          avgPrice: 90_500,
          openedMs: 0,
          leverage: 5,
        },
      ],
      instruments: [inv as FutureInstrument, lin as FutureInstrument],
      underlyings: [
        {
          underlying: 'BTC',
          tsMs: view.tsMs,
          spot: view.spot.BTC,
          rate: 0.04,
          carryYield: -0.01,
          atmVol: 0.5,
          prevClose: 90_000,
        },
      ],
      quotes: quotes.filter((q) => q !== undefined),
      staleAfterMs: 5_000,
    });
    const invMark = quotes[0]?.mark as number;
    const linMark = quotes[1]?.mark as number;
    // Short 1,000 x 10 USD from 91,000: coin P&L -10,000 x (1/91,000 - 1/mark), worth the mark.
    expect(risks[0]?.unrealizedPnlUsd).toBeCloseTo(
      -10_000 * (1 / 91_000 - 1 / invMark) * invMark,
      6,
    );
    expect(risks[1]?.unrealizedPnlUsd).toBeCloseTo(2 * (linMark - 90_500), 6);
    expect(risks[1]?.price).toBe(linMark);
  });
});

describe('demo portfolio margin', () => {
  it('the switch makes the Binance account portfolio-margin with its spot BTC as collateral', async () => {
    const { source, desk, book } = setUp();
    source.setMarginSystem('demo-binance', 'portfolio');
    const states = await source.accountStates();
    const binance = states.find((s) => s.accountId === 'demo-binance');
    expect(binance?.marginSystem).toBe('portfolio');
    expect(binance?.collateral).toEqual([
      { asset: 'BTC', amount: 2, price: desk.view().spot.BTC, collateralRate: 0.95 },
    ]);
    expect(states.find((s) => s.accountId === 'demo-deribit')?.marginSystem).toBeUndefined();
    const r = marginAccountReport({
      account: binance!,
      name: 'b',
      markets: source.listPerps(),
      brackets: Object.fromEntries(
        await Promise.all(
          binance!.positions.map(async (p) => [
            p.instrumentId,
            await source.marginBrackets(p.instrumentId),
          ]),
        ),
      ),
      vols: {},
    });
    expect(r?.portfolioMargin?.uniMmr).toBeCloseTo(
      (r!.marginBalance + 2 * 0.95 * desk.view().spot.BTC) / r!.maintenanceMargin,
      9,
    );
    expect(book.instruments.some((i) => i.kind === 'spot')).toBe(true);
    source.setMarginSystem('demo-binance', 'standard');
    expect((await source.accountStates())[0]?.marginSystem).toBeUndefined();
  });
});
