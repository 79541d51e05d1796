/** Fakes for the derivatives services: a scripted source, the real repos made async, a clock. */
import type { Position } from '../../../shared/domain/account';
import type {
  AccountMarginState,
  FundingPoint,
  FundingSnapshot,
  MarginBracket,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi, type DbApi } from '../../../src-main/db/db-api';
import type { DerivativesSource } from '../../../src-main/venues/derivatives-source';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export class FakeClock {
  constructor(public nowMs: number) {}
  now = (): number => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

type Async<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R
    ? (...a: A) => Promise<Awaited<R>>
    : never;
};

/** The real repos on an in-memory database, every call returning a promise like the db worker. */
export function memoryStore(): { store: Async<DbApi>; sync: DbApi; close(): void } {
  const { db } = openDatabase(':memory:');
  const sync = createDbApi(db);
  const store = Object.fromEntries(
    Object.entries(sync).map(([k, f]) => [
      k,
      async (...a: unknown[]) => (f as (...x: unknown[]) => unknown)(...a),
    ]),
  ) as Async<DbApi>;
  return { store, sync, close: () => db.close() };
}

/** A source whose history and accounts the test scripts; snapshots follow the clock. */
export class FakeSource implements DerivativesSource {
  readonly id = 'fake';
  history = new Map<string, FundingPoint[]>();
  /** Points published only once the clock passes their time plus this delay. */
  publishDelayMs = 0;
  predicted = 0.0001;
  mark = new Map<string, number>();
  accounts: AccountMarginState[] = [];
  brackets = new Map<string, MarginBracket[]>();
  historyCalls: { id: string; fromMs: number; toMs: number }[] = [];
  failAccounts = false;

  constructor(
    readonly markets: PerpMarket[],
    private readonly clock: FakeClock,
  ) {}

  listPerps(): PerpMarket[] {
    return this.markets;
  }

  fundingSnapshot(id: string): FundingSnapshot | undefined {
    const m = this.markets.find((x) => x.instrumentId === id);
    if (!m) return undefined;
    const interval = m.fundingIntervalHours * HOUR;
    const mark = this.mark.get(id) ?? 50_000;
    return {
      instrumentId: id,
      tsMs: this.clock.nowMs,
      markPrice: mark,
      indexPrice: mark / 1.0002,
      fundingRate: this.predicted,
      nextFundingMs: Math.floor(this.clock.nowMs / interval) * interval + interval,
      intervalHours: m.fundingIntervalHours,
    };
  }

  async fundingHistory(id: string, fromMs: number, toMs: number): Promise<FundingPoint[]> {
    this.historyCalls.push({ id, fromMs, toMs });
    const visibleTo = this.clock.nowMs - this.publishDelayMs;
    return (this.history.get(id) ?? []).filter(
      (p) => p.tsMs >= fromMs && p.tsMs <= toMs && p.tsMs <= visibleTo,
    );
  }

  async marginBrackets(id: string): Promise<MarginBracket[]> {
    return this.brackets.get(id) ?? [];
  }

  async accountStates(): Promise<AccountMarginState[]> {
    if (this.failAccounts) throw new Error('venue down');
    return this.accounts.map((a) => ({ ...a, positions: a.positions.map((p) => ({ ...p })) }));
  }
}

export function position(
  id: string,
  instrumentId: string,
  quantity: number,
  openedMs: number,
): Position {
  return {
    id,
    accountId: 'acct',
    instrumentId,
    quantity,
    avgPrice: 50_000,
    openedMs,
    leverage: 10,
  };
}
