/**
 * Margin & liquidation across derivatives accounts: about once a second asks every source for
 * its margin accounts, has the worker pool compute each account's report (ratio, band,
 * liquidation prices, ladder), raises an alert when an account's band changes (with hysteresis,
 * persisted until acknowledged) and pushes `margin.updated`. Liquidation probabilities run on
 * request as cancellable Monte Carlo jobs with progress events.
 */
import type {
  MarginAlert,
  MarginReport,
  ProbabilityResult,
} from '../../../shared/contract/features/margin.api';
import type { MarginBracket, PerpMarket } from '../../../shared/domain/derivatives';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../shared/domain/time';
import type { MarginLevel } from '../../../shared/quant/perps/margin-levels';
import type { MarginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import {
  DEFAULT_HYSTERESIS,
  marginTransition,
  transitionMessage,
} from '../../../shared/quant/perps-live/margin-alerts';
import type { DerivativesSource } from '../../venues/derivatives-source';
import type { TicketInstruments } from '../../../shared/contract/features/margin-trade.schemas';
import type { TradePreview } from '../../../shared/quant/perps-live/pre-trade';
import type { TradeTicket } from '../../../shared/quant/perps-live/trade-apply';
import { perpVenueOf } from '../../../shared/quant/perps-live/margin-spec';
import { inputWithInstrument, markOf, ticketInstruments, type AccountEntry } from './trade-ticket';
import {
  ProbabilityRunner,
  type MarginCompute,
  type ProbabilityRequest,
} from './probability-runner';

export interface MarginStore {
  insertMarginAlert(alert: Omit<MarginAlert, 'id' | 'acknowledgedMs'>): Promise<MarginAlert>;
  listMarginAlerts(includeAcknowledged?: boolean, limit?: number): Promise<MarginAlert[]>;
  acknowledgeMarginAlerts(ids: number[] | undefined, nowMs: number): Promise<number>;
  countOpenMarginAlerts(): Promise<number>;
  lastMarginLevels(): Promise<Record<string, MarginLevel>>;
  dailyCloses(
    series: string,
    fromMs?: number,
    toMs?: number,
  ): Promise<{ tsMs: number; close: number }[]>;
}

export interface MarginServiceDeps {
  sources: () => readonly DerivativesSource[];
  store: MarginStore;
  compute: MarginCompute;
  /** Annual ATM vol per underlying (the market's risk factors). */
  vols: () => Record<string, number>;
  accountName: (accountId: string) => string | undefined;
  emitReport: (report: MarginReport) => void;
  emitAlert: (alert: MarginAlert) => void;
  emitProgress: (p: {
    requestId: string;
    accountId: string;
    pathsDone: number;
    pathsTotal: number;
  }) => void;
  now: () => number;
  hysteresis?: number;
}

const BRACKETS_TTL_MS = MS_PER_HOUR;

export class MarginService {
  private levels = new Map<string, MarginLevel>();
  private inputs = new Map<string, AccountEntry>();
  private brackets = new Map<string, { rows: MarginBracket[]; fetchedMs: number }>();
  private latest: MarginReport | null = null;
  private inFlight: Promise<MarginReport> | null = null;
  private readonly runner: ProbabilityRunner;
  failures = 0;
  lastError: string | undefined;

  constructor(private readonly deps: MarginServiceDeps) {
    this.runner = new ProbabilityRunner(deps.compute, deps.emitProgress, deps.now);
  }

  /** Resumes each account's alert level from the store, then evaluates once. */
  async start(): Promise<void> {
    const saved = await this.deps.store.lastMarginLevels();
    for (const [id, level] of Object.entries(saved)) this.levels.set(id, level);
    await this.refresh();
  }

  private readonly bracketsOf = (source: DerivativesSource, id: string) =>
    this.bracketsFor(source, id, this.deps.now());

  private async bracketsFor(
    source: DerivativesSource,
    id: string,
    nowMs: number,
  ): Promise<MarginBracket[]> {
    const key = `${source.id}\u0000${id}`;
    const cached = this.brackets.get(key);
    if (cached && nowMs - cached.fetchedMs < BRACKETS_TTL_MS) return cached.rows;
    const rows = await source.marginBrackets(id);
    this.brackets.set(key, { rows, fetchedMs: nowMs });
    return rows;
  }

  private async gather(nowMs: number): Promise<{ skipped: MarginReport['skipped'] }> {
    const skipped: MarginReport['skipped'] = [];
    const vols = this.deps.vols();
    const inputs = new Map<string, AccountEntry>();
    for (const source of this.deps.sources()) {
      let states;
      try {
        states = await source.accountStates();
      } catch (err) {
        skipped.push({
          accountId: source.id,
          reason: err instanceof Error ? err.message : String(err),
        });
        continue;
      }
      const markets: PerpMarket[] = source.listPerps();
      for (const account of states) {
        const brackets: Record<string, MarginBracket[]> = {};
        for (const p of account.positions) {
          brackets[p.instrumentId] = await this.bracketsFor(source, p.instrumentId, nowMs);
        }
        inputs.set(account.accountId, {
          source,
          input: {
            account,
            name: this.deps.accountName(account.accountId) ?? account.accountId,
            markets,
            brackets,
            vols,
          },
        });
      }
    }
    this.inputs = inputs;
    return { skipped };
  }

  /** One evaluation of every account (a call while one runs shares its result). */
  refresh(): Promise<MarginReport> {
    this.inFlight ??= this.evaluate().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async evaluate(): Promise<MarginReport> {
    const nowMs = this.deps.now();
    try {
      const { skipped } = await this.gather(nowMs);
      const entries = [...this.inputs.values()];
      const reports = await this.deps.compute.reports(entries.map((e) => e.input));
      const accounts: MarginAccountReport[] = [];
      reports.forEach((r, i) => {
        const e = entries[i];
        if (r) accounts.push(r);
        else if (e)
          skipped.push({
            accountId: e.input.account.accountId,
            reason: 'no perpetual positions Cerberus can evaluate',
          });
      });
      for (const r of accounts) await this.checkAlert(r, nowMs);
      const report: MarginReport = {
        tsMs: nowMs,
        accounts,
        skipped,
        switchableAccounts: entries
          .filter(
            (e) => e.source.setMarginSystem && perpVenueOf(e.input.account.venue) === 'binance',
          )
          .map((e) => e.input.account.accountId),
        unacknowledgedAlerts: await this.deps.store.countOpenMarginAlerts(),
      };
      this.latest = report;
      this.deps.emitReport(report);
      return report;
    } catch (err) {
      this.failures++;
      this.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  private async checkAlert(r: MarginAccountReport, nowMs: number): Promise<void> {
    const prev = this.levels.get(r.accountId) ?? 'safe';
    const t = marginTransition(prev, r.marginRatio, this.deps.hysteresis ?? DEFAULT_HYSTERESIS);
    if (!t) return;
    this.levels.set(r.accountId, t.to);
    const alert = await this.deps.store.insertMarginAlert({
      tsMs: nowMs,
      accountId: r.accountId,
      accountName: r.name,
      from: t.from,
      to: t.to,
      direction: t.direction,
      marginRatio: r.marginRatio,
      message: transitionMessage(r.name, t, r.marginRatio),
    });
    this.deps.emitAlert(alert);
  }

  async report(): Promise<MarginReport> {
    return this.latest ?? this.refresh();
  }

  level(accountId: string): MarginLevel {
    return this.levels.get(accountId) ?? 'safe';
  }

  private async entry(accountId: string): Promise<AccountEntry> {
    if (!this.inputs.has(accountId)) await this.refresh();
    const entry = this.inputs.get(accountId);
    if (!entry) throw new Error(`no derivatives account "${accountId}"`);
    return entry;
  }

  async computeProbability(req: ProbabilityRequest): Promise<ProbabilityResult> {
    const entry = await this.entry(req.accountId);
    const nowMs = this.deps.now();
    const input = req.trade
      ? await inputWithInstrument(entry, req.trade.instrumentId, this.bracketsOf)
      : entry.input;
    const tradeMark = req.trade ? markOf(entry, req.trade.instrumentId) : undefined;
    const fundingRates: Record<string, number> = {};
    const underlyings = new Set<string>();
    const ids = input.account.positions.map((p) => p.instrumentId);
    if (req.trade) ids.push(req.trade.instrumentId);
    for (const id of ids) {
      const snap = entry.source.fundingSnapshot(id);
      if (snap) fundingRates[id] = snap.fundingRate;
      const market = input.markets.find((m) => m.instrumentId === id);
      if (market) underlyings.add(market.underlying);
    }
    const closes: Record<string, { tsMs: number; close: number }[]> = {};
    for (const u of underlyings)
      closes[u] = await this.deps.store.dailyCloses(u, nowMs - 400 * MS_PER_DAY, nowMs);
    return this.runner.run(req, input, fundingRates, closes, tradeMark);
  }

  /** Perps the trade ticket can trade in the account. */
  async ticketInstruments(accountId: string): Promise<TicketInstruments> {
    return ticketInstruments(await this.entry(accountId));
  }

  /** Before/after margin state of a trade, computed in the pool like the live report. */
  async previewTrade(accountId: string, ticket: TradeTicket): Promise<TradePreview> {
    const entry = await this.entry(accountId);
    const account = await inputWithInstrument(entry, ticket.instrumentId, this.bracketsOf);
    return this.deps.compute.preview({
      account,
      ticket,
      markPrice: markOf(entry, ticket.instrumentId),
    });
  }

  /** Standard or portfolio margin for a demo account (the source decides; live venues refuse). */
  async setMarginSystem(
    accountId: string,
    system: 'standard' | 'portfolio',
  ): Promise<{ accountId: string; system: 'standard' | 'portfolio' }> {
    const entry = await this.entry(accountId);
    if (!entry.source.setMarginSystem)
      throw new Error(
        `${entry.source.id}: the venue sets the margin system; switch it on the venue's site`,
      );
    entry.source.setMarginSystem(accountId, system);
    // An evaluation already running read the old system: wait for it, then evaluate again.
    await this.inFlight?.catch(() => undefined);
    await this.refresh();
    return { accountId, system };
  }

  cancelProbability(requestId: string): boolean {
    return this.runner.cancel(requestId);
  }

  listAlerts(includeAcknowledged = false, limit = 200): Promise<MarginAlert[]> {
    return this.deps.store.listMarginAlerts(includeAcknowledged, limit);
  }

  async acknowledge(ids: number[] | undefined): Promise<number> {
    const n = await this.deps.store.acknowledgeMarginAlerts(ids, this.deps.now());
    if (this.latest)
      this.latest = {
        ...this.latest,
        unacknowledgedAlerts: await this.deps.store.countOpenMarginAlerts(),
      };
    return n;
  }

  /** Cancels running probabilities and waits for an evaluation in flight. */
  async stop(): Promise<void> {
    this.runner.cancelAll();
    await this.inFlight?.catch(() => undefined);
  }
}
