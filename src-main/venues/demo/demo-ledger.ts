/**
 * The simulated venues' account ledger: wallet balance per margin account, how far funding has
 * been paid into it, and the demo trader's deposits. Saved with the desk (DemoDeskState.ledger).
 *
 * Opening balance: what puts the margin ratio (balance / maintenance) at the venue's opening
 * ratio: 600% for the Binance USD-M account (a leveraged cross account, about 4% from
 * liquidation), 2500% for Deribit (whose real equity also carries the options, left out here);
 * never less than a tenth of the initial margin.
 * Top-up: when the ratio falls to TOP_UP_AT the trader deposits back to TOP_UP_TO.
 */
import { evaluateAccount } from '../../../shared/quant/perps/account-liquidation';
import {
  accountSpecs,
  type MarginAccountInput,
} from '../../../shared/quant/perps-live/margin-spec';

export const OPENING_RATIO: Readonly<Record<string, number>> = { binanceusdm: 6, deribit: 25 };
const DEFAULT_OPENING_RATIO = 6;
export const TOP_UP_AT = 1.1;
export const TOP_UP_TO = 3;
const MAX_DEPOSITS_KEPT = 50;

export interface LedgerEntry {
  walletBalance: number;
  fundingAppliedToMs: number;
  deposits: { tsMs: number; amount: number }[];
}

export interface DemoLedger {
  accounts: Record<string, LedgerEntry>;
  /** Accounts the user switched to Binance Portfolio Margin (Margin screen toggle). */
  marginSystems: Record<string, 'standard' | 'portfolio'>;
}

function isEntry(x: unknown): x is LedgerEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<LedgerEntry>;
  return (
    typeof e.walletBalance === 'number' &&
    Number.isFinite(e.walletBalance) &&
    typeof e.fundingAppliedToMs === 'number' &&
    Array.isArray(e.deposits)
  );
}

/** The saved ledger, or an empty one when absent or malformed. */
export function ledgerOf(saved: unknown): DemoLedger {
  const accounts: Record<string, LedgerEntry> = {};
  const raw = (saved as { accounts?: unknown } | undefined)?.accounts;
  if (raw && typeof raw === 'object') {
    for (const [id, e] of Object.entries(raw)) if (isEntry(e)) accounts[id] = e;
  }
  const marginSystems: Record<string, 'standard' | 'portfolio'> = {};
  const systems = (saved as { marginSystems?: unknown } | undefined)?.marginSystems;
  if (systems && typeof systems === 'object') {
    for (const [id, s] of Object.entries(systems))
      if (s === 'portfolio' || s === 'standard') marginSystems[id] = s;
  }
  return { accounts, marginSystems };
}

interface Requirement {
  maintenance: number;
  unrealisedPnl: number;
  initialMargin: number;
}

function requirementOf(input: MarginAccountInput): Requirement | null {
  const specs = accountSpecs({ ...input, account: { ...input.account, walletBalance: 0 } });
  if (!specs?.cross) return null;
  const e = evaluateAccount(specs.cross);
  return {
    maintenance: e.maintenanceRequirement,
    unrealisedPnl: e.marginBalance,
    initialMargin: e.initialMargin,
  };
}

export function initialWallet(input: MarginAccountInput): number {
  const r = requirementOf(input);
  if (!r) return 0;
  const target = OPENING_RATIO[input.account.venue] ?? DEFAULT_OPENING_RATIO;
  return Math.max(target * r.maintenance - r.unrealisedPnl, 0.1 * r.initialMargin);
}

/** Deposits back to TOP_UP_TO when the ratio is at or below TOP_UP_AT; returns the amount. */
export function topUp(entry: LedgerEntry, input: MarginAccountInput, tsMs: number): number {
  const r = requirementOf(input);
  if (!r || r.maintenance <= 0) return 0;
  const ratio = (entry.walletBalance + r.unrealisedPnl) / r.maintenance;
  if (ratio > TOP_UP_AT) return 0;
  const amount = TOP_UP_TO * r.maintenance - r.unrealisedPnl - entry.walletBalance;
  entry.walletBalance += amount;
  entry.deposits.push({ tsMs, amount });
  if (entry.deposits.length > MAX_DEPOSITS_KEPT)
    entry.deposits.splice(0, entry.deposits.length - MAX_DEPOSITS_KEPT);
  return amount;
}
