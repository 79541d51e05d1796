/**
 * Creates ccxt exchange objects. ccxt is imported lazily (about half a second and 60 MB) so a
 * desk without live connections never loads it. Every object is a `ccxt.pro` class: the same
 * object serves REST (`fetch*`) and websocket (`watch*`) calls, with ccxt's rate limiter on.
 */
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import { VENUE_PROFILES } from './venue-profiles';

export interface VenueCredentials {
  apiKey: string;
  secret: string;
  /** OKX passphrase. */
  password?: string | undefined;
}

export type FetchImplementation = (url: string, init: RequestInit) => Promise<Response>;

export interface ExchangeSettings {
  venue: CcxtVenueId;
  credentials?: VenueCredentials | undefined;
  /** Testnet (`setSandboxMode(true)`). */
  sandbox: boolean;
  /** Replaces ccxt's HTTP client (tests replay recorded responses through it). */
  fetchImplementation?: FetchImplementation | undefined;
  /**
   * Points every websocket address of the venue at this origin, keeping each address's path
   * (tests run a local server: Deribit and OKX have one address, Binance and Bybit one per
   * market family, e.g. `/market/ws`, `/v5/public/linear`).
   */
  wsUrl?: string | undefined;
  timeoutMs?: number | undefined;
  /** ccxt's request spacing; on unless a test replays responses and wants no waiting. */
  enableRateLimit?: boolean | undefined;
}

type ExchangeClass = new (config: Record<string, unknown>) => object;

/** The path and query of a websocket address (`wss://host:port/path?q` -> `/path?q`). */
function pathOf(url: string): string {
  return /^wss?:\/\/[^/?]+(.*)$/.exec(url)?.[1] ?? '';
}

/** Every string leaf of the venue's `urls.api.ws` moved to `origin`, paths kept. */
export function localWsUrls(ws: unknown, origin: string): unknown {
  const base = origin.replace(/\/$/, '');
  if (typeof ws === 'string') return base + pathOf(ws);
  if (ws && typeof ws === 'object')
    return Object.fromEntries(Object.entries(ws).map(([k, v]) => [k, localWsUrls(v, base)]));
  return ws;
}

async function exchangeClass(venue: CcxtVenueId): Promise<ExchangeClass> {
  const ccxt = await import('ccxt');
  const pro = ccxt.pro as unknown as Record<string, ExchangeClass | undefined>;
  const cls = pro[venue];
  if (!cls) throw new Error(`ccxt has no websocket class for ${venue}`);
  return cls;
}

export async function createExchange(settings: ExchangeSettings): Promise<CcxtExchange> {
  const profile = VENUE_PROFILES[settings.venue];
  const Cls = await exchangeClass(settings.venue);
  const config: Record<string, unknown> = {
    enableRateLimit: settings.enableRateLimit ?? true,
    timeout: settings.timeoutMs ?? 10_000,
  };
  if (settings.credentials) {
    config['apiKey'] = settings.credentials.apiKey;
    config['secret'] = settings.credentials.secret;
    if (settings.credentials.password) config['password'] = settings.credentials.password;
  }
  if (settings.fetchImplementation) config['fetchImplementation'] = settings.fetchImplementation;
  const raw = new Cls(config) as {
    options: Record<string, unknown>;
    has: Record<string, unknown>;
    urls: { api: Record<string, unknown> };
    setSandboxMode(enabled: boolean): void;
    loadHttpProxyAgent(): Promise<unknown>;
  };
  for (const [key, value] of Object.entries(profile.ccxtOptions)) {
    const current = raw.options[key];
    raw.options[key] =
      current && typeof current === 'object' && !Array.isArray(current)
        ? { ...(current as Record<string, unknown>), ...value }
        : value;
  }
  // One reconnect policy, ours (venue-stream.ts), visible in the venue status: ccxt.pro's own
  // websocket redial backoff is set to zero so the two do not multiply.
  const ws = raw.options['ws'];
  raw.options['ws'] = {
    ...(ws && typeof ws === 'object' ? (ws as Record<string, unknown>) : {}),
    backoff: { base: 0, factor: 2, max: 0, stableAfter: 30_000 },
  };
  // Currency metadata is a private call on most venues, and a read-only desk never needs it.
  if (settings.venue !== 'deribit') raw.has['fetchCurrencies'] = false;
  if (settings.sandbox) raw.setSandboxMode(true);
  if (settings.wsUrl) {
    raw.urls.api['ws'] = localWsUrls(raw.urls.api['ws'], settings.wsUrl);
    // ccxt opens plain ws:// sockets (a local test server) only with an http agent loaded.
    if (settings.wsUrl.startsWith('ws://')) await raw.loadHttpProxyAgent();
  }
  return raw as unknown as CcxtExchange;
}
