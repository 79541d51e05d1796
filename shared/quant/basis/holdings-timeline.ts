/**
 * MSTR fundamentals as a timeline of dated facts: the company record imported from the bundled
 * file (one fact per recorded day) and the 8-K purchases the user records. A fact holds from its
 * day until a later one; a field a fact leaves unknown (null) keeps its previous value. On the same
 * day a user purchase is applied after the recorded row (it wins), purchases in the order they
 * were recorded. Every MSTR close then gets the state in force on its day, so a purchase changes
 * holdings, and with them mNAV, from its date on.
 */
import type { BtcDailyRow, MstrDailyRow } from './types';

/** One recorded day of the company record (the file's own columns, USD). */
export interface FundamentalsRecord {
  dayMs: number;
  btcHoldings: number;
  /** Market cap / close of that day (the file has no share column; closes are split-adjusted). */
  sharesOutstanding: number;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
  /** The file's own m_nav column (its enterprise-value ratio), kept for cross-checks. */
  sourceMNav: number | null;
}

/** A purchase (8-K) the user recorded: totals after the purchase; null = unchanged. */
export interface HoldingsPurchase {
  id: number;
  dayMs: number;
  /** BTC acquired (negative for a sale). */
  btcBought: number;
  /** Total BTC held after the purchase. */
  btcHoldings: number;
  avgCostUsd: number | null;
  sharesOutstanding: number | null;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
  note: string | null;
  recordedMs: number;
}

/** The fundamentals in force on a day. */
export interface FundamentalsState {
  /** Day of the fact that last changed something. */
  asOfDayMs: number;
  source: 'recorded' | 'user';
  btcHoldings: number;
  sharesOutstanding: number;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
}

interface Fact {
  dayMs: number;
  source: 'recorded' | 'user';
  order: number;
  btcHoldings: number;
  sharesOutstanding: number | null;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
}

function factsOf(
  records: readonly FundamentalsRecord[],
  purchases: readonly HoldingsPurchase[],
): Fact[] {
  const facts: Fact[] = [
    ...records.map((r) => ({ ...r, source: 'recorded' as const, order: 0 })),
    ...purchases.map((p) => ({ ...p, source: 'user' as const, order: p.id })),
  ];
  // Same day: the recorded row first, then purchases in recording order (the last one wins).
  return facts.sort(
    (a, b) =>
      a.dayMs - b.dayMs ||
      (a.source === b.source ? a.order - b.order : a.source === 'recorded' ? -1 : 1),
  );
}

interface DraftState {
  asOfDayMs: number;
  source: 'recorded' | 'user';
  btcHoldings: number;
  sharesOutstanding: number | null;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
}

function apply(state: DraftState | undefined, f: Fact): DraftState {
  return {
    asOfDayMs: f.dayMs,
    source: f.source,
    btcHoldings: f.btcHoldings,
    sharesOutstanding: f.sharesOutstanding ?? state?.sharesOutstanding ?? null,
    debtUsd: f.debtUsd ?? state?.debtUsd ?? null,
    preferredUsd: f.preferredUsd ?? state?.preferredUsd ?? null,
    cashUsd: f.cashUsd ?? state?.cashUsd ?? null,
  };
}

function complete(s: DraftState | undefined): FundamentalsState | undefined {
  if (s === undefined || s.sharesOutstanding === null) return undefined;
  return { ...s, sharesOutstanding: s.sharesOutstanding };
}

/** The state in force at the end of `dayMs` (undefined before the first fact with a share count). */
export function fundamentalsOn(
  records: readonly FundamentalsRecord[],
  purchases: readonly HoldingsPurchase[],
  dayMs: number,
): FundamentalsState | undefined {
  let state: DraftState | undefined;
  for (const f of factsOf(records, purchases)) {
    if (f.dayMs > dayMs) break;
    state = apply(state, f);
  }
  return complete(state);
}

export interface HoldingsChange {
  dayMs: number;
  btcHoldings: number;
  changeBtc: number;
  source: 'recorded' | 'user';
  purchaseId: number | null;
}

/** Every change of the BTC holdings (the first fact counts as one), oldest first. */
export function holdingsChanges(
  records: readonly FundamentalsRecord[],
  purchases: readonly HoldingsPurchase[],
): HoldingsChange[] {
  const out: HoldingsChange[] = [];
  let prev: number | undefined;
  for (const f of factsOf(records, purchases)) {
    if (f.btcHoldings === prev) continue;
    out.push({
      dayMs: f.dayMs,
      btcHoldings: f.btcHoldings,
      changeBtc: f.btcHoldings - (prev ?? 0),
      source: f.source,
      purchaseId: f.source === 'user' ? f.order : null,
    });
    prev = f.btcHoldings;
  }
  return out;
}

export interface StoreBasisInput {
  /** MSTR daily closes (any order); weekend rows are dropped (equity trading days only). */
  mstrCloses: readonly { tsMs: number; close: number }[];
  btcCloses: readonly { tsMs: number; close: number }[];
  records: readonly FundamentalsRecord[];
  purchases: readonly HoldingsPurchase[];
}

export interface StoreBasisRows {
  mstr: MstrDailyRow[];
  btc: BtcDailyRow[];
  /** Closes before the first fundamentals fact (no holdings or share count known). */
  daysWithoutFundamentals: number;
  weekendRowsDropped: number;
}

const isWeekday = (tsMs: number): boolean => {
  const d = new Date(tsMs).getUTCDay();
  return d !== 0 && d !== 6;
};

/**
 * Store rows -> `analyzeBasis` input: each MSTR close with the fundamentals in force that day;
 * market cap = close x shares outstanding (on a recorded day that is the file's market cap).
 */
export function basisRowsFromStore(input: StoreBasisInput): StoreBasisRows {
  const facts = factsOf(input.records, input.purchases);
  const closes = [...input.mstrCloses].sort((a, b) => a.tsMs - b.tsMs);
  const sourceMNav = new Map(input.records.map((r) => [r.dayMs, r.sourceMNav]));
  const mstr: MstrDailyRow[] = [];
  let state: DraftState | undefined;
  let j = 0;
  let daysWithoutFundamentals = 0;
  let weekendRowsDropped = 0;
  for (const c of closes) {
    if (!isWeekday(c.tsMs)) {
      weekendRowsDropped++;
      continue;
    }
    while (j < facts.length && (facts[j] as Fact).dayMs <= c.tsMs) {
      state = apply(state, facts[j] as Fact);
      j++;
    }
    const s = complete(state);
    if (s === undefined) {
      daysWithoutFundamentals++;
      continue;
    }
    mstr.push({
      dateMs: c.tsMs,
      closeUsd: c.close,
      marketCapUsd: c.close * s.sharesOutstanding,
      btcHoldings: s.btcHoldings,
      sharesOutstanding: s.sharesOutstanding,
      debtUsd: s.debtUsd ?? undefined,
      preferredUsd: s.preferredUsd ?? undefined,
      cashUsd: s.cashUsd ?? undefined,
      sourceMNav: sourceMNav.get(c.tsMs) ?? undefined,
    });
  }
  const btc = input.btcCloses.map((p) => ({ dateMs: p.tsMs, priceUsd: p.close }));
  return { mstr, btc, daysWithoutFundamentals, weekendRowsDropped };
}
