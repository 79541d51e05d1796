/**
 * Replays HTTP responses through ccxt's real exchange classes: a `fetchImplementation` that
 * answers each request from a route table (method, path, query subset) and records every call,
 * so a test sees exactly what ccxt asked for and what it made of the answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Route {
  method?: string;
  /** URL pathname, e.g. `/fapi/v1/exchangeInfo`. */
  path: string;
  /** Query parameters that must be present with these values. */
  query?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body, or a function of the request URL returning one (paged endpoints). */
  body: unknown | ((url: URL) => unknown);
  /** Serve this route at most n times (then the next matching route answers). */
  times?: number;
}

export interface ReplayCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  status: number;
}

export interface Replay {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  calls: ReplayCall[];
  unmatched: string[];
  routes: Route[];
}

function headersOf(init: RequestInit): Record<string, string> {
  const out: Record<string, string> = {};
  const h = init.headers;
  if (h && typeof h === 'object' && !Array.isArray(h) && !(h instanceof Headers)) {
    for (const [k, v] of Object.entries(h)) out[k] = String(v);
  }
  return out;
}

export function replay(routes: Route[]): Replay {
  const served = new Map<Route, number>();
  const calls: ReplayCall[] = [];
  const unmatched: string[] = [];
  const fetch = async (raw: string, init: RequestInit): Promise<Response> => {
    const url = new URL(raw);
    const method = (init.method ?? 'GET').toUpperCase();
    const route = routes.find(
      (r) =>
        (r.method ?? 'GET') === method &&
        r.path === url.pathname &&
        Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v) &&
        (r.times === undefined || (served.get(r) ?? 0) < r.times),
    );
    if (!route) {
      unmatched.push(`${method} ${url.pathname}${url.search}`);
      calls.push({ method, url, headers: headersOf(init), status: 404 });
      return new Response(JSON.stringify({ error: 'no route in the replay' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    }
    served.set(route, (served.get(route) ?? 0) + 1);
    const status = route.status ?? 200;
    calls.push({ method, url, headers: headersOf(init), status });
    const body = typeof route.body === 'function' ? route.body(url) : route.body;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...route.headers },
    });
  };
  return { fetch, calls, unmatched, routes };
}

const root = process.cwd();

export function fixture<T = unknown>(venue: string, file: string): T {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/venues', venue, file), 'utf8')) as T;
}

export interface RecordedCall {
  description: string;
  input: unknown[];
  httpResponse: unknown;
  parsedResponse: unknown;
}

export interface Recording {
  exchange: string;
  options?: Record<string, unknown>;
  methods: Record<string, RecordedCall[]>;
}

export function recording(venue: 'binance' | 'bybit' | 'okx' | 'deribit'): Recording {
  return fixture<Recording>('recordings', `${venue}.json`);
}

export function recorded(rec: Recording, method: string, index = 0): RecordedCall {
  const call = rec.methods[method]?.[index];
  if (!call) throw new Error(`no recorded ${method}[${index}] for ${rec.exchange}`);
  return call;
}

/** JSON round trip: drops undefined members the way the recorded parsedResponse did. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Drops null and undefined members recursively (ccxt writes null, a JSON round trip drops undefined). */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      out[k] = normalize(v);
    }
    return out;
  }
  return value;
}

/** A route answering a list endpoint: the matching element when `key` is in the query, else all. */
export function listRoute(path: string, rows: Record<string, unknown>[], key = 'symbol'): Route {
  return {
    path,
    body: (url: URL) => {
      const wanted = url.searchParams.get(key);
      return wanted === null ? rows : (rows.find((r) => r[key] === wanted) ?? {});
    },
  };
}
