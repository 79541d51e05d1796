import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TierError,
  maintenanceMarginForNotional,
  resolveTiers,
  tierIndexForNotional,
  tiersFromBrackets,
} from '../../../shared/quant/perps/tiers';

interface Recording {
  options: { leverageBrackets: Record<string, [string, string][]> };
}
const binance = JSON.parse(
  readFileSync(`${process.cwd()}/test/fixtures/venues/recordings/binance.json`, 'utf8'),
) as Recording;
const brackets = binance.options.leverageBrackets;

describe('maintenance amount recursion cum_n = floor_n (MMR_n - MMR_n-1) + cum_n-1', () => {
  it('Binance USD-M FAQ: BTCUSDT level 3 = 250,000 x (1% - 0.5%) + 50 = 1,300 USDT', () => {
    // Source: Binance "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts".
    const tiers = tiersFromBrackets(brackets['BTC/USDT:USDT'] ?? []);
    expect(tiers[1]?.maintAmount).toBeCloseTo(50, 10);
    expect(tiers[2]?.maintAmount).toBeCloseTo(1300, 10);
    // "position 264,000 USDT -> MMR 1%"; "500,000 USDT -> maintenance amount 1,300 USDT".
    expect(tiers[tierIndexForNotional(tiers, 264_000)]?.mmr).toBe(0.01);
    expect(tiers[tierIndexForNotional(tiers, 500_000)]?.maintAmount).toBeCloseTo(1300, 10);
  });

  it('Binance COIN-M FAQ: BTCUSD 300 BTC -> MMR 12.5%, maintenance amount 11.605 BTC', () => {
    // Source: Binance "How to Calculate Liquidation Price of COIN-M Futures Contracts" (current
    // brackets, as in the ccxt recording); an older version of the page used other brackets
    // (Level 5 = 50 BTC x (5% - 2.5%) + 0.56 = 1.81 BTC), checked below with its own table.
    const tiers = tiersFromBrackets(brackets['BTC/USD:BTC'] ?? []);
    const i = tierIndexForNotional(tiers, 300);
    expect(tiers[i]?.mmr).toBe(0.125);
    expect(tiers[i]?.maintAmount).toBeCloseTo(11.605, 12);
    // Only level 4 (MMR 2.5%, maintenance amount 0.56 BTC) and level 5 (MMR 5%, floor 50) matter.
    const old = resolveTiers([
      { floor: 0, cap: 50, mmr: 0.025, maintAmount: 0.56 },
      { floor: 50, cap: 100, mmr: 0.05 },
    ]);
    expect(old[1]?.maintAmount).toBeCloseTo(1.81, 12);
  });

  it('COIN-M FAQ: 100 contracts x 100 USD at mark 25,000 -> MM = 0.4 BTC x 0.4% = 0.0016 BTC', () => {
    const tiers = tiersFromBrackets(brackets['BTC/USD:BTC'] ?? []);
    expect(maintenanceMarginForNotional(tiers, (100 * 100) / 25_000)).toBeCloseTo(0.0016, 15);
  });

  it('gives a maintenance margin continuous across every bracket of every recorded symbol', () => {
    for (const [symbol, rows] of Object.entries(brackets)) {
      const tiers = tiersFromBrackets(rows);
      for (const t of tiers.slice(1)) {
        const below = maintenanceMarginForNotional(tiers, t.floor * (1 - 1e-12));
        const at = maintenanceMarginForNotional(tiers, t.floor);
        expect(Math.abs(at - below), `${symbol} at ${t.floor}`).toBeLessThan(
          1e-6 * Math.max(1, at),
        );
      }
    }
  });

  it('is continuous and non-decreasing in notional for random bracket tables', () => {
    const table = fc
      .array(
        fc.tuple(
          fc.double({ min: 1, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 0.2, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((rows) => {
        let floor = 0;
        let mmr = 0.001;
        return rows.map(([width, step]) => {
          const row = { floor, mmr };
          floor += width;
          mmr = Math.min(0.9, mmr + step);
          return row;
        });
      });
    fc.assert(
      fc.property(table, fc.double({ min: 0, max: 1e7, noNaN: true }), (rows, n) => {
        const tiers = tiersFromBrackets(rows.map((r) => [r.floor, r.mmr] as [number, number]));
        const mm = maintenanceMarginForNotional(tiers, n);
        const mmUp = maintenanceMarginForNotional(tiers, n * (1 + 1e-9) + 1e-9);
        return mm >= -1e-9 && mmUp >= mm - 1e-6 * Math.max(1, mm);
      }),
      { numRuns: 300 },
    );
  });
});

describe('resolveTiers validation', () => {
  it('rejects gaps, a non-zero first floor and bad rates', () => {
    expect(() => resolveTiers([])).toThrow(TierError);
    expect(() => resolveTiers([{ floor: 10, cap: 20, mmr: 0.01 }])).toThrow(/start at notional 0/);
    expect(() =>
      resolveTiers([
        { floor: 0, cap: 10, mmr: 0.01 },
        { floor: 12, cap: 20, mmr: 0.02 },
      ]),
    ).toThrow(/does not meet/);
    expect(() => resolveTiers([{ floor: 0, cap: 10, mmr: 1.5 }])).toThrow(/mmr/);
  });

  it('keeps given maintenance amounts and sorts rows', () => {
    const t = resolveTiers([
      { floor: 50_000, cap: Infinity, mmr: 0.005, maintAmount: 49 },
      { floor: 0, cap: 50_000, mmr: 0.004 },
    ]);
    expect(t.map((x) => x.floor)).toEqual([0, 50_000]);
    expect(t[1]?.maintAmount).toBe(49);
  });
});
