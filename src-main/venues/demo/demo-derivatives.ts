/**
 * The demo desk as a DerivativesSource: the perps of four simulated venues (demo-perp-markets.ts)
 * with live funding from the desk (demo-funding.ts), history generated before the desk ran
 * (demo-funding-history.ts), margin brackets from assets/venues/margin-brackets.json, and the
 * margin accounts of the sample book's Binance (USDT, cross) and Deribit (BTC, cross) accounts.
 *
 * The simulated venue keeps a ledger: funding is paid into or out of the wallets at each funding
 * time, and the demo trader tops an account up to 300% when its margin ratio falls to 110% (the
 * demo never liquidates; the Margin screen still sees warning and danger). Deribit's options are
 * margined too on the real venue; only perpetuals count here.
 *
 * For the Funding screen's checks it also gives each perp's book top and simulated index
 * constituents, and lists Deribit-style and Binance dated BTC futures (demo-market-checks.ts);
 * an account switched to portfolio margin (setMarginSystem, kept in the ledger) reports its spot
 * coins as collateral (demo-portfolio-margin.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Account, Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import type {
  AccountMarginState,
  FundingPoint,
  FundingSnapshot,
  FutureMarket,
  FutureSnapshot,
  MarginBracket,
  MarkInputs,
  PerpMarket,
  VenuePerpPosition,
} from '../../../shared/domain/derivatives';
import { evaluateAccount } from '../../../shared/quant/perps/account-liquidation';
import { fundingCashFlow } from '../../../shared/quant/perps/funding-payment';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import { accountSpecs } from '../../../shared/quant/perps-live/margin-spec';
import type { DerivativesSource } from '../derivatives-source';
import type { DemoDesk } from './demo-desk';
import {
  baseFundingSeries,
  perpFundingSeries,
  readBinanceFundingDaily,
  type DailyFunding,
} from './demo-funding-history';
import { DEMO_PERPS, demoPerp } from './demo-perp-markets';
import { initialWallet, ledgerOf, topUp, type DemoLedger } from './demo-ledger';
import { spotCollateral } from './demo-portfolio-margin';
import { demoFutureMarkets, demoFutureSnapshot, demoMarkInputs } from './demo-market-checks';

export interface DemoDerivativesOptions {
  desk: DemoDesk;
  assetsDir: string;
  seed: number;
  /** The book's accounts and positions (the sample book lives in the store). */
  book: () => {
    accounts: readonly Account[];
    positions: readonly Position[];
    instruments?: readonly Instrument[];
  };
}

/** The venue refreshes its reported liquidation prices this often (model time). */
const REPORT_EVERY_MS = 5_000;

interface BracketFile {
  brackets: Record<string, { provenance: string; source: string; rows: [number, number][] }>;
}

export class DemoDerivativesSource implements DerivativesSource {
  readonly id = 'demo';
  private readonly daily: DailyFunding[];
  private readonly brackets: BracketFile['brackets'];
  private generated: { untilMs: number; series: Map<string, FundingPoint[]> } | undefined;
  private reported = new Map<string, { tsMs: number; prices: Map<string, number> }>();

  constructor(private readonly opts: DemoDerivativesOptions) {
    this.daily = readBinanceFundingDaily(join(opts.assetsDir, 'data'));
    const file = JSON.parse(
      readFileSync(join(opts.assetsDir, 'venues', 'margin-brackets.json'), 'utf8'),
    ) as BracketFile;
    this.brackets = file.brackets;
  }

  listPerps(): PerpMarket[] {
    return DEMO_PERPS.map((p) => p.market);
  }

  fundingSnapshot(instrumentId: string): FundingSnapshot | undefined {
    return this.opts.desk.view().perps[instrumentId];
  }

  markInputs(instrumentId: string): MarkInputs | undefined {
    return demoMarkInputs(this.opts.desk.view(), this.opts.seed, instrumentId);
  }

  listFutures(): FutureMarket[] {
    return demoFutureMarkets(this.opts.desk.view().tsMs);
  }

  futureSnapshot(instrumentId: string): FutureSnapshot | undefined {
    return demoFutureSnapshot(this.opts.desk.view(), instrumentId);
  }

  /** Where each perp's brackets come from (recorded / illustrative / approximation). */
  bracketProvenance(instrumentId: string): string | undefined {
    return this.brackets[instrumentId]?.provenance;
  }

  private generatedSeries(instrumentId: string, nowMs: number): FundingPoint[] {
    // Regenerated once per funding time at most: the series only grows at its end.
    const untilMs = Math.floor(nowMs / (8 * 3_600_000)) * 8 * 3_600_000 + 1;
    if (!this.generated || this.generated.untilMs !== untilMs) {
      const base = baseFundingSeries(this.daily, untilMs, this.opts.seed);
      const series = new Map<string, FundingPoint[]>();
      DEMO_PERPS.forEach((p, i) =>
        series.set(p.market.instrumentId, perpFundingSeries(p, base, this.opts.seed, i)),
      );
      this.generated = { untilMs, series };
    }
    return this.generated.series.get(instrumentId) ?? [];
  }

  async fundingHistory(
    instrumentId: string,
    fromMs: number,
    toMs: number,
  ): Promise<FundingPoint[]> {
    if (!demoPerp(instrumentId))
      throw new Error(`the demo desk lists no perpetual ${instrumentId}`);
    const desk = this.opts.desk;
    const nowMs = desk.view().tsMs;
    const live = desk.fundingState().perps[instrumentId]?.realised ?? [];
    const liveTimes = new Set(live.map((p) => p.tsMs));
    const out: FundingPoint[] = [];
    for (const p of this.generatedSeries(instrumentId, nowMs)) {
      if (p.tsMs >= fromMs && p.tsMs <= toMs && p.tsMs <= nowMs && !liveTimes.has(p.tsMs))
        out.push(p);
    }
    for (const p of live) if (p.tsMs >= fromMs && p.tsMs <= toMs) out.push({ ...p });
    return out.sort((a, b) => a.tsMs - b.tsMs);
  }

  async marginBrackets(instrumentId: string): Promise<MarginBracket[]> {
    const rows = this.brackets[instrumentId]?.rows;
    if (!rows) return [];
    return tiersFromBrackets(rows).map((t) => ({
      floor: t.floor,
      cap: t.cap,
      mmr: t.mmr,
      maintAmount: t.maintAmount,
    }));
  }

  /** Switches a demo account between standard and portfolio margin (kept with the desk). */
  setMarginSystem(accountId: string, system: 'standard' | 'portfolio'): void {
    const ledger = ledgerOf(this.opts.desk.ledger);
    ledger.marginSystems[accountId] = system;
    this.opts.desk.ledger = ledger;
  }

  async accountStates(): Promise<AccountMarginState[]> {
    const { accounts, positions, instruments = [] } = this.opts.book();
    const view = this.opts.desk.view();
    const ledger: DemoLedger = ledgerOf(this.opts.desk.ledger);
    const out: AccountMarginState[] = [];
    for (const account of accounts) {
      const perps: VenuePerpPosition[] = [];
      const held: { position: Position; market: PerpMarket }[] = [];
      for (const pos of positions) {
        const perp = pos.accountId === account.id ? demoPerp(pos.instrumentId) : undefined;
        const snap = perp ? view.perps[perp.market.instrumentId] : undefined;
        if (!perp || !snap || pos.quantity === 0) continue;
        held.push({ position: pos, market: perp.market });
        perps.push({
          instrumentId: pos.instrumentId,
          side: pos.quantity > 0 ? 'long' : 'short',
          contracts: Math.abs(pos.quantity),
          entryPrice: pos.avgPrice,
          markPrice: snap.markPrice,
          leverage: pos.leverage,
          marginMode: account.marginMode === 'isolated' ? 'isolated' : 'cross',
        });
      }
      if (perps.length === 0) continue;
      const state: AccountMarginState = {
        accountId: account.id,
        venue: account.venue,
        tsMs: view.tsMs,
        currency: account.baseCurrency,
        walletBalance: 0,
        positions: perps,
      };
      const brackets: Record<string, MarginBracket[]> = {};
      for (const h of held)
        brackets[h.market.instrumentId] = await this.marginBrackets(h.market.instrumentId);
      const input = {
        account: state,
        name: account.name,
        markets: held.map((h) => h.market),
        brackets,
        vols: {},
      };
      let entry = ledger.accounts[account.id];
      if (!entry) {
        entry = {
          walletBalance: initialWallet(input),
          fundingAppliedToMs: view.tsMs,
          deposits: [],
        };
        ledger.accounts[account.id] = entry;
      }
      entry.walletBalance += this.fundingSince(held, entry.fundingAppliedToMs, view.tsMs);
      entry.fundingAppliedToMs = view.tsMs;
      state.walletBalance = entry.walletBalance;
      topUp(entry, input, view.tsMs);
      state.walletBalance = entry.walletBalance;
      this.attachReported(state, input);
      if (ledger.marginSystems[account.id] === 'portfolio') {
        state.marginSystem = 'portfolio';
        state.collateral = spotCollateral(account.id, positions, instruments, (u) =>
          u in view.spot ? view.spot[u as keyof typeof view.spot] : undefined,
        );
      }
      out.push(state);
    }
    // A margin-system switch made while this ran is kept.
    ledger.marginSystems = ledgerOf(this.opts.desk.ledger).marginSystems;
    this.opts.desk.ledger = ledger;
    return out;
  }

  /** Funding paid into the wallet for realised funding times in (fromMs, toMs]. */
  private fundingSince(
    held: readonly { position: Position; market: PerpMarket }[],
    fromMs: number,
    toMs: number,
  ): number {
    let flow = 0;
    const state = this.opts.desk.fundingState();
    for (const h of held) {
      for (const p of state.perps[h.market.instrumentId]?.realised ?? []) {
        if (p.tsMs <= fromMs || p.tsMs > toMs || p.markPrice === undefined) continue;
        flow += fundingCashFlow(
          { type: h.market.settlement, contractSize: h.market.contractSize },
          h.position.quantity > 0 ? 'long' : 'short',
          Math.abs(h.position.quantity),
          p.markPrice,
          p.rate,
        );
      }
    }
    return flow;
  }

  /** The venue's own liquidation prices, refreshed every few seconds and rounded to its tick. */
  private attachReported(
    state: AccountMarginState,
    input: Parameters<typeof accountSpecs>[0],
  ): void {
    let cached = this.reported.get(state.accountId);
    if (!cached || state.tsMs - cached.tsMs >= REPORT_EVERY_MS || state.tsMs < cached.tsMs) {
      const prices = new Map<string, number>();
      const specs = accountSpecs(input);
      if (specs?.cross) {
        const tick = specs.type === 'inverse' ? 0.5 : 0.1;
        for (const s of evaluateAccount(specs.cross).symbols) {
          const p = s.solution.liquidationPrice;
          if (p !== null && p > 0) prices.set(s.symbol, Math.round(p / tick) * tick);
        }
      }
      cached = { tsMs: state.tsMs, prices };
      this.reported.set(state.accountId, cached);
    }
    for (const p of state.positions) {
      const reported = cached.prices.get(p.instrumentId);
      if (reported !== undefined) p.liquidationPriceReported = reported;
    }
  }
}
