import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeribitChainCsv } from '../../../shared/quant/surface/deribit-chain';
import { fitChain, type ChainFit } from '../../../shared/quant/surface/fit-chain';

/**
 * Real Deribit BTC chains (test/fixtures/data). Fit target: Deribit's mark_iv; quotes used: the
 * out-of-the-money side of each strike with a bid and an ask. "Liquid" (fit-quality.ts): >= 10
 * two-sided strikes and a median bid/ask spread <= 5 vol points.
 *
 * 2020-05-14, SVI, RMSE vs mark in vol points (spread weights), as measured:
 *   05-14 (2 hours left) unusable: 4 two-sided strikes
 *   05-15  3.54 (illiquid: median spread 17.4; the marks have a kink raw SVI cannot follow --
 *               an independent scipy 5-parameter least squares reaches 3.40 at best)
 *   05-22  0.82 (median spread 5.4)   05-29 0.75   06-26 0.96   09-25 0.57   12-25 0.16
 * 2020-05-21: 06-26 is liquid yet at 1.44: its marks are not smooth and sit outside the
 *   bid/ask at 10000 and 10500 (mark 81.64 vs ask 80.69); the fit stays inside for 72%.
 */
const root = process.cwd();
const read = (date: string) =>
  parseDeribitChainCsv(
    readFileSync(`${root}/test/fixtures/data/deribit_btc_options_${date}_raw.csv`, 'utf8'),
  );

function liquidLabels(fit: ChainFit): string[] {
  return fit.expiries.filter((e) => e.liquidity.liquid).map((e) => e.expiry);
}

describe('Deribit chain reader', () => {
  it('reads the 2020-05-14 snapshot: 310 rows, 7 expiries, vols from percent, no-bid / capped asks dropped', () => {
    const { chain, rowErrors } = read('2020-05-14');
    expect(rowErrors).toEqual([]);
    expect(chain.underlying).toBe('BTC');
    expect(chain.expiries.map((e) => e.expiry)).toEqual([
      '2020-05-14',
      '2020-05-15',
      '2020-05-22',
      '2020-05-29',
      '2020-06-26',
      '2020-09-25',
      '2020-12-25',
    ]);
    expect(chain.expiries.reduce((n, e) => n + e.quotes.length, 0)).toBe(310);
    expect(chain.spot).toBeGreaterThan(9340);
    expect(chain.spot).toBeLessThan(9360);
    const may14 = chain.expiries[0];
    // 08:00 UTC expiry, snapshot around 05:42 UTC.
    expect((may14?.tYears ?? 0) * 365 * 24).toBeCloseTo(2.29, 1);
    const c8875 = may14?.quotes.find((q) => q.strike === 8875 && q.type === 'call');
    expect(c8875?.bidIv).toBeUndefined(); // bid_iv = 0: no bid
    expect(c8875?.askIv).toBeCloseTo(3.6973, 12);
    expect(c8875?.markIv).toBeCloseTo(1.1607, 12);
    expect(c8875?.bidPrice).toBeCloseTo(0.0375 * 9350.14, 9); // BTC premium x forward
    const c6500 = chain.expiries[1]?.quotes.find((q) => q.strike === 6500 && q.type === 'call');
    expect(c6500?.askIv).toBeUndefined(); // ask_iv = 500: Deribit's cap
    expect(c6500?.markIv).toBeCloseTo(1.7153, 12);
    const dec = chain.expiries[6];
    expect(dec?.forward).toBeGreaterThan(9505);
    expect(dec?.forward).toBeLessThan(9515);
  });

  it('rejects a CSV that is not a Deribit chain', () => {
    expect(() => parseDeribitChainCsv('a,b\n1,2\n')).toThrow(/missing column/);
  });
});

describe('SVI fit of the 2020-05-14 Deribit chain', () => {
  const { chain } = read('2020-05-14');
  const fit = fitChain(chain);

  it('fits every expiry with usable quotes and says why the 2-hour expiry is not fitted', () => {
    expect(fit.unusable.map((u) => u.expiry)).toEqual(['2020-05-14']);
    expect(fit.unusable[0]?.reason).toMatch(/only 4 usable strikes \(need 5\)/);
    expect(fit.expiries.map((e) => e.expiry)).toEqual([
      '2020-05-15',
      '2020-05-22',
      '2020-05-29',
      '2020-06-26',
      '2020-09-25',
      '2020-12-25',
    ]);
    for (const e of fit.expiries) {
      expect(Number.isFinite(e.quality.rmseVolPts)).toBe(true);
      expect(e.quality.rmseMarkVolPts).toBeCloseTo(e.quality.rmseVolPts, 12); // target = mark
      expect(e.quality.quotes).toBeGreaterThanOrEqual(15);
    }
  });

  it('stays below 1 vol point RMSE against mark_iv on every liquid expiry', () => {
    expect(liquidLabels(fit)).toEqual(['2020-05-29', '2020-06-26', '2020-09-25', '2020-12-25']);
    for (const e of fit.expiries)
      if (e.liquidity.liquid) expect(e.quality.rmseVolPts).toBeLessThan(1);
    // The nearly liquid weekly too.
    expect(fit.expiries[1]?.quality.rmseVolPts).toBeLessThan(1);
    for (const e of fit.expiries) expect(e.quality.insideBidAsk).toBeGreaterThanOrEqual(0.95);
  });

  it('the arbitrage-free fit has no butterfly (min g >= 0) and no calendar violation', () => {
    const free = fitChain(chain, { arbitrageFree: true });
    expect(free.butterflyMinG).toBeGreaterThanOrEqual(0);
    expect(free.calendar).toEqual([]);
    for (const e of free.expiries) {
      expect(e.arbitrageFeasible).toBe(true);
      if (e.liquidity.liquid) expect(e.quality.rmseVolPts).toBeLessThan(1);
    }
    // The plain fit happens to be arbitrage-free already on this chain.
    expect(fit.butterflyMinG).toBeGreaterThan(0);
    expect(fit.calendar).toEqual([]);
  });

  it('SABR (beta = 1) fits too, worse than SVI on the short expiries', () => {
    const sabr = fitChain(chain, { model: 'sabr' });
    expect(sabr.expiries.length).toBe(6);
    for (const e of sabr.expiries) expect(Number.isFinite(e.quality.rmseVolPts)).toBe(true);
    const svi29 = fit.expiries[2]?.quality.rmseVolPts ?? 0;
    const sabr29 = sabr.expiries[2]?.quality.rmseVolPts ?? 0;
    expect(sabr29).toBeGreaterThan(svi29);
    expect(sabr.expiries[5]?.quality.rmseVolPts).toBeLessThan(1); // December
  });
});

describe('SVI fit of the 2020-05-21 Deribit chain', () => {
  const { chain } = read('2020-05-21');

  it('fits all 7 expiries; liquid ones within 1.5 vol points of mark, arbitrage-free mode clean', () => {
    const fit = fitChain(chain);
    expect(fit.unusable).toEqual([]);
    expect(fit.expiries.length).toBe(7);
    expect(liquidLabels(fit)).toEqual(['2020-06-05', '2020-06-26', '2020-09-25', '2020-12-25']);
    for (const e of fit.expiries) {
      expect(Number.isFinite(e.quality.rmseVolPts)).toBe(true);
      if (e.liquidity.liquid) {
        expect(e.quality.rmseVolPts).toBeLessThan(1.5);
        expect(e.quality.insideBidAsk).toBeGreaterThanOrEqual(0.7);
      }
    }
    const free = fitChain(chain, { arbitrageFree: true });
    expect(free.butterflyMinG).toBeGreaterThanOrEqual(0);
    expect(free.calendar).toEqual([]);
  });
});
