/** Margin reports against the liquidation solver called directly (venue formulas built by hand). */
import { describe, expect, it } from 'vitest';
import { solveLiquidation } from '../../../shared/quant/perps/liquidation-solver';
import {
  maintenanceMarginForNotional,
  resolveTiers,
  tiersFromBrackets,
} from '../../../shared/quant/perps/tiers';
import { marginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import type { MarginAccountInput } from '../../../shared/quant/perps-live/margin-spec';
import {
  binanceAccount,
  binanceRows,
  binanceInput,
  deribitInput,
  DERIBIT_TIERS,
} from './margin-fixtures';

const btcTiers = tiersFromBrackets(binanceRows('BTC/USDT:USDT'));
const ethTiers = tiersFromBrackets(binanceRows('ETH/USDT:USDT'));

function report(input: MarginAccountInput) {
  const r = marginAccountReport(input);
  if (!r) throw new Error('no report');
  return r;
}

describe('margin report: Binance USD-M cross account', () => {
  const r = report(binanceInput());
  const btc = r.positions.find((p) => p.underlying === 'BTC');
  const eth = r.positions.find((p) => p.underlying === 'ETH');

  it('margin balance, maintenance and ratio by hand', () => {
    const upnl = -4 * (55_000 - 55_660) + 30 * (1_900 - 1_870);
    const mm =
      maintenanceMarginForNotional(btcTiers, 4 * 55_000) +
      maintenanceMarginForNotional(ethTiers, 30 * 1_900);
    expect(r.unrealisedPnl).toBeCloseTo(upnl, 9);
    expect(r.maintenanceMargin).toBeCloseTo(mm, 9);
    expect(r.marginRatio).toBeCloseTo((4_700 + upnl) / mm, 12);
    expect(r.venueRatio).toBeCloseTo(mm / (4_700 + upnl), 12);
    expect(r.level).toBe('safe');
    expect(r.initialMargin).toBeCloseTo((4 * 55_000 + 30 * 1_900) / 50, 9);
  });

  it('each symbol liquidates where solveLiquidation puts it (WB - TMM1 + UPNL1)', () => {
    const ethMm = maintenanceMarginForNotional(ethTiers, 30 * 1_900);
    const btcRef = solveLiquidation({
      type: 'linear',
      balance: 4_700 - ethMm + 30 * (1_900 - 1_870),
      legs: [{ su: -1, q: 4, eu: 55_660, tiers: btcTiers, feeRate: 0, fixedFee: 0 }],
      referencePrice: 55_000,
    });
    const btcMm = maintenanceMarginForNotional(btcTiers, 4 * 55_000);
    const ethRef = solveLiquidation({
      type: 'linear',
      balance: 4_700 - btcMm - 4 * (55_000 - 55_660),
      legs: [{ su: 1, q: 30, eu: 1_870, tiers: ethTiers, feeRate: 0, fixedFee: 0 }],
      referencePrice: 1_900,
    });
    expect(btcRef.liquidationPrice).not.toBeNull();
    expect(btc?.liquidationPrice).toBeCloseTo(btcRef.liquidationPrice as number, 8);
    expect(eth?.liquidationPrice).toBeCloseTo(ethRef.liquidationPrice as number, 8);
    expect(btc?.distancePct).toBeCloseTo((btcRef.liquidationPrice as number) / 55_000 - 1, 12);
    expect(btc?.distanceSigmas1d).toBeCloseTo(
      Math.abs(Math.log((btcRef.liquidationPrice as number) / 55_000)) /
        (0.45 * Math.sqrt(1 / 365)),
      10,
    );
  });

  it('reports the venue liquidation price and the difference when the source gives one', () => {
    const account = binanceAccount();
    account.positions[0] = { ...account.positions[0]!, liquidationPriceReported: 57_000 };
    const withVenue = report(binanceInput(account));
    const p = withVenue.positions[0];
    expect(p?.liquidationPriceReported).toBe(57_000);
    expect(p?.liquidationDiff).toBeCloseTo((p?.liquidationPrice ?? 0) - 57_000, 9);
    expect(withVenue.positions[1]?.liquidationDiff).toBeNull();
  });

  it('ladder: ratio at 0 is the account ratio; a net short loses as every mark rises', () => {
    const at0 = r.ladder.find((l) => l.shock === 0);
    expect(at0?.marginRatio).toBeCloseTo(r.marginRatio as number, 12);
    const up = r.ladder.filter((l) => l.shock >= 0).map((l) => l.marginRatio as number);
    for (let i = 1; i < up.length; i++) expect(up[i]).toBeLessThan(up[i - 1] as number);
    expect(r.ladder).toHaveLength(25);
    expect(r.ladder.at(-1)?.level).toBe('liquidation');
  });

  it('the uniform move that liquidates leaves no surplus', () => {
    const s = r.liquidationShockUp;
    expect(s).not.toBeNull();
    const shocked = binanceAccount(
      4_700,
      55_000 * (1 + (s as number)),
      1_900 * (1 + (s as number)),
    );
    const at = report(binanceInput(shocked));
    expect((at.marginBalance - at.maintenanceMargin) / at.maintenanceMargin).toBeCloseTo(0, 6);
    expect(r.liquidationShockDown).toBeNull();
  });
});

describe('margin report: Deribit inverse perpetual (coin-margined)', () => {
  it('liquidation price equals solveLiquidation in u = 1/price with the wallet as balance', () => {
    const r = report(deribitInput());
    const ref = solveLiquidation({
      type: 'inverse',
      balance: 1.1,
      legs: [
        {
          su: 1,
          q: 400_000,
          eu: 1 / 54_200,
          tiers: resolveTiers(DERIBIT_TIERS),
          feeRate: 0,
          fixedFee: 0,
        },
      ],
      referencePrice: 55_000,
    });
    expect(r.currency).toBe('BTC');
    expect(r.contractType).toBe('inverse');
    expect(r.positions[0]?.liquidationPrice).toBeCloseTo(ref.liquidationPrice as number, 6);
    expect(r.unrealisedPnl).toBeCloseTo(-400_000 * (1 / 54_200 - 1 / 55_000), 12);
    // One position: the liquidating uniform move is the liquidation price's distance.
    expect(r.liquidationShockUp).toBeCloseTo((ref.liquidationPrice as number) / 55_000 - 1, 6);
  });

  it('isolated margin stands alone: its liquidation uses the posted margin', () => {
    const input = deribitInput();
    input.account.positions[0] = {
      ...input.account.positions[0]!,
      marginMode: 'isolated',
      isolatedMargin: 0.5,
    };
    const r = report(input);
    const ref = solveLiquidation({
      type: 'inverse',
      balance: 0.5,
      legs: [
        {
          su: 1,
          q: 400_000,
          eu: 1 / 54_200,
          tiers: resolveTiers(DERIBIT_TIERS),
          feeRate: 0,
          fixedFee: 0,
        },
      ],
      referencePrice: 55_000,
    });
    expect(r.positions[0]?.marginMode).toBe('isolated');
    expect(r.positions[0]?.liquidationPrice).toBeCloseTo(ref.liquidationPrice as number, 6);
  });

  it('falls back to a flat rate and says so when the source has no brackets', () => {
    const input = deribitInput();
    input.brackets = {};
    const r = report(input);
    expect(r.notes.join(' ')).toMatch(/no margin brackets.*flat 0.5%/);
    expect(r.maintenanceMargin).toBeCloseTo(0.005 * (400_000 / 55_000), 12);
  });
});

describe('margin report: what cannot be evaluated', () => {
  it('returns null for an unknown venue or an account without perps', () => {
    const input = binanceInput();
    expect(
      marginAccountReport({ ...input, account: { ...input.account, venue: 'ib' } }),
    ).toBeNull();
    expect(
      marginAccountReport({ ...input, account: { ...input.account, positions: [] } }),
    ).toBeNull();
  });
});
