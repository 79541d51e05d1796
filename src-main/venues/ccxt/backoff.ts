/**
 * Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with +-`jitter` spread so
 * many clients do not retry in step. A rate-limit answer (HTTP 429/418, ccxt
 * `RateLimitExceeded` / `DDoSProtection`) waits at least `rateLimitFloorMs`: retrying sooner
 * only extends a venue ban.
 */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  rateLimitFloorMs: number;
  /** Relative spread, 0.2 = +-20%. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1000,
  maxMs: 60_000,
  rateLimitFloorMs: 10_000,
  jitter: 0.2,
};

/** Delay before retry number `attempt` (1 = first retry); `random` in [0, 1). */
export function backoffMs(
  policy: BackoffPolicy,
  attempt: number,
  rateLimited: boolean,
  random: () => number,
): number {
  const exp = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const base = Math.min(policy.maxMs, rateLimited ? Math.max(policy.rateLimitFloorMs, exp) : exp);
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.maxMs, base * spread));
}

/** ccxt error class names that mean "slow down". */
const RATE_LIMIT_ERRORS = new Set(['RateLimitExceeded', 'DDoSProtection']);

/** The error's class and its ccxt ancestors (AccountNotEnabled is a PermissionDenied). */
function errorClassNames(err: Error): string[] {
  const names = [err.name];
  for (let p = Object.getPrototypeOf(err) as object | null; p && p !== Error.prototype;) {
    names.push((p as { constructor: { name: string } }).constructor.name);
    p = Object.getPrototypeOf(p) as object | null;
  }
  return names;
}

export function isRateLimitError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // OKX maps HTTP 429 to ExchangeNotAvailable; the status in ccxt's message still says it.
  return errorClassNames(err).some((n) => RATE_LIMIT_ERRORS.has(n)) || /\b429\b/.test(err.message);
}

/** Errors no retry will fix: bad keys, missing permissions, unsupported calls. */
const FATAL_ERRORS = new Set([
  'AuthenticationError',
  'PermissionDenied',
  'AccountSuspended',
  'NotSupported',
  'BadSymbol',
  'ArgumentsRequired',
]);

export function isFatalError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return errorClassNames(err).some((n) => FATAL_ERRORS.has(n));
}

/** A one-line message without credentials (ccxt errors quote signed URLs). */
export function errorMessage(err: unknown): string {
  // ccxt errors carry their class (NetworkError, RateLimitExceeded...); a plain Error does not.
  const raw =
    err instanceof Error
      ? err.name && err.name !== 'Error'
        ? `${err.name}: ${err.message}`
        : err.message
      : String(err);
  return redactSecrets(raw).slice(0, 300);
}

/** Removes query-string signatures, keys and tokens from a message. */
export function redactSecrets(text: string): string {
  return text.replace(
    /((?:signature|sig|apiKey|api_key|api-key|access_token|client_secret|client_id|sign|passphrase|secret|key)=)[^&\s,"]+/gi,
    '$1***',
  );
}
