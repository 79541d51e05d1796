/** Builds a `CcxtVenue` on a real ccxt class fed by a replay, with a controllable clock. */
import type { CcxtVenueId } from '../../../../src-main/venues/ccxt/ccxt-exchange';
import { CcxtVenue } from '../../../../src-main/venues/ccxt/ccxt-venue';
import { DEFAULT_BACKOFF } from '../../../../src-main/venues/ccxt/backoff';
import { createExchange } from '../../../../src-main/venues/ccxt/exchange-factory';
import type { StreamOptions } from '../../../../src-main/venues/ccxt/venue-stream';
import { replay, type Replay, type Route } from './replay';

/** The harness clock: 2026-11-22T06:00Z unless a test moves it. */
export const NOW_MS = Date.UTC(2026, 10, 22, 6, 0, 0);

export function testStreamOptions(clock: { now: number }): StreamOptions {
  return {
    streaming: false,
    pollMs: 10,
    streamFailuresBeforePoll: 3,
    retryStreamAfterMs: 60_000,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 5, maxMs: 80, rateLimitFloorMs: 40 },
    random: () => 0.5,
    now: () => clock.now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(ms, 50));
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        });
      }),
  };
}

export async function replayVenue(
  venue: CcxtVenueId,
  routes: Route[],
  opts: { credentials?: boolean; clock?: { now: number } } = {},
): Promise<{ v: CcxtVenue; r: Replay; clock: { now: number } }> {
  const r = replay(routes);
  const clock = opts.clock ?? { now: NOW_MS };
  const credentials =
    opts.credentials === false
      ? undefined
      : { apiKey: 'test-key', secret: 'test-secret', password: 'test-pass' };
  const ex = await createExchange({
    venue,
    sandbox: false,
    fetchImplementation: r.fetch,
    credentials,
    enableRateLimit: false,
  });
  const v = new CcxtVenue(
    ex,
    {
      connectionId: 'c1',
      venue,
      label: `${venue} test`,
      sandbox: false,
      hasCredentials: !!credentials,
    },
    { staleAfterMs: 15_000, stream: testStreamOptions(clock), onQuotes: () => undefined },
  );
  return { v, r, clock };
}
