/**
 * The demo desk gateway: a seeded market simulator that ticks several times a second and
 * quotes whatever the app subscribes to. Deterministic: the path depends only on the seed, the
 * initial state and the number of ticks (`tickMs` of model time each), never on timer jitter.
 */
import type { FundingSnapshot } from '../../../shared/domain/derivatives';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { MS_PER_DAY, utcDayStartMs } from '../../../shared/domain/time';
import { createRng, type Rng } from '../../../shared/quant/math/rng';
import type { ConnectionState, MarketUpdate, OptionChain, VenueGateway } from '../venue-gateway';
import { DEMO_UNDERLYINGS, type DemoUnderlying } from '../../../shared/sim/demo-universe';
import {
  instantVolOf,
  longRunVarOf,
  spotOf,
  stepMarket,
  varianceKappaOf,
  type MarketState,
} from '../../../shared/sim/market-model';
import { demoCarry, quoteInstrument, type DemoMarketView } from '../../../shared/sim/demo-quotes';
import { demoImpliedVol, type SmileInputs } from '../../../shared/sim/demo-smile';
import { quoteDemoChain } from '../../../shared/sim/demo-chain';
import {
  completeFundingState,
  fundingSnapshotOf,
  stepFunding,
  type DemoFundingState,
} from './demo-funding';
import { DEMO_PERPS } from './demo-perp-markets';

/** Generator stream of the perp premiums, apart from the market's so its path is unchanged. */
const FUNDING_STREAM = 101;

export interface DemoDeskState {
  market: MarketState;
  tsMs: number;
  prevClose: Record<DemoUnderlying, number>;
  /** Perp premiums and funding windows (absent in states saved before the venues were added). */
  funding?: DemoFundingState | undefined;
  /** The simulated venues' account ledger (wallet balances), kept by the derivatives source. */
  ledger?: unknown;
}

export interface DemoDeskOptions {
  seed: number;
  startMs: number;
  initial: MarketState;
  /** Close of the previous UTC day per underlying. */
  prevClose: Record<DemoUnderlying, number>;
  funding?: DemoFundingState | undefined;
  ledger?: unknown;
  /** Real milliseconds between ticks. */
  tickMs?: number;
  /** Injected timer so tests can step manually; defaults to setInterval. */
  schedule?: (fn: () => void, everyMs: number) => () => void;
  /** Wall clock the timer catches up with; defaults to Date.now. */
  clock?: () => number;
  /** Quotes a whole chain; the app passes one that runs in the compute pool. Default: in-thread. */
  chainQuoter?: (view: DemoMarketView, underlying: string) => Promise<OptionChain>;
}

export class DemoDesk implements VenueGateway {
  readonly id = 'demo';
  readonly label = 'Demo desk (simulated market)';
  readonly capabilities = { positions: true, streaming: true, optionChains: true, funding: true };
  private market: MarketState;
  private readonly rng: Rng;
  private tsMs: number;
  private dayStartMs: number;
  private prevClose: Record<DemoUnderlying, number>;
  private funding: DemoFundingState;
  private readonly fundingRng: Rng;
  /** Opaque to the desk: saved and restored with it. */
  ledger: unknown;
  private subscribed: Instrument[] = [];
  private listeners = new Set<(u: MarketUpdate) => void>();
  private stopTimer: (() => void) | undefined;
  private last: MarketUpdate;
  readonly tickMs: number;

  constructor(private readonly opts: DemoDeskOptions) {
    this.rng = createRng(opts.seed);
    this.market = opts.initial;
    this.tsMs = opts.startMs;
    this.dayStartMs = utcDayStartMs(opts.startMs);
    this.prevClose = { ...opts.prevClose };
    this.fundingRng = createRng(opts.seed, FUNDING_STREAM);
    this.funding = completeFundingState(opts.funding, opts.startMs, opts.initial.perpPremium);
    this.ledger = opts.ledger;
    this.tickMs = opts.tickMs ?? 250;
    this.last = this.buildUpdate();
  }

  async start(): Promise<void> {
    if (this.stopTimer) return;
    const schedule =
      this.opts.schedule ??
      ((fn: () => void, every: number) => {
        const h = setInterval(fn, every);
        h.unref?.();
        return () => clearInterval(h);
      });
    this.stopTimer = schedule(() => this.catchUp((this.opts.clock ?? Date.now)()), this.tickMs);
  }

  /**
   * Advances in fixed `tickMs` steps until model time reaches `nowMs`: the path stays on a fixed
   * grid (deterministic) while model time keeps up with the wall clock despite timer jitter.
   * Listeners hear only the last step.
   */
  catchUp(nowMs: number): void {
    const dt = this.tickMs;
    const steps = Math.min(Math.floor((nowMs - this.tsMs) / dt), 10_000);
    if (steps <= 0) return;
    for (let i = 0; i < steps - 1; i++) this.advance(dt, false);
    this.advance(dt, true);
  }

  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }

  state(): ConnectionState {
    return this.stopTimer ? 'connected' : 'disconnected';
  }

  subscribe(instruments: readonly Instrument[]): void {
    this.subscribed = [...instruments];
    this.last = this.buildUpdate();
  }

  onUpdate(listener: (u: MarketUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(): MarketUpdate {
    return this.last;
  }

  /** Everything needed to resume this path later (persisted by the app between launches). */
  saveState(): DemoDeskState {
    return {
      market: this.market,
      tsMs: this.tsMs,
      prevClose: { ...this.prevClose },
      funding: this.funding,
      ledger: this.ledger,
    };
  }

  /** Advances one tick and notifies listeners; public so tests and the CLI can drive it. */
  tick(): MarketUpdate {
    return this.advance(this.tickMs);
  }

  /**
   * Advances the model by `dtMs`. `notify` tells listeners; `quote: false` skips quoting the
   * subscribed instruments (warm-up only needs the underlyings).
   */
  advance(dtMs: number, notify = true, quote = true): MarketUpdate {
    this.market = stepMarket(this.market, dtMs, this.rng);
    this.tsMs += dtMs;
    if (this.tsMs >= this.dayStartMs + MS_PER_DAY) {
      for (const u of DEMO_UNDERLYINGS) this.prevClose[u] = spotOf(this.market, u);
      this.dayStartMs = utcDayStartMs(this.tsMs);
    }
    if (this.tsMs >= this.funding.fundingDueMs) {
      this.market = { ...this.market, premiumSum: 0, premiumCount: 0 };
    }
    const market = this.market;
    this.funding = stepFunding(
      this.funding,
      {
        dtMs,
        tsMs: this.tsMs,
        referencePremium: market.perpPremium,
        spot: (u) => spotOf(market, u as DemoUnderlying),
      },
      this.fundingRng,
    );
    this.last = this.buildUpdate(quote);
    if (notify) for (const l of this.listeners) l(this.last);
    return this.last;
  }

  view(): DemoMarketView {
    const spot = {} as Record<DemoUnderlying, number>;
    const smile = {} as Record<DemoUnderlying, SmileInputs>;
    for (const u of DEMO_UNDERLYINGS) {
      spot[u] = spotOf(this.market, u);
      const vol = instantVolOf(this.market, u);
      smile[u] = {
        underlying: u,
        instantVar: vol * vol,
        longRunVar: longRunVarOf(u),
        kappa: varianceKappaOf(u),
      };
    }
    return {
      tsMs: this.tsMs,
      dayStartMs: this.dayStartMs,
      spot,
      prevClose: this.prevClose,
      smile,
      perps: this.perpSnapshots(spot),
    };
  }

  private perpSnapshots(spot: Record<DemoUnderlying, number>): Record<string, FundingSnapshot> {
    const out: Record<string, FundingSnapshot> = {};
    for (const p of DEMO_PERPS) {
      const s = spot[p.market.underlying as DemoUnderlying];
      out[p.market.instrumentId] = fundingSnapshotOf(this.funding, p, this.tsMs, s);
    }
    return out;
  }

  /** Funding windows and realised rates of the demo perps (the derivatives source reads them). */
  fundingState(): DemoFundingState {
    return this.funding;
  }

  private underlyingStates(view: DemoMarketView): UnderlyingState[] {
    return DEMO_UNDERLYINGS.map((u) => {
      const { rate, carryYield } = demoCarry(u);
      const s = view.spot[u];
      // 30-day ATM vol of the smile: what a trader calls "the vol" of the name.
      const atmVol = demoImpliedVol(view.smile[u], s, s, 30 / 365);
      return {
        underlying: u,
        tsMs: view.tsMs,
        spot: s,
        rate,
        carryYield,
        atmVol,
        prevClose: view.prevClose[u],
      };
    });
  }

  private buildUpdate(quote = true): MarketUpdate {
    const view = this.view();
    const quotes: Quote[] = [];
    for (const inst of quote ? this.subscribed : []) {
      const q = quoteInstrument(inst, view);
      if (q) quotes.push(q);
    }
    return { tsMs: view.tsMs, quotes, underlyings: this.underlyingStates(view) };
  }

  /** Quotes the whole chain at the current view, through the injected quoter (a worker in the app). */
  getChain(underlying: string): Promise<OptionChain> {
    const quoter = this.opts.chainQuoter ?? (async (view, u) => quoteDemoChain(view, u));
    return quoter(this.view(), underlying);
  }
}
