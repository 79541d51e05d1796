import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountPosition, AccountSpec } from '../../../shared/quant/perps/account-liquidation';
import { evaluateAccount } from '../../../shared/quant/perps/account-liquidation';
import { solveLiquidation, surplusAtPrice } from '../../../shared/quant/perps/liquidation-solver';
import { priceToU, uSideSign } from '../../../shared/quant/perps/position-math';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import type {
  ContractType,
  PerpVenue,
  PositionSide,
  ResolvedTier,
} from '../../../shared/quant/perps/types';

/** Random bracket tables: floors increasing from 0, MMR non-decreasing below 50%. */
const tierTable = fc
  .array(
    fc.tuple(
      fc.double({ min: 0.2, max: 5, noNaN: true }),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
    ),
    {
      minLength: 1,
      maxLength: 7,
    },
  )
  .map((rows) => {
    let floor = 0;
    let mmr = 0.004;
    const out: [number, number][] = [];
    for (const [growth, step] of rows) {
      out.push([floor, mmr]);
      floor = floor === 0 ? 10_000 * growth : floor * (1 + growth);
      mmr = Math.min(0.5, mmr + step);
    }
    return tiersFromBrackets(out);
  });

const venue = fc.constantFrom<PerpVenue>('binance', 'bybit', 'okx', 'deribit');
const contractType = fc.constantFrom<ContractType>('linear', 'inverse');

function isolated(
  v: PerpVenue,
  type: ContractType,
  side: PositionSide,
  contracts: number,
  entry: number,
  leverage: number,
  tiers: ResolvedTier[],
): AccountSpec {
  return {
    venue: v,
    mode: 'isolated',
    positionMode: 'oneWay',
    contract: { type, contractSize: 1 },
    takerFeeRate: v === 'okx' ? 0.0005 : 0,
    positions: [
      { symbol: 'X', side, contracts, entryPrice: entry, markPrice: entry, leverage, tiers },
    ],
  };
}

/** Liquidation price, or null when there is none or the position is already below maintenance
 * (a leverage the venue would refuse for that tier: initial margin rate below its MMR). */
function liq(spec: AccountSpec): number | null {
  const sol = evaluateAccount(spec).symbols[0]?.solution;
  return sol === undefined || sol.alreadyLiquidated ? null : sol.liquidationPrice;
}

describe('liquidation price properties (isolated, every venue rule, linear and inverse)', () => {
  it('long: below entry and non-decreasing in leverage; short: above entry, non-increasing', () => {
    fc.assert(
      fc.property(
        venue,
        contractType,
        tierTable,
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 1.5, max: 60, noNaN: true }),
        fc.double({ min: 1.01, max: 1.5, noNaN: true }),
        (v, type, tiers, size, leverage, bump) => {
          const entry = 50_000;
          const contracts = type === 'linear' ? size : size * entry;
          for (const side of ['long', 'short'] as const) {
            const a = liq(isolated(v, type, side, contracts, entry, leverage, tiers));
            const b = liq(isolated(v, type, side, contracts, entry, leverage * bump, tiers));
            if (a === null || b === null) continue;
            if (side === 'long') {
              expect(a).toBeLessThan(entry);
              expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-12));
            } else {
              expect(a).toBeGreaterThan(entry);
              expect(b).toBeLessThanOrEqual(a * (1 + 1e-12));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tier switch consistency: the notional at the liquidation price lies in the tier used', () => {
    fc.assert(
      fc.property(
        contractType,
        fc.constantFrom<PositionSide>('long', 'short'),
        tierTable,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1.2, max: 100, noNaN: true }),
        (type, side, tiers, size, leverage) => {
          const entry = 40_000;
          const contracts = type === 'linear' ? size : size * entry;
          const spec = isolated('binance', type, side, contracts, entry, leverage, tiers);
          const sol = evaluateAccount(spec).symbols[0]?.solution;
          if (sol?.liquidationPrice == null || sol.alreadyLiquidated) return;
          const tier = tiers[sol.tierIndices?.[0] ?? -1] as ResolvedTier;
          const notional =
            type === 'linear' ? contracts * sol.liquidationPrice : contracts / sol.liquidationPrice;
          const tol = 1e-9 * Math.max(1, notional);
          expect(notional).toBeGreaterThanOrEqual(tier.floor - tol);
          expect(notional).toBeLessThanOrEqual(tier.cap + tol);
          // And it is a root: margin balance equals the requirement there.
          const margin = (type === 'linear' ? contracts * entry : contracts / entry) / leverage;
          const problem = {
            type,
            balance: margin,
            legs: [
              {
                su: uSideSign(type, side),
                q: contracts,
                eu: priceToU(type, entry),
                tiers,
                feeRate: 0,
                fixedFee: 0,
              },
            ],
            referencePrice: entry,
          };
          expect(Math.abs(surplusAtPrice(problem, sol.liquidationPrice))).toBeLessThan(
            1e-7 * Math.max(1, margin),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cross margin with extra balance is at least as far from the mark as isolated', () => {
    fc.assert(
      fc.property(
        venue,
        contractType,
        fc.constantFrom<PositionSide>('long', 'short'),
        tierTable,
        fc.double({ min: 2, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (v, type, side, tiers, leverage, extraShare) => {
          const entry = 30_000;
          const contracts = type === 'linear' ? 3 : 3 * entry;
          const iso = isolated(v, type, side, contracts, entry, leverage, tiers);
          const margin = (type === 'linear' ? contracts * entry : contracts / entry) / leverage;
          const cross: AccountSpec = {
            ...iso,
            mode: 'cross',
            walletBalance: margin * (1 + extraShare),
          };
          const a = liq(iso);
          const b = liq(cross);
          if (a === null) return;
          if (b === null) return; // cross can be unliquidatable (e.g. fully collateralised)
          expect(Math.abs(b - entry)).toBeGreaterThanOrEqual(Math.abs(a - entry) * (1 - 1e-12));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hedge mode and several symbols (cross)', () => {
  const tiers = tiersFromBrackets([
    ['0', '0.004'],
    ['50000', '0.005'],
    ['250000', '0.01'],
  ]);

  it('a flat hedge (equal long and short legs) fails only when its maintenance outgrows the balance', () => {
    const sol = solveLiquidation({
      type: 'linear',
      balance: 2_000,
      legs: [
        { su: 1, q: 5, eu: 60_000, tiers, feeRate: 0, fixedFee: 0 },
        { su: -1, q: 5, eu: 60_500, tiers, feeRate: 0, fixedFee: 0 },
      ],
      referencePrice: 60_200,
    });
    // Flat book: the long and short P&L cancel, only the maintenance margin grows with price.
    expect(sol.priceBelow).toBeNull();
    expect(sol.priceAbove).not.toBeNull();
    const above = sol.priceAbove ?? NaN;
    // Surplus: 2,000 + 5 * 500 - 2 * MM(5 P) = 0.
    const mmEach = (4_500 / 2) as number;
    const t = tiers[2] as ResolvedTier;
    expect(5 * above * t.mmr - t.maintAmount).toBeCloseTo(mmEach, 6);
  });

  it('a near-flat hedge with steep top tiers has a root on each side of the mark', () => {
    const steep = tiersFromBrackets([
      ['0', '0.004'],
      ['1000000', '0.3'],
    ]);
    const problem = {
      type: 'linear' as const,
      balance: 1_000,
      legs: [
        { su: 1 as const, q: 5, eu: 60_000, tiers: steep, feeRate: 0, fixedFee: 0 },
        { su: -1 as const, q: 4, eu: 61_000, tiers: steep, feeRate: 0, fixedFee: 0 },
      ],
      referencePrice: 60_000,
    };
    const sol = solveLiquidation(problem);
    const below = sol.priceBelow ?? NaN;
    const above = sol.priceAbove ?? NaN;
    expect(below).toBeCloseTo(60_000 - 2_840 / 0.964, 6);
    expect(above).toBeGreaterThan(250_000);
    expect(Math.abs(surplusAtPrice(problem, below))).toBeLessThan(1e-6);
    expect(Math.abs(surplusAtPrice(problem, above))).toBeLessThan(1e-6);
    // Net long near the mark: the adverse side is below.
    expect(sol.liquidationPrice).toBe(sol.priceBelow);
  });

  it('holds the other symbols at their marks (WB - TMM1 + UPNL1)', () => {
    const spec: AccountSpec = {
      venue: 'binance',
      mode: 'cross',
      positionMode: 'oneWay',
      contract: { type: 'linear', contractSize: 1 },
      walletBalance: 50_000,
      takerFeeRate: 0,
      positions: [
        {
          symbol: 'BTC',
          side: 'long',
          contracts: 4,
          entryPrice: 60_000,
          markPrice: 61_000,
          leverage: 10,
          tiers,
        },
        {
          symbol: 'ETH',
          side: 'short',
          contracts: 50,
          entryPrice: 3_000,
          markPrice: 3_100,
          leverage: 10,
          tiers,
        },
      ],
    };
    const r = evaluateAccount(spec);
    const btc = r.symbols.find((s) => s.symbol === 'BTC')?.solution.liquidationPrice ?? NaN;
    const eth = r.margins[1];
    const ethMm = eth?.maintenanceMargin ?? NaN;
    const ethPnl = eth?.unrealisedPnl ?? NaN;
    expect(ethPnl).toBeCloseTo(-5_000, 9);
    // At the BTC liquidation price the whole account sits exactly at maintenance.
    const btcNotional = 4 * btc;
    const btcTier = tiers.find(
      (t) => btcNotional >= t.floor && btcNotional < t.cap,
    ) as ResolvedTier;
    const equity = 50_000 + 4 * (btc - 60_000) + ethPnl;
    const mm = btcNotional * btcTier.mmr - btcTier.maintAmount + ethMm;
    expect(equity - mm).toBeCloseTo(0, 6);
    const btcLeg = spec.positions[0] as AccountPosition;
    expect(() =>
      evaluateAccount({ ...spec, positions: [btcLeg, { ...btcLeg, side: 'short' }] }),
    ).toThrow(/oneWay mode/);
  });
});
