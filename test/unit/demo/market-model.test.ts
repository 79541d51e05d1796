import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { DemoDesk } from '../../../src-main/venues/demo/demo-desk';
import { spotOf, stepMarket, type MarketState } from '../../../shared/sim/market-model';

const initial: MarketState = {
  btc: { logSpot: Math.log(90_000), variance: 0.5 ** 2 },
  eth: { logSpot: Math.log(3_000), variance: 0.6 ** 2 },
  qqq: { logSpot: Math.log(600), variance: 0.2 ** 2 },
  mstrLogMnav: Math.log(1.4),
  mstrBtcPerShare: 0.0022,
  perpPremium: 0.0002,
  premiumSum: 0,
  premiumCount: 0,
  steps: 0,
};
const prevClose = { BTC: 90_000, ETH: 3_000, MSTR: 277, QQQ: 600 };

function path(seed: number, steps: number, dtMs: number): number[] {
  const rng = createRng(seed);
  let s = initial;
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    s = stepMarket(s, dtMs, rng);
    out.push(spotOf(s, 'BTC'), spotOf(s, 'MSTR'), spotOf(s, 'QQQ'));
  }
  return out;
}

describe('demo market model', () => {
  it('gives the same path for the same seed and a different one for another seed', () => {
    const a = path(11, 500, 250);
    expect(path(11, 500, 250)).toEqual(a);
    expect(path(12, 500, 250)).not.toEqual(a);
  });

  it('keeps MSTR equal to mNAV x BTC per share x BTC', () => {
    const rng = createRng(3);
    let s = initial;
    for (let i = 0; i < 200; i++) s = stepMarket(s, 60_000, rng);
    const nav = s.mstrBtcPerShare * spotOf(s, 'BTC');
    expect(spotOf(s, 'MSTR') / nav).toBeCloseTo(Math.exp(s.mstrLogMnav), 12);
  });

  it('mean-reverts the MSTR premium toward its long-run level over months', () => {
    const rng = createRng(5);
    let s: MarketState = { ...initial, mstrLogMnav: Math.log(3) };
    for (let i = 0; i < 365; i++) s = stepMarket(s, 86_400_000, rng);
    expect(Math.abs(s.mstrLogMnav - Math.log(1.2))).toBeLessThan(
      Math.abs(Math.log(3) - Math.log(1.2)),
    );
  });

  it('produces realistic daily BTC volatility (annualised 25%..120%)', () => {
    const rng = createRng(9);
    let s = initial;
    const r: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const before = s.btc.logSpot;
      s = stepMarket(s, 86_400_000, rng);
      r.push(s.btc.logSpot - before);
    }
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const vol = Math.sqrt((r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1)) * 365);
    expect(vol).toBeGreaterThan(0.25);
    expect(vol).toBeLessThan(1.2);
  });
});

describe('demo desk gateway', () => {
  const make = () =>
    new DemoDesk({
      seed: 21,
      startMs: Date.UTC(2026, 10, 20, 12),
      initial,
      prevClose,
      tickMs: 250,
      schedule: () => () => undefined,
    });

  it('is deterministic tick by tick, whatever the wall clock', () => {
    const a = make();
    const b = make();
    for (let i = 0; i < 100; i++) a.tick();
    b.catchUp(Date.UTC(2026, 10, 20, 12) + 100 * 250);
    expect(b.latest().underlyings).toEqual(a.latest().underlyings);
  });

  it('quotes option chains with bid <= mark <= ask and positive implied vols', async () => {
    const desk = make();
    for (const u of ['BTC', 'MSTR', 'QQQ']) {
      const chain = await desk.getChain(u);
      expect(chain.quotes.length).toBeGreaterThan(50);
      for (const q of chain.quotes) {
        expect(q.mark).toBeGreaterThan(0);
        expect(q.ask).toBeGreaterThanOrEqual(q.mark * (1 - 1e-9));
        if (q.bid !== undefined) expect(q.bid).toBeLessThanOrEqual(q.mark * (1 + 1e-9));
        expect(q.markIv).toBeGreaterThan(0.05);
        expect(q.markIv).toBeLessThan(3);
      }
    }
  });

  it('quotes the BTC perpetual with a mark near the index and a clamped funding rate', () => {
    const desk = make();
    const perp = {
      id: 'binanceusdm:BTC/USDT:USDT',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
      quoteCurrency: 'USDT',
      kind: 'perpetual',
      settlement: 'linear',
      contractSize: 1,
      fundingIntervalHours: 8,
    } as const;
    desk.subscribe([perp]);
    for (let i = 0; i < 40; i++) desk.tick();
    const q = desk.latest().quotes[0];
    expect(q?.index).toBeGreaterThan(0);
    expect(Math.abs((q?.mark ?? 0) / (q?.index ?? 1) - 1)).toBeLessThan(0.01);
    expect(Math.abs(q?.fundingRate ?? 1)).toBeLessThanOrEqual(0.0075);
  });

  it('refuses chains for underlyings it does not list', async () => {
    await expect(make().getChain('DOGE')).rejects.toThrow(/no options/);
  });
});
