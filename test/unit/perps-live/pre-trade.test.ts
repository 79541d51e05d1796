/**
 * Pre-trade check: the after-state against `evaluateAccount` on the account built by hand, trade
 * bookkeeping (average entries, realised P&L), venue refusals and band warnings, and the property
 * that a risk-reducing trade at the mark never lowers the margin ratio.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAccount, type AccountSpec } from '../../../shared/quant/perps/account-liquidation';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import { marginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import { previewTrade } from '../../../shared/quant/perps-live/pre-trade';
import { applyTrade } from '../../../shared/quant/perps-live/trade-apply';
import { bracketMaxLeverage, leverageLimit } from '../../../shared/quant/perps-live/venue-limits';
import {
  binanceAccount,
  binanceBrackets,
  binanceInput,
  binanceRows,
  BTC_PERP_DERIBIT,
  BTC_USDT,
  deribitInput,
  ETH_USDT,
} from './margin-fixtures';

const btcTiers = tiersFromBrackets(binanceRows('BTC/USDT:USDT'));
const ethTiers = tiersFromBrackets(binanceRows('ETH/USDT:USDT'));

/** Wallet that puts the fixture account at `ratio`. */
function walletFor(ratio: number): number {
  const r = marginAccountReport(binanceInput());
  if (!r) throw new Error('no report');
  return ratio * r.maintenanceMargin - r.unrealisedPnl;
}

describe('applyTrade bookkeeping', () => {
  const acct = binanceAccount();
  it('increases a linear short at the size-weighted entry', () => {
    const a = applyTrade(
      acct,
      BTC_USDT,
      { instrumentId: BTC_USDT.instrumentId, side: 'sell', contracts: 2, leverage: 20 },
      55_000,
    );
    expect(a.kind).toBe('increase');
    expect(a.position).toMatchObject({ side: 'short', contracts: 6, leverage: 20 });
    expect(a.position?.entryPrice).toBeCloseTo((4 * 55_660 + 2 * 55_000) / 6, 9);
    expect(a.account.walletBalance).toBe(acct.walletBalance);
  });

  it('reduces, closes and flips with the closed part realised into the wallet', () => {
    const buy = (contracts: number, limitPrice?: number) =>
      applyTrade(
        acct,
        BTC_USDT,
        {
          instrumentId: BTC_USDT.instrumentId,
          side: 'buy',
          contracts,
          leverage: 50,
          ...(limitPrice ? { limitPrice } : {}),
        },
        55_000,
      );
    const reduce = buy(1);
    expect(reduce.kind).toBe('reduce');
    expect(reduce.realisedPnl).toBeCloseTo(-1 * (55_000 - 55_660), 9);
    expect(reduce.account.walletBalance).toBeCloseTo(4_700 + 660, 9);
    expect(reduce.position?.entryPrice).toBe(55_660);
    const close = buy(4, 54_000);
    expect(close.kind).toBe('close');
    expect(close.position).toBeNull();
    expect(close.realisedPnl).toBeCloseTo(4 * 1_660, 9);
    const flip = buy(7);
    expect(flip.kind).toBe('flip');
    expect(flip.position).toMatchObject({ side: 'long', contracts: 3, entryPrice: 55_000 });
  });

  it('averages an inverse entry harmonically (keeps the coin value of the face)', () => {
    const d = deribitInput().account;
    const a = applyTrade(
      d,
      BTC_PERP_DERIBIT,
      {
        instrumentId: BTC_PERP_DERIBIT.instrumentId,
        side: 'sell',
        contracts: 10_000,
        leverage: 10,
      },
      60_000,
    );
    expect(a.position?.entryPrice).toBeCloseTo(50_000 / (40_000 / 54_200 + 10_000 / 60_000), 9);
    const r = applyTrade(
      d,
      BTC_PERP_DERIBIT,
      { instrumentId: BTC_PERP_DERIBIT.instrumentId, side: 'buy', contracts: 10_000, leverage: 10 },
      60_000,
    );
    // Short 10,000 x 10 USD from 54,200 to 60,000: -100,000 x (1/54,200 - 1/60,000) BTC.
    expect(r.realisedPnl).toBeCloseTo(-100_000 * (1 / 54_200 - 1 / 60_000), 12);
  });
});

describe('previewTrade after-state', () => {
  it('equals evaluateAccount on the account with the trade applied by hand', () => {
    const p = previewTrade({
      account: binanceInput(),
      ticket: { instrumentId: BTC_USDT.instrumentId, side: 'sell', contracts: 2, leverage: 50 },
      markPrice: 55_000,
    });
    const spec: AccountSpec = {
      venue: 'binance',
      mode: 'cross',
      positionMode: 'oneWay',
      contract: { type: 'linear', contractSize: 1 },
      walletBalance: 4_700,
      takerFeeRate: 0,
      positions: [
        {
          symbol: ETH_USDT.instrumentId,
          side: 'long',
          contracts: 30,
          entryPrice: 1_870,
          markPrice: 1_900,
          leverage: 50,
          tiers: ethTiers,
        },
        {
          symbol: BTC_USDT.instrumentId,
          side: 'short',
          contracts: 6,
          entryPrice: (4 * 55_660 + 2 * 55_000) / 6,
          markPrice: 55_000,
          leverage: 50,
          tiers: btcTiers,
        },
      ],
    };
    const e = evaluateAccount(spec);
    expect(p.after.marginRatio).toBeCloseTo(e.marginRatio as number, 12);
    expect(p.after.maintenanceMargin).toBeCloseTo(e.maintenanceRequirement, 9);
    expect(p.after.initialMargin).toBeCloseTo(e.initialMargin, 9);
    expect(p.after.availableMargin).toBeCloseTo(e.marginBalance - e.initialMargin, 9);
    const btc = e.symbols.find((s) => s.symbol === BTC_USDT.instrumentId);
    expect(p.after.position?.liquidationPrice).toBeCloseTo(
      btc?.solution.liquidationPrice as number,
      8,
    );
    expect(p.after.position?.distancePct).toBeCloseTo(
      (btc?.solution.liquidationPrice as number) / 55_000 - 1,
      12,
    );
    // Before is the live report.
    const live = marginAccountReport(binanceInput());
    expect(p.before.marginRatio).toBe(live?.marginRatio);
    expect(p.before.accountShock).toBe(live?.liquidationShockUp);
    expect(p.before.accountLiquidationPrice).toBeCloseTo(
      55_000 * (1 + (live?.liquidationShockUp as number)),
      9,
    );
    expect(p.kind).toBe('increase');
    expect(p.refused).toBe(false);
    expect(p.after.marginRatio as number).toBeLessThan(p.before.marginRatio as number);
    expect(p.after.position?.liquidationPrice as number).toBeLessThan(
      p.before.position?.liquidationPrice as number,
    );
  });

  it('a trade that reduces risk improves the ratio (any size, any account ratio)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 1.3, max: 8, noNaN: true }),
        fc.boolean(),
        (btc, eth, ratio, onBtc) => {
          const account = binanceInput(binanceAccount(walletFor(ratio)));
          const p = previewTrade({
            account,
            ticket: onBtc
              ? { instrumentId: BTC_USDT.instrumentId, side: 'buy', contracts: btc, leverage: 50 }
              : { instrumentId: ETH_USDT.instrumentId, side: 'sell', contracts: eth, leverage: 50 },
            markPrice: onBtc ? 55_000 : 1_900,
          });
          expect(p.reducesRisk).toBe(true);
          expect(p.refused).toBe(false);
          expect(p.after.maintenanceMargin).toBeLessThan(p.before.maintenanceMargin);
          if (p.after.marginRatio !== null)
            expect(p.after.marginRatio).toBeGreaterThan(p.before.marginRatio as number);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('previewTrade checks', () => {
  it("refuses leverage above the bracket's maximum and names the tier", () => {
    const p = previewTrade({
      account: binanceInput(binanceAccount(500_000)),
      ticket: { instrumentId: BTC_USDT.instrumentId, side: 'sell', contracts: 60, leverage: 50 },
      markPrice: 55_000,
    });
    // 64 BTC x 55,000 = 3.52M USDT: tier 4 (2.5% MMR), 20x at most.
    expect(p.maxLeverage).toBe(20);
    expect(p.refused).toBe(true);
    expect(p.checks.find((c) => c.code === 'maxLeverage')?.message).toMatch(/20x.*tier 4/);
  });

  it('refuses a trade the margin balance cannot carry, not a reduction', () => {
    const open = previewTrade({
      account: binanceInput(),
      ticket: { instrumentId: BTC_USDT.instrumentId, side: 'sell', contracts: 30, leverage: 20 },
      markPrice: 55_000,
    });
    expect(open.checks.map((c) => c.code)).toContain('insufficientMargin');
    const cut = previewTrade({
      account: binanceInput(binanceAccount(walletFor(1.05))),
      ticket: { instrumentId: BTC_USDT.instrumentId, side: 'buy', contracts: 1, leverage: 50 },
      markPrice: 55_000,
    });
    expect(cut.refused).toBe(false);
  });

  it('warns when the ratio crosses into a worse band and says when it leaves one', () => {
    const worse = previewTrade({
      account: binanceInput(binanceAccount(walletFor(1.6))),
      ticket: { instrumentId: ETH_USDT.instrumentId, side: 'buy', contracts: 10, leverage: 50 },
      markPrice: 1_900,
    });
    expect(worse.before.level).toBe('safe');
    expect(worse.after.level).toBe('warning');
    expect(worse.checks.find((c) => c.code === 'bandCrossed')?.severity).toBe('warning');
    const better = previewTrade({
      account: binanceInput(binanceAccount(walletFor(1.4))),
      ticket: { instrumentId: ETH_USDT.instrumentId, side: 'sell', contracts: 15, leverage: 50 },
      markPrice: 1_900,
    });
    expect(better.checks.find((c) => c.code === 'bandImproved')?.message).toMatch(/back to safe/);
  });

  it("refuses another venue's or settlement's contract", () => {
    const p = previewTrade({
      account: { ...binanceInput(), markets: [BTC_USDT, ETH_USDT, BTC_PERP_DERIBIT] },
      ticket: {
        instrumentId: BTC_PERP_DERIBIT.instrumentId,
        side: 'buy',
        contracts: 100,
        leverage: 10,
      },
      markPrice: 55_000,
    });
    expect(p.refused).toBe(true);
    expect(p.checks.map((c) => c.code)).toEqual(['venueMismatch', 'settlementMismatch']);
  });

  it('a portfolio-margin account in reduce-only refuses new risk', () => {
    const base = binanceInput(binanceAccount(walletFor(1.1)));
    const account = {
      ...base,
      account: {
        ...base.account,
        marginSystem: 'portfolio' as const,
        collateral: [{ asset: 'BTC', amount: 0.001, price: 55_000, collateralRate: 0.95 }],
      },
    };
    const r = marginAccountReport(account);
    expect(r?.portfolioMargin?.uniMmr).toBeCloseTo(
      (r?.marginRatio as number) + 52.25 / r!.maintenanceMargin,
      12,
    );
    expect(r?.portfolioMargin?.status).toBe('reduceOnly');
    const p = previewTrade({
      account,
      ticket: { instrumentId: ETH_USDT.instrumentId, side: 'buy', contracts: 1, leverage: 50 },
      markPrice: 1_900,
    });
    expect(p.checks.map((c) => c.code)).toContain('reduceOnly');
  });
});

describe('venue leverage limits', () => {
  it("1 / (2 MMR) reproduces Binance's published BTCUSDT initial leverage per bracket", () => {
    const maxes = binanceBrackets('BTC/USDT:USDT').map((b) => bracketMaxLeverage('binance', b));
    expect(maxes).toEqual([125, 100, 50, 20, 10, 5, 4, 3, 2, 1]);
  });

  it('prefers a published maximum and knows the largest position', () => {
    const rows = [
      { floor: 0, cap: 1e6, mmr: 0.005, maxLeverage: 75 },
      { floor: 1e6, cap: 5e6, mmr: 0.01 },
    ];
    expect(leverageLimit('bybit', rows, 5e5)).toMatchObject({ maxLeverage: 75, basis: 'venue' });
    expect(leverageLimit('bybit', rows, 2e6)).toMatchObject({
      maxLeverage: 50,
      tierIndex: 1,
      maxNotional: 5e6,
      basis: 'derived',
    });
    expect(leverageLimit('okx', [], 1)).toMatchObject({ maxLeverage: null, basis: 'none' });
  });
});
