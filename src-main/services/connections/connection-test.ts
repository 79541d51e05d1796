/**
 * "Test" on a connection: open the venue (markets), read one public ticker, and with a key read
 * the account and the key's permissions. Each step is timed and reported with a one-line,
 * credential-free detail, so the user sees which part fails.
 */
import type { ConnectionTest } from '../../../shared/contract/features/connections.api';
import { errorMessage } from '../../venues/ccxt/backoff';
import type { CcxtVenue } from '../../venues/ccxt/ccxt-venue';
import type { KeyPermissions } from '../../venues/ccxt/key-permissions';

export type TestStep = ConnectionTest['steps'][number];

export interface TestDeps {
  /** The open venue, opening it first if needed; throws with the reason when it cannot. */
  venue(): Promise<CcxtVenue>;
  hasKey: boolean;
  afterBookChange(): void;
  checkPermissions(v: CcxtVenue): Promise<KeyPermissions>;
}

async function timed(name: string, fn: () => Promise<string>): Promise<TestStep> {
  const t0 = Date.now();
  try {
    const detail = await fn();
    return { name, ok: true, ms: Date.now() - t0, detail };
  } catch (err) {
    return { name, ok: false, ms: Date.now() - t0, detail: errorMessage(err) };
  }
}

export async function runConnectionTest(deps: TestDeps): Promise<TestStep[]> {
  let venue: CcxtVenue | undefined;
  const steps = [
    await timed('markets', async () => {
      venue = await deps.venue();
      return `${venue.listInstruments().length} derivatives markets`;
    }),
  ];
  const v = venue;
  if (!v) return steps;
  steps.push(
    await timed('public data', async () => {
      const perp = v.perps().find((p) => p.underlying === 'BTC') ?? v.perps()[0];
      if (!perp) return 'no perpetuals listed';
      const t = await v.ex.fetchTicker(perp.symbol);
      return `${perp.symbol} last ${t.last ?? t.markPrice ?? 'n/a'}`;
    }),
  );
  if (!deps.hasKey) return steps;
  steps.push(
    await timed('account', async () => {
      const book = await v.refreshBook();
      deps.afterBookChange();
      const ccys = Object.keys(book.balances).join(', ') || 'no currency';
      return `${book.positions.length} positions, balances in ${ccys}`;
    }),
    await timed('key permissions', async () => (await deps.checkPermissions(v)).detail),
  );
  return steps;
}
