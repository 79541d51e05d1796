/**
 * What the renderer may see of a connection: built field by field (never by spreading the
 * stored record) so a key or secret cannot slip into an output. The API key shows as its last
 * four characters; a key that can trade or withdraw carries a warning.
 */
import type {
  ConnectionsState,
  ConnectionView,
  Desk,
  VenueHealth,
} from '../../../shared/contract/features/connections.api';
import type { Account, Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import { CCXT_VENUES } from '../../venues/ccxt/ccxt-exchange';
import type { CcxtVenue } from '../../venues/ccxt/ccxt-venue';
import { VENUE_PROFILES } from '../../venues/ccxt/venue-profiles';
import type { VenueStatus } from '../../venues/ccxt/venue-status';
import type { BookContents } from '../book/book.service';
import type { StoredConnection, StoredPermissions } from './credential-store';
import type { SecretCipher } from './secret-cipher';

export function maskKey(apiKey: string | undefined): string | undefined {
  if (!apiKey) return undefined;
  return apiKey.length >= 12 ? `••••${apiKey.slice(-4)}` : '••••';
}

export function permissionWarning(p: StoredPermissions | undefined): string | undefined {
  if (!p?.checked) return undefined;
  const can = [p.canTrade ? 'trade' : '', p.canWithdraw ? 'withdraw' : ''].filter(Boolean);
  if (can.length === 0) return undefined;
  return (
    `This key can ${can.join(' and ')}. Cerberus only reads: create a read-only key ` +
    'and replace this one, so a leak cannot cost you funds.'
  );
}

export function healthOf(s: VenueStatus): VenueHealth {
  const h: VenueHealth = {
    state: s.state,
    stale: s.stale,
    mode: s.mode,
    consecutiveFailures: s.consecutiveFailures,
    reconnects: s.reconnects,
    rateLimited: s.rateLimited,
    subscribed: s.subscribed,
    quality: {
      received: s.quality.received,
      dropped: s.quality.dropped,
      score: s.quality.score,
      reasons: Object.fromEntries(
        Object.entries(s.quality.reasons).filter((e): e is [string, number] => e[1] !== undefined),
      ),
    },
  };
  if (s.lastMessageMs !== undefined) h.lastMessageMs = s.lastMessageMs;
  if (s.lastError !== undefined) h.lastError = s.lastError;
  if (s.lastErrorMs !== undefined) h.lastErrorMs = s.lastErrorMs;
  if (s.backoffMs !== undefined) h.backoffMs = s.backoffMs;
  if (s.nextRetryMs !== undefined) h.nextRetryMs = s.nextRetryMs;
  return h;
}

export interface ViewExtras {
  health?: VenueStatus | undefined;
  instruments: number;
  positions: number;
  lastBookMs?: number | undefined;
  problem?: string | undefined;
}

export function connectionView(c: StoredConnection, x: ViewExtras): ConnectionView {
  const view: ConnectionView = {
    id: c.id,
    venue: c.venue,
    label: c.label,
    sandbox: c.sandbox,
    hasKey: !!(c.apiKey && c.secret),
    hasPassword: !!c.password,
    createdMs: c.createdMs,
    updatedMs: c.updatedMs,
    instruments: x.instruments,
    positions: x.positions,
  };
  const masked = maskKey(c.apiKey);
  if (masked) view.apiKeyMasked = masked;
  if (c.permissions) {
    view.permissions = {
      checked: c.permissions.checked,
      detail: c.permissions.detail.slice(0, 400),
      checkedMs: c.permissions.checkedMs,
    };
    if (c.permissions.canTrade !== undefined) view.permissions.canTrade = c.permissions.canTrade;
    if (c.permissions.canWithdraw !== undefined) {
      view.permissions.canWithdraw = c.permissions.canWithdraw;
    }
  }
  const warning = permissionWarning(c.permissions);
  if (warning) view.warning = warning;
  if (x.health) view.health = healthOf(x.health);
  if (x.lastBookMs !== undefined) view.lastBookMs = x.lastBookMs;
  if (x.problem) view.problem = x.problem.slice(0, 400);
  return view;
}

/** The live desk's book: every open venue's last read account, positions and instruments. */
export function liveContentsOf(venues: readonly CcxtVenue[]): BookContents {
  const books = venues.flatMap((v) => v.book() ?? []);
  const accounts: Account[] = books.map((b) => b.account);
  const positions: Position[] = books.flatMap((b) => b.positions);
  const instruments = new Map<string, Instrument>();
  for (const b of books) for (const i of b.instruments) instruments.set(i.id, i);
  return { accounts, instruments: [...instruments.values()], positions };
}

export function connectionsState(x: {
  desk: Desk;
  cipher: SecretCipher;
  connections: ConnectionView[];
  live: BookContents;
  nowMs: number;
}): ConnectionsState {
  return {
    desk: x.desk,
    storage: { kind: x.cipher.kind, description: x.cipher.description, weaker: x.cipher.weaker },
    venues: CCXT_VENUES.map((venue) => ({
      venue,
      label: VENUE_PROFILES[venue].label,
      needsPassword: VENUE_PROFILES[venue].needsPassword,
      keyHelp: VENUE_PROFILES[venue].keyHelp,
    })),
    connections: x.connections,
    liveBook: {
      accounts: x.live.accounts.length,
      positions: x.live.positions.length,
      instruments: x.live.instruments.length,
    },
    nowMs: x.nowMs,
  };
}
