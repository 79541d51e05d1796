/**
 * Live venue connections: keeps them (with their keys) in the encrypted credential store, opens
 * each as a venue of the ccxt gateway, checks what its key may do, reads its book on a timer,
 * and reports everything as `ConnectionsState` (keys masked) with `connections.changed` events
 * when something a user would see changes.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConnectionsState,
  ConnectionTest,
  ConnectionView,
  Desk,
  SaveConnectionInput,
} from '../../../shared/contract/features/connections.api';
import { ServiceError } from '../../../shared/contract/result';
import { backoffMs, DEFAULT_BACKOFF, errorMessage } from '../../venues/ccxt/backoff';
import { CcxtDerivativesSource } from '../../venues/ccxt/ccxt-derivatives-source';
import type { CcxtGateway } from '../../venues/ccxt/ccxt-gateway';
import type { CcxtVenue } from '../../venues/ccxt/ccxt-venue';
import { checkKeyPermissions, type KeyPermissions } from '../../venues/ccxt/key-permissions';
import { venueChainSource } from '../../venues/ccxt/venue-chain-source';
import { VENUE_PROFILES } from '../../venues/ccxt/venue-profiles';
import type { BookContents } from '../book/book.service';
import type { EventBus } from '../event-bus';
import type { ChainSource } from '../surface/chain-source';
import { runConnectionTest } from './connection-test';
import { connectionsState, connectionView, liveContentsOf } from './connection-views';
import type { CredentialStore, StoredConnection } from './credential-store';
import type { LiveDesk } from './live-desk';

const REOPEN_BACKOFF = { ...DEFAULT_BACKOFF, baseMs: 15_000, maxMs: 300_000 };

export interface ConnectionsOptions {
  now: () => number;
  bookRefreshMs: number;
  statusEventMs: number;
  maxBookAgeMs: number;
  newId?: () => string;
  permissionCheck?: typeof checkKeyPermissions;
  /** Underlyings whose perpetuals the funding and margin features see (default BTC, ETH). */
  watchUnderlyings?: readonly string[];
}

export class ConnectionsService {
  private conns: StoredConnection[] = [];
  private problems = new Map<string, string>();
  private opening = new Map<string, Promise<void>>();
  private sources = new Map<string, CcxtDerivativesSource>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private retries = new Map<string, { attempts: number; atMs: number }>();
  private lastSignature = '';
  desk!: LiveDesk;

  constructor(
    private readonly store: CredentialStore,
    private readonly gateway: CcxtGateway,
    private readonly bus: EventBus,
    private readonly opts: ConnectionsOptions,
  ) {}

  async start(): Promise<void> {
    try {
      this.conns = await this.store.load();
    } catch (err) {
      this.problems.set('store', `Saved connections could not be read: ${errorMessage(err)}`);
    }
    await this.gateway.start();
    for (const c of this.conns) void this.open(c);
    this.timers.push(setInterval(() => void this.refreshBooks(), this.opts.bookRefreshMs));
    this.timers.push(setInterval(() => this.emitIfChanged(), this.opts.statusEventMs));
    for (const t of this.timers) t.unref?.();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled(this.opening.values());
    await this.gateway.stop();
  }

  /** Resolves when every venue being opened has answered (or failed). */
  async whenOpened(): Promise<void> {
    await Promise.allSettled([...this.opening.values()]);
  }

  /** Loaded venue objects (for chain sources and tests). */
  venue(id: string): CcxtVenue | undefined {
    return this.gateway.venue(id);
  }

  /** Option-chain sources of the open venues that list options (for the vol surface). */
  chainSources(): ChainSource[] {
    return this.gateway
      .listVenues()
      .filter((v) => v.profile.optionCurrencies.length > 0)
      .map((v) => venueChainSource(v, this.opts.now));
  }

  derivativesSources(): CcxtDerivativesSource[] {
    return [...this.sources.values()];
  }

  liveContents(): BookContents {
    return liveContentsOf(this.gateway.listVenues());
  }

  state(): ConnectionsState {
    const nowMs = this.opts.now();
    return connectionsState({
      desk: this.desk.current(),
      cipher: this.store.cipher,
      connections: this.conns.map((c) => this.view(c, nowMs)),
      live: this.liveContents(),
      nowMs,
    });
  }

  private view(c: StoredConnection, nowMs: number): ConnectionView {
    const v = this.gateway.venue(c.id);
    const book = v?.book();
    return connectionView(c, {
      health: v?.status.snapshot(nowMs),
      instruments: v?.listInstruments().length ?? 0,
      positions: book?.positions.length ?? 0,
      lastBookMs: book?.tsMs,
      problem: this.problems.get(c.id) ?? this.problems.get('store'),
    });
  }

  async save(input: SaveConnectionInput): Promise<ConnectionView> {
    const nowMs = this.opts.now();
    const existing = input.id ? this.conns.find((c) => c.id === input.id) : undefined;
    if (input.id && !existing) throw new ServiceError('not-found', `no connection "${input.id}"`);
    if (existing && existing.venue !== input.venue) {
      throw new ServiceError('invalid-input', 'a connection cannot change venue; add a new one');
    }
    if (
      input.apiKey &&
      VENUE_PROFILES[input.venue].needsPassword &&
      !input.password &&
      !existing?.password
    ) {
      throw new ServiceError(
        'invalid-input',
        `${VENUE_PROFILES[input.venue].label} keys need their passphrase`,
      );
    }
    const keyChanged =
      input.apiKey !== undefined || input.clearKey === true || input.sandbox !== existing?.sandbox;
    const next: StoredConnection = {
      id: existing?.id ?? (this.opts.newId ?? (() => randomUUID().slice(0, 8)))(),
      venue: input.venue,
      label: input.label,
      sandbox: input.sandbox,
      apiKey: input.clearKey ? undefined : (input.apiKey ?? existing?.apiKey),
      secret: input.clearKey ? undefined : (input.secret ?? existing?.secret),
      password: input.clearKey ? undefined : (input.password ?? existing?.password),
      createdMs: existing?.createdMs ?? nowMs,
      updatedMs: nowMs,
      permissions: keyChanged ? undefined : existing?.permissions,
    };
    this.conns = existing
      ? this.conns.map((c) => (c.id === next.id ? next : c))
      : [...this.conns, next];
    await this.persist();
    if (keyChanged || !existing) await this.open(next);
    this.emit();
    return this.view(next, this.opts.now());
  }

  async remove(id: string): Promise<void> {
    if (!this.conns.some((c) => c.id === id))
      throw new ServiceError('not-found', `no connection "${id}"`);
    this.conns = this.conns.filter((c) => c.id !== id);
    await this.persist();
    this.sources.delete(id);
    this.problems.delete(id);
    await this.gateway.removeVenue(id);
    this.afterBookChange();
    this.emit();
  }

  async test(id: string): Promise<ConnectionTest> {
    const c = this.conns.find((x) => x.id === id);
    if (!c) throw new ServiceError('not-found', `no connection "${id}"`);
    const steps = await runConnectionTest({
      venue: async () => {
        if (!this.gateway.venue(id)) await this.open(c);
        const v = this.gateway.venue(id);
        if (!v) throw new Error(this.problems.get(id) ?? 'the venue did not open');
        return v;
      },
      hasKey: !!(c.apiKey && c.secret),
      afterBookChange: () => this.afterBookChange(),
      checkPermissions: (v) => this.checkPermissions(c, v),
    });
    this.emit();
    return { ok: steps.every((s) => s.ok), steps, connection: this.view(c, this.opts.now()) };
  }

  async setDesk(desk: Desk): Promise<void> {
    if (desk === 'live' && !this.conns.some((c) => c.apiKey && c.secret)) {
      throw new ServiceError(
        'invalid-input',
        'add a venue with a read-only API key before switching to the live desk',
      );
    }
    await this.desk.set(desk);
    this.emit();
  }

  /** Opens (or reopens) a venue; failures are kept as the connection's problem. */
  private open(c: StoredConnection): Promise<void> {
    const run = (async () => {
      this.problems.delete(c.id);
      try {
        const credentials =
          c.apiKey && c.secret
            ? { apiKey: c.apiKey, secret: c.secret, password: c.password }
            : undefined;
        const venue = await this.gateway.addVenue({
          connectionId: c.id,
          venue: c.venue,
          label: c.label,
          sandbox: c.sandbox,
          credentials,
        });
        this.sources.set(
          c.id,
          new CcxtDerivativesSource(venue, {
            now: this.opts.now,
            maxBookAgeMs: this.opts.maxBookAgeMs,
            watchUnderlyings: this.opts.watchUnderlyings ?? ['BTC', 'ETH'],
          }),
        );
        this.retries.delete(c.id);
        if (credentials) {
          if (!c.permissions) await this.checkPermissions(c, venue).catch(() => undefined);
          await venue.refreshBook();
        }
      } catch (err) {
        this.problems.set(c.id, errorMessage(err));
      }
      this.afterBookChange();
      this.emit();
    })();
    this.opening.set(c.id, run);
    return run.finally(() => this.opening.delete(c.id));
  }

  private async checkPermissions(c: StoredConnection, v: CcxtVenue): Promise<KeyPermissions> {
    if (!c.apiKey || !c.secret) throw new Error('no API key');
    const check = this.opts.permissionCheck ?? checkKeyPermissions;
    let p: KeyPermissions;
    try {
      p = await check(
        v.ex,
        c.venue,
        { apiKey: c.apiKey, secret: c.secret, password: c.password },
        c.sandbox,
        this.opts.now(),
      );
    } catch (err) {
      p = { checked: false, detail: `permission check failed: ${errorMessage(err)}` };
    }
    c.permissions = { ...p, checkedMs: this.opts.now() };
    await this.persist();
    return p;
  }

  /**
   * Venues that did not open (network down at start, venue in maintenance) are retried with an
   * exponential backoff from 15 s to 5 min.
   */
  private retryClosed(): void {
    const nowMs = this.opts.now();
    for (const c of this.conns) {
      if (this.gateway.venue(c.id) || this.opening.has(c.id)) continue;
      const r = this.retries.get(c.id) ?? { attempts: 0, atMs: 0 };
      if (nowMs < r.atMs) continue;
      const attempts = r.attempts + 1;
      this.retries.set(c.id, {
        attempts,
        atMs: nowMs + backoffMs(REOPEN_BACKOFF, attempts, false, Math.random),
      });
      void this.open(c);
    }
  }

  private async refreshBooks(): Promise<void> {
    this.retryClosed();
    for (const v of this.gateway.listVenues()) {
      if (!v.settings.hasCredentials) continue;
      try {
        const book = await v.refreshBook();
        if (book.warnings.length > 0) {
          this.problems.set(
            v.settings.connectionId,
            `some positions missing: ${book.warnings.join('; ')}`,
          );
        } else {
          this.problems.delete(v.settings.connectionId);
        }
      } catch (err) {
        const message = errorMessage(err);
        this.problems.set(v.settings.connectionId, `account read failed: ${message}`);
        v.status.note(message, this.opts.now());
      }
    }
    this.afterBookChange();
  }

  /** Streams the live book's instruments and shows the new book on the live desk. */
  private afterBookChange(): void {
    this.gateway.subscribe(this.liveContents().instruments);
    this.desk?.refresh();
  }

  private async persist(): Promise<void> {
    await this.store.save(this.conns);
    this.problems.delete('store');
  }

  private signature(): string {
    return JSON.stringify(
      this.gateway
        .statuses()
        .map((s) => [
          s.connectionId,
          s.state,
          s.mode,
          s.lastError,
          s.rateLimited,
          s.quality.dropped,
        ]),
    );
  }

  private emitIfChanged(): void {
    if (this.signature() !== this.lastSignature) this.emit();
  }

  private emit(): void {
    this.lastSignature = this.signature();
    this.bus.emit('connections.changed', this.state());
  }
}
