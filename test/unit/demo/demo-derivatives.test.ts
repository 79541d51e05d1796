/** The demo desk as a DerivativesSource: venues, funding by each venue's rule, history, accounts. */
import { describe, expect, it } from 'vitest';
import { csvNumber, parseCsv } from '../../../shared/io/csv';
import { readFileSync } from 'node:fs';
import type { MarginBracket } from '../../../shared/domain/derivatives';
import { evaluateAccount } from '../../../shared/quant/perps/account-liquidation';
import { fundingCashFlow } from '../../../shared/quant/perps/funding-payment';
import {
  fundingRateFromPremium,
  fundingRateFromSamples,
  predictFundingRate,
} from '../../../shared/quant/perps/funding-rate';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import {
  accountSpecs,
  type MarginAccountInput,
} from '../../../shared/quant/perps-live/margin-spec';
import { DemoDerivativesSource } from '../../../src-main/venues/demo/demo-derivatives';
import { DemoDesk } from '../../../src-main/venues/demo/demo-desk';
import { ledgerOf, topUp, TOP_UP_TO } from '../../../src-main/venues/demo/demo-ledger';
import { DEMO_PERPS } from '../../../src-main/venues/demo/demo-perp-markets';
import type { MarketState } from '../../../shared/sim/market-model';
import { createSampleBook } from '../../../src-main/venues/demo/sample-book';
import { ASSETS_DIR } from '../../helpers/services-harness';

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
const START = Date.UTC(2026, 10, 20, 7);
const FUNDING = Date.UTC(2026, 10, 20, 8);
const STEP = 15_000;

function setUp(seed = 4) {
  const desk = new DemoDesk({
    seed,
    startMs: START,
    initial,
    prevClose: { BTC: 90_000, ETH: 3_000, MSTR: 277, QQQ: 600 },
    schedule: () => () => undefined,
  });
  const book = createSampleBook(desk.view());
  const source = new DemoDerivativesSource({ desk, assetsDir: ASSETS_DIR, seed, book: () => book });
  return { desk, book, source };
}

/** Advances to `untilMs` in 15 s steps, recording each perp's premium sample. */
function run(desk: DemoDesk, untilMs: number, samples: Map<string, number[]>): void {
  while (desk.view().tsMs + STEP <= untilMs) {
    desk.advance(STEP, false, false);
    for (const [id, st] of Object.entries(desk.fundingState().perps)) {
      if (desk.view().tsMs < FUNDING) samples.set(id, [...(samples.get(id) ?? []), st.premium]);
    }
  }
}

describe('demo derivatives source: markets', () => {
  it('lists BTC and ETH perps on Binance, Bybit, OKX (linear) and Deribit (inverse)', () => {
    const { source } = setUp();
    const perps = source.listPerps();
    expect(new Set(perps.map((p) => p.venue))).toEqual(
      new Set(['binanceusdm', 'bybit', 'okx', 'deribit']),
    );
    expect(perps.filter((p) => p.underlying === 'BTC')).toHaveLength(4);
    const deribit = perps.find((p) => p.instrumentId === 'deribit:BTC/USD:BTC');
    expect(deribit).toMatchObject({
      settlement: 'inverse',
      contractSize: 10,
      fundingIntervalHours: 8,
    });
    expect(perps.find((p) => p.venue === 'okx' && p.underlying === 'BTC')?.contractSize).toBe(0.01);
  });

  it('copies the recorded Binance BTCUSDT brackets unchanged', async () => {
    const { source } = setUp();
    const rec = JSON.parse(
      readFileSync(
        new URL('../../fixtures/venues/recordings/binance.json', import.meta.url),
        'utf8',
      ),
    ) as { options: { leverageBrackets: Record<string, [string, string][]> } };
    const expected = tiersFromBrackets(rec.options.leverageBrackets['BTC/USDT:USDT'] ?? []);
    expect(await source.marginBrackets('binanceusdm:BTC/USDT:USDT')).toEqual(expected);
    expect(source.bracketProvenance('binanceusdm:BTC/USDT:USDT')).toBe('recorded');
    expect(source.bracketProvenance('bybit:BTC/USDT:USDT')).toBe('illustrative');
    expect((await source.marginBrackets('deribit:BTC/USD:BTC'))[0]?.mmr).toBeCloseTo(0.005625, 12);
  });
});

describe('demo derivatives source: funding', () => {
  it("realises at the funding time each venue's rule on the window's premiums", async () => {
    const { desk, source } = setUp();
    const samples = new Map<string, number[]>();
    run(desk, FUNDING - STEP, samples);
    // One step before the funding time: the prediction is predictFundingRate on the samples so far.
    for (const perp of DEMO_PERPS) {
      const id = perp.market.instrumentId;
      const s = samples.get(id) ?? [];
      const snap = source.fundingSnapshot(id);
      expect(snap?.nextFundingMs).toBe(FUNDING);
      if (perp.rule.venue !== 'deribit') {
        expect(snap?.fundingRate).toBeCloseTo(
          predictFundingRate(s, s.length + 1, perp.rule).rate,
          14,
        );
      }
    }
    desk.advance(STEP, false, false);
    for (const perp of DEMO_PERPS) {
      const id = perp.market.instrumentId;
      const s = [...(samples.get(id) ?? []), desk.fundingState().perps[id]?.premium ?? 0];
      expect(s).toHaveLength(240);
      const expected =
        perp.rule.venue === 'deribit'
          ? s.reduce((a, p) => a + fundingRateFromPremium(p, perp.rule).rate, 0) / s.length
          : fundingRateFromSamples(s, perp.rule).rate;
      const live = (await source.fundingHistory(id, FUNDING, FUNDING)).filter(
        (p) => p.source === 'live',
      );
      expect(live).toHaveLength(1);
      expect(live[0]?.rate).toBeCloseTo(expected, 14);
      expect(live[0]?.markPrice).toBeGreaterThan(0);
      expect(source.fundingSnapshot(id)?.nextFundingMs).toBe(FUNDING + 8 * 3_600_000);
    }
  });

  it('seeds Binance BTC from the real daily means (three funding times a day) and tags the rest', async () => {
    const { source } = setUp();
    const csv = parseCsv(
      readFileSync(`${ASSETS_DIR}/data/binance_btcusdt_funding_daily_mean_2019-2026.csv`, 'utf8'),
    );
    const row = csv.rows.find((r) => r['date'] === '2020-03-13');
    const mean = csvNumber(row?.['funding_mean']);
    const day = Date.UTC(2020, 2, 13);
    const pts = await source.fundingHistory('binanceusdm:BTC/USDT:USDT', day, day + 86_399_999);
    expect(pts.map((p) => p.tsMs)).toEqual([day, day + 8 * 3_600_000, day + 16 * 3_600_000]);
    for (const p of pts) {
      expect(p.source).toBe('recorded');
      expect(p.rate).toBe(mean);
    }
    const bybit = await source.fundingHistory('bybit:BTC/USDT:USDT', day, day + 86_399_999);
    expect(bybit.every((p) => p.source === 'synthetic')).toBe(true);
    const after = await source.fundingHistory(
      'binanceusdm:BTC/USDT:USDT',
      Date.UTC(2026, 5, 1),
      Date.UTC(2026, 5, 2),
    );
    expect(after.every((p) => p.source === 'synthetic' && Number.isFinite(p.rate))).toBe(true);
    // Deterministic: another source on the same seed gives the same synthetic history.
    const again = await setUp().source.fundingHistory(
      'okx:ETH/USDT:USDT',
      Date.UTC(2025, 0, 1),
      Date.UTC(2025, 1, 1),
    );
    expect(again).toEqual(
      await source.fundingHistory('okx:ETH/USDT:USDT', Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 1)),
    );
    expect(again).toHaveLength(31 * 3 + 1);
  });
});

describe('demo derivatives source: margin accounts', () => {
  function inputOf(
    state: Awaited<ReturnType<DemoDerivativesSource['accountStates']>>[number],
    source: DemoDerivativesSource,
    brackets: MarginAccountInput['brackets'],
  ): MarginAccountInput {
    return {
      account: state,
      name: state.accountId,
      markets: source.listPerps(),
      brackets,
      vols: {},
    };
  }

  it('opens the Binance account at 600% and Deribit at 2500%, reports liquidation prices', async () => {
    const { source } = setUp();
    const states = await source.accountStates();
    expect(states.map((s) => [s.accountId, s.currency])).toEqual([
      ['demo-binance', 'USDT'],
      ['demo-deribit', 'BTC'],
    ]);
    for (const [state, ratio] of [
      [states[0], 6],
      [states[1], 25],
    ] as const) {
      if (!state) throw new Error('missing account');
      const brackets: Record<string, MarginBracket[]> = {};
      for (const p of state.positions)
        brackets[p.instrumentId] = await source.marginBrackets(p.instrumentId);
      const spec = accountSpecs(inputOf(state, source, brackets))?.cross;
      if (!spec) throw new Error('no cross account');
      const e = evaluateAccount(spec);
      expect(e.marginRatio).toBeCloseTo(ratio, 9);
      for (const s of e.symbols) {
        const reported = state.positions.find(
          (p) => p.instrumentId === s.symbol,
        )?.liquidationPriceReported;
        expect(Math.abs((reported ?? 0) - (s.solution.liquidationPrice ?? 0))).toBeLessThanOrEqual(
          0.25,
        );
      }
    }
    expect(states[1]?.positions).toEqual([
      expect.objectContaining({
        instrumentId: 'deribit:BTC/USD:BTC',
        side: 'short',
        contracts: 40_000,
      }),
    ]);
  });

  it('pays funding into the wallets at the funding time', async () => {
    const { desk, source, book } = setUp();
    const before = await source.accountStates();
    run(desk, FUNDING + STEP, new Map());
    const after = await source.accountStates();
    const state = desk.fundingState();
    for (const [i, acct] of before.entries()) {
      let flow = 0;
      for (const pos of book.positions.filter((p) => p.accountId === acct.accountId)) {
        const perp = DEMO_PERPS.find((d) => d.market.instrumentId === pos.instrumentId);
        const point = state.perps[pos.instrumentId]?.realised.find((p) => p.tsMs === FUNDING);
        if (!perp || !point?.markPrice) continue;
        flow += fundingCashFlow(
          { type: perp.market.settlement, contractSize: perp.market.contractSize },
          pos.quantity > 0 ? 'long' : 'short',
          Math.abs(pos.quantity),
          point.markPrice,
          point.rate,
        );
      }
      expect(flow).not.toBe(0);
      expect((after[i]?.walletBalance ?? 0) - acct.walletBalance).toBeCloseTo(flow, 9);
    }
  });

  it('tops an account up to 300% when its ratio falls to 110%', async () => {
    const { source } = setUp();
    const [state] = await source.accountStates();
    if (!state) throw new Error('no account');
    const brackets: Record<string, MarginBracket[]> = {};
    for (const p of state.positions)
      brackets[p.instrumentId] = await source.marginBrackets(p.instrumentId);
    const input = inputOf(state, source, brackets);
    const e = evaluateAccount(accountSpecs(input)?.cross ?? (undefined as never));
    const upnl = e.marginBalance - state.walletBalance;
    const entry = {
      walletBalance: 1.05 * e.maintenanceRequirement - upnl,
      fundingAppliedToMs: 0,
      deposits: [],
    };
    const amount = topUp(entry, input, 123);
    expect(amount).toBeGreaterThan(0);
    expect((entry.walletBalance + upnl) / e.maintenanceRequirement).toBeCloseTo(TOP_UP_TO, 9);
    expect(entry.deposits).toEqual([{ tsMs: 123, amount }]);
    expect(topUp(entry, input, 124)).toBe(0);
    expect(ledgerOf({ accounts: { x: { walletBalance: 'bad' } } })).toEqual({
      accounts: {},
      marginSystems: {},
    });
  });
});
