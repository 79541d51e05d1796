/**
 * What the renderer may see of a connection: built field by field (never by spreading the
 * stored record) so a key or secret cannot slip into an output. The API key shows as its last
 * four characters; a key that can trade or withdraw carries a warning.
 */
import type {
  ConnectionView,
  VenueHealth,
} from '../../../shared/contract/features/connections.api';
import type { VenueStatus } from '../../venues/ccxt/venue-status';
import type { StoredConnection, StoredPermissions } from './credential-store';

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
