/** Pure rules: the backoff schedule, error classification, secret redaction, quote cleaning. */
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  DEFAULT_BACKOFF,
  errorMessage,
  isFatalError,
  isRateLimitError,
  redactSecrets,
} from '../../../../src-main/venues/ccxt/backoff';
import { cleanQuote } from '../../../../src-main/venues/ccxt/map-quote';
import { NOW_MS } from './venue-harness';

class RateLimitExceeded extends Error {
  override name = 'RateLimitExceeded';
}
class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}
class PermissionDenied extends AuthenticationError {
  override name = 'PermissionDenied';
}
class AccountNotEnabled extends PermissionDenied {
  override name = 'AccountNotEnabled';
}

describe('backoff', () => {
  it('doubles from the base, caps at the max, and spreads by the jitter', () => {
    const p = DEFAULT_BACKOFF;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(p, n, false, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    expect(backoffMs(p, 3, false, () => 0)).toBe(3200);
    expect(backoffMs(p, 3, false, () => 0.999999)).toBeCloseTo(4800, -1);
  });

  it('waits at least the rate-limit floor after a 429', () => {
    expect(backoffMs(DEFAULT_BACKOFF, 1, true, () => 0.5)).toBe(10_000);
    expect(backoffMs(DEFAULT_BACKOFF, 5, true, () => 0.5)).toBe(16_000);
  });

  it('classifies ccxt errors by class, ancestors included, and OKX 429 by status', () => {
    expect(isRateLimitError(new RateLimitExceeded('slow down'))).toBe(true);
    expect(
      isRateLimitError(new Error('okx GET https://www.okx.com/api/v5/x 429 Too Many Requests')),
    ).toBe(true);
    expect(isRateLimitError(new Error('okx GET https://www.okx.com/api/v5/x 503'))).toBe(false);
    expect(isFatalError(new AccountNotEnabled('futures not enabled'))).toBe(true);
    expect(isFatalError(new Error('socket closed'))).toBe(false);
  });

  it('redacts signatures, keys and secrets from error messages', () => {
    const raw =
      'binanceusdm GET https://fapi.binance.com/fapi/v3/account?timestamp=1&signature=abcdef0123&apiKey=KEY123 401 client_secret=S3CR3T';
    const out = redactSecrets(raw);
    expect(out).not.toMatch(/abcdef0123|KEY123|S3CR3T/);
    expect(out).toContain('signature=***');
    expect(errorMessage(new AuthenticationError(raw))).toMatch(/^AuthenticationError: /);
  });
});

describe('quote cleaning', () => {
  const id = 'x:BTC/USDT:USDT';
  it('keeps a good quote and derives the mark from the mid, then the last trade', () => {
    expect(cleanQuote(id, { bid: 99, ask: 101, tsMs: NOW_MS - 1000 }, NOW_MS)).toEqual({
      quote: { instrumentId: id, tsMs: NOW_MS - 1000, bid: 99, ask: 101, mark: 100 },
    });
    expect(cleanQuote(id, { last: 100.5 }, NOW_MS)).toEqual({
      quote: { instrumentId: id, tsMs: NOW_MS, last: 100.5, mark: 100.5 },
    });
  });

  it.each([
    [{ bid: 101, ask: 99, mark: 100 }, 'crossed'],
    [{ mark: 0 }, 'non-positive-price'],
    [{ mark: 100, index: -1 }, 'non-positive-price'],
    [{ mark: Number.NaN }, 'not-finite'],
    [{ mark: 100, bid: Number.POSITIVE_INFINITY }, 'not-finite'],
    [{ mark: 100, tsMs: 1_700_000_000 }, 'bad-timestamp'],
    [{ mark: 100, tsMs: NOW_MS + 10 * 60_000 }, 'bad-timestamp'],
    [{ mark: 0.05, markIv: 52 }, 'bad-iv'],
    [{ mark: 100, fundingRate: 2 }, 'bad-rate'],
    [{ bid: 0, ask: 0 }, 'no-price'],
  ] as const)('drops %o as %s', (patch, reason) => {
    expect(cleanQuote(id, patch, NOW_MS)).toEqual({ reason });
  });
});
