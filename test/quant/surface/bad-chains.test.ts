import { describe, expect, it } from 'vitest';
import type { ChainExpiry, ChainQuote, OptionChain } from '../../../shared/quant/surface/chain';
import { cleanSlice, SliceUnusableError } from '../../../shared/quant/surface/chain-clean';
import { black76Price } from '../../../shared/quant/pricing/black76';
import { parseCerberusChain } from '../../../shared/quant/surface/chain-schema';
import { fitChain } from '../../../shared/quant/surface/fit-chain';
import { chainFitToJson } from '../../../shared/quant/surface/fit-json';

const F = 100;
const T = 0.1;

/** A healthy smile quote at strike K (OTM side), two-sided around a mark. */
function good(strike: number): ChainQuote {
  const k = Math.log(strike / F);
  const mark = 0.6 + 0.4 * k * k - 0.1 * k;
  return {
    strike,
    type: strike >= F ? 'call' : 'put',
    bidIv: mark - 0.01,
    askIv: mark + 0.01,
    markIv: mark,
  };
}

function expiry(quotes: ChainQuote[], over: Partial<ChainExpiry> = {}): ChainExpiry {
  return { expiry: '2026-01-30', expiryMs: 0, tYears: T, forward: F, quotes, ...over };
}

const STRIKES = [70, 80, 90, 100, 110, 120, 130];

function noNaN(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/NaN|Infinity|null/);
}

describe('bad quotes are skipped with a reason', () => {
  it('missing sides, crossed markets, zero bids, non-finite vols and bad strikes', () => {
    const quotes: ChainQuote[] = [
      ...STRIKES.map(good),
      { strike: 75, type: 'put', markIv: 0.7 }, // no bid, no ask
      { strike: 85, type: 'put', bidIv: 0.62, markIv: 0.63 }, // no ask
      { strike: 95, type: 'put', bidIv: 0.7, askIv: 0.6, markIv: 0.65 }, // crossed
      { strike: 105, type: 'call', bidIv: 0, askIv: 0.7, markIv: 0.62 }, // zero bid
      { strike: 115, type: 'call', bidIv: NaN, askIv: 0.7, markIv: 0.62 },
      { strike: 125, type: 'call', bidIv: 0.6, askIv: Infinity, markIv: 0.62 },
      { strike: -5, type: 'call', bidIv: 0.6, askIv: 0.7 },
      { strike: 110, type: 'put', bidIv: 0.6, askIv: 0.7, markIv: 0.65 }, // ITM twin of a good call
    ];
    const s = cleanSlice(expiry(quotes));
    expect(s.quotes.map((q) => q.strike)).toEqual(STRIKES);
    const reasons = Object.fromEntries(s.skipped.map((q) => [`${q.strike}${q.type[0]}`, q.reason]));
    expect(reasons).toEqual({
      '-5c': 'invalid strike',
      '75p': 'no bid',
      '85p': 'no ask',
      '95p': 'crossed (bid > ask)',
      '105c': 'no bid',
      '115c': 'non-finite vol',
      '125c': 'non-finite vol',
      '110p': 'other side of the strike used',
    });
    expect(s.quotes.reduce((t, q) => t + q.weight, 0)).toBeCloseTo(1, 14);
  });

  it('one-sided quotes can be admitted against their mark on request', () => {
    const quotes = [70, 80, 90, 100, 110].map((K) => ({
      strike: K,
      type: 'call' as const,
      markIv: 0.6,
    }));
    expect(() => cleanSlice(expiry(quotes))).toThrow(SliceUnusableError);
    const s = cleanSlice(expiry(quotes), { requireTwoSided: false });
    expect(s.quotes.length).toBe(5);
    expect(() => cleanSlice(expiry(quotes), { requireTwoSided: false, target: 'mid' })).toThrow(
      /no two-sided mid: 5/,
    );
  });
});

describe('premium-only quotes', () => {
  const premium = (type: 'call' | 'put', strike: number, vol: number): number =>
    black76Price({
      type,
      forward: F,
      strike,
      tYears: T,
      rate: 0,
      volAnnual: vol,
      discounted: false,
    });

  it('solves the missing bid/ask vols from forward premiums (Black-76)', () => {
    const quotes: ChainQuote[] = STRIKES.map((strike) => {
      const g = good(strike);
      return {
        strike,
        type: g.type,
        bidPrice: premium(g.type, strike, g.bidIv as number),
        askPrice: premium(g.type, strike, g.askIv as number),
      };
    });
    const s = cleanSlice(expiry(quotes), { target: 'mid' });
    s.quotes.forEach((q, i) => {
      const g = good(STRIKES[i] as number);
      expect(q.bidIv).toBeCloseTo(g.bidIv as number, 12);
      expect(q.askIv).toBeCloseTo(g.askIv as number, 12);
      expect(q.targetIv).toBeCloseTo(g.markIv as number, 12);
    });
  });

  it('skips premiums without a Black vol, crossed premiums and non-finite premiums, with reasons', () => {
    const quotes: ChainQuote[] = [
      ...STRIKES.map(good),
      { strike: 75, type: 'call', bidPrice: 20, askPrice: 30 }, // ITM call bid below intrinsic 25
      { strike: 85, type: 'put', bidPrice: 3, askPrice: 2 },
      { strike: 95, type: 'put', bidPrice: NaN, askPrice: 2 },
      { strike: 105, type: 'call', bidPrice: 1, askPrice: 200 }, // ask above the forward
    ];
    const s = cleanSlice(expiry(quotes), { target: 'mid' });
    const reasons = Object.fromEntries(s.skipped.map((q) => [`${q.strike}${q.type[0]}`, q.reason]));
    expect(reasons).toEqual({
      '75c': 'bid price has no implied vol (below-intrinsic)',
      '85p': 'crossed (bid > ask)',
      '95p': 'non-finite price',
      '105c': 'ask price has no implied vol (above-maximum)',
    });
  });
});

describe('unusable slices raise a clear error', () => {
  it('one strike, too few strikes, all bids zero', () => {
    expect(() => cleanSlice(expiry([good(100)]))).toThrow(/only 1 usable strike \(need 5\)/);
    expect(() => cleanSlice(expiry([good(90), good(100), good(110)]))).toThrow(
      /only 3 usable strikes/,
    );
    const zeroBids = STRIKES.map((K) => ({ ...good(K), bidIv: 0 }));
    expect(() => cleanSlice(expiry(zeroBids))).toThrow(
      /only 0 usable strikes \(need 5\); skipped no bid: 7/,
    );
  });

  it('bad forward or expiry time', () => {
    expect(() => cleanSlice(expiry(STRIKES.map(good), { forward: NaN }))).toThrow(/forward/);
    expect(() => cleanSlice(expiry(STRIKES.map(good), { forward: 0 }))).toThrow(/forward/);
    expect(() => cleanSlice(expiry(STRIKES.map(good), { tYears: 0 }))).toThrow(/tYears <= 0/);
  });
});

describe('whole chains with bad slices', () => {
  const chain: OptionChain = {
    underlying: 'X',
    asOfMs: 0,
    expiries: [
      expiry([good(100)], { expiry: 'ONE-STRIKE', tYears: 0.05 }),
      expiry(STRIKES.map(good), { expiry: 'GOOD', tYears: 0.1 }),
      expiry(
        STRIKES.map((K) => ({ ...good(K), bidIv: 0.9, askIv: 0.5 })),
        { expiry: 'CROSSED', tYears: 0.2 },
      ),
      expiry(STRIKES.map(good), { expiry: 'EXPIRED', tYears: -0.01 }),
    ],
  };

  it('fits what it can, lists the rest with reasons, and prints no NaN', () => {
    for (const model of ['svi', 'sabr'] as const) {
      const fit = fitChain(chain, { model });
      expect(fit.expiries.map((e) => e.expiry)).toEqual(['GOOD']);
      expect(fit.unusable.map((u) => u.expiry).sort()).toEqual([
        'CROSSED',
        'EXPIRED',
        'ONE-STRIKE',
      ]);
      expect(fit.unusable.find((u) => u.expiry === 'CROSSED')?.reason).toMatch(
        /crossed \(bid > ask\): 7/,
      );
      const json = chainFitToJson(fit);
      noNaN(json);
      expect(fit.expiries[0]?.quality.rmseVolPts).toBeLessThan(1);
    }
  });

  it('a chain with nothing fittable returns no expiries instead of throwing', () => {
    const fit = fitChain({ underlying: 'X', asOfMs: 0, expiries: [expiry([good(100)])] });
    expect(fit.expiries).toEqual([]);
    expect(fit.unusable.length).toBe(1);
    expect(fit.calendar).toEqual([]);
  });
});

describe('Cerberus chain JSON validation', () => {
  const base = {
    format: 'cerberus.chain/1',
    underlying: 'BTC',
    asOfMs: 0,
    expiries: [
      {
        expiryMs: 86_400_000 * 30,
        forward: 100,
        quotes: [{ strike: 100, type: 'call', markIv: 0.6 }],
      },
    ],
  };

  it('accepts a valid chain and derives the expiry label and T', () => {
    const c = parseCerberusChain(base);
    expect(c.expiries[0]?.expiry).toBe('1970-01-31');
    expect(c.expiries[0]?.tYears).toBeCloseTo(30 / 365, 14);
    expect(c.expiries[0]?.quotes[0]).toEqual({ strike: 100, type: 'call', markIv: 0.6 });
  });

  it('rejects vols in percent, missing forwards and unknown option types with the field path', () => {
    const pct = structuredClone(base);
    (pct.expiries[0]?.quotes[0] as { markIv: number }).markIv = 60;
    expect(() => parseCerberusChain(pct)).toThrow(
      /expiries\.0\.quotes\.0\.markIv: implied vols are decimals/,
    );
    const noFwd = structuredClone(base) as { expiries: { forward?: number }[] };
    delete noFwd.expiries[0]?.forward;
    expect(() => parseCerberusChain(noFwd)).toThrow(/expiries\.0\.forward/);
    const badType = structuredClone(base);
    (badType.expiries[0]?.quotes[0] as { type: string }).type = 'straddle';
    expect(() => parseCerberusChain(badType)).toThrow(/type/);
    expect(() => parseCerberusChain({ format: 'other' })).toThrow(/invalid Cerberus chain JSON/);
  });
});
