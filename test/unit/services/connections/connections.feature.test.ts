/**
 * The Connections feature through the contract's own dispatch with output validation on:
 * keys go in and never come out (no output, no event carries them), permissions are checked
 * (a trade/withdraw key gets a warning), the test steps run against the venue, the live desk
 * puts the venue's account into the book and its source into the derivatives list, and the
 * demo desk comes back. The venue is Binance USD-M on ccxt's real class, replayed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../../../shared/contract/api';
import { dispatch, type ApiHandlers } from '../../../../shared/contract/dispatch';
import { events } from '../../../../shared/contract/events';
import type { BookContents } from '../../../../src-main/services/book/book.service';
import { join } from 'node:path';
import {
  CREDENTIALS_FILE,
  MACHINE_SECRET_FILE,
  startConnectionsFeature,
} from '../../../../src-main/services/connections/connections.handlers';
import { CredentialStore } from '../../../../src-main/services/connections/credential-store';
import { LocalFileCipher } from '../../../../src-main/services/connections/local-file-cipher';
import { EventBus } from '../../../../src-main/services/event-bus';
import { createExchange } from '../../../../src-main/venues/ccxt/exchange-factory';
import { DeskGateway } from '../../../../src-main/venues/desk-gateway';
import type { DerivativesSource } from '../../../../src-main/venues/derivatives-source';
import type { MarketUpdate, VenueGateway } from '../../../../src-main/venues/venue-gateway';
import { tempDir } from '../../../helpers/temp-dir';
import { fixture, recorded, recording, replay, type Route } from '../../venues/ccxt/replay';
import { binanceMarkets } from '../../venues/ccxt/market-routes';
import { NOW_MS, testStreamOptions } from '../../venues/ccxt/venue-harness';
import { memoryStore } from '../fakes';

const API_KEY = 'Zk3Hq9LmN2pR7vT1xY5wB8cD4eF6gH0jKaBcDeFgHiJkLmNoPqRsTuVwXyZ01234';
const SECRET = 'SeCrEt-9f8e7d6c5b4a3210fedcba9876543210abcdefABCDEF0123456789zzzz';
const SECRETS = [API_KEY, SECRET, API_KEY.slice(0, 12), SECRET.slice(0, 12)];

const rec = recording('binance');
function routes(restrictions: string): Route[] {
  return [
    ...binanceMarkets,
    { path: '/fapi/v1/leverageBracket', body: fixture('binanceusdm', 'leverageBracket.json') },
    { path: '/fapi/v3/positionRisk', body: recorded(rec, 'fetchPositions', 1).httpResponse },
    { path: '/fapi/v3/account', body: recorded(rec, 'fetchBalance', 1).httpResponse },
    { path: '/fapi/v1/premiumIndex', body: fixture('binanceusdm', 'premiumIndex.json') },
    { path: '/fapi/v1/ticker/bookTicker', body: fixture('binanceusdm', 'bookTicker.json') },
    {
      path: '/fapi/v1/ticker/24hr',
      query: { symbol: 'BTCUSDT' },
      body: {
        symbol: 'BTCUSDT',
        lastPrice: '98411.10',
        openPrice: '97102.50',
        highPrice: '98820',
        lowPrice: '96850.4',
        volume: '1',
        quoteVolume: '1',
        openTime: NOW_MS - 86_400_000,
        closeTime: NOW_MS,
        count: 1,
      },
    },
    {
      path: '/sapi/v1/account/apiRestrictions',
      body: {
        ...fixture<Record<string, unknown>>('binanceusdm', 'apiRestrictions.json'),
        ...(restrictions === 'rw' ? { enableFutures: true, enableWithdrawals: true } : {}),
      },
    },
  ];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function fakeDemo(): VenueGateway {
  const latest: MarketUpdate = { tsMs: NOW_MS, quotes: [], underlyings: [] };
  return {
    id: 'demo',
    label: 'Demo desk',
    capabilities: { positions: true, streaming: true, optionChains: true, funding: true },
    start: async () => undefined,
    stop: async () => undefined,
    state: () => 'connected',
    subscribe: () => undefined,
    onUpdate: () => () => undefined,
    latest: () => latest,
  };
}

async function feature(restrictions: 'ro' | 'rw' = 'ro') {
  const dir = tempDir();
  const mem = memoryStore();
  cleanups.push(
    () => dir.remove(),
    () => mem.close(),
  );
  const demoBook: BookContents = { accounts: [], instruments: [], positions: [] };
  const book = {
    contents: demoBook as BookContents,
    setContents(c: BookContents) {
      this.contents = c;
    },
  };
  const demoSource = { id: 'demo' } as DerivativesSource;
  const derivatives: DerivativesSource[] = [demoSource];
  const bus = new EventBus();
  const sent: { name: string; payload: unknown }[] = [];
  bus.onAny((name, payload) => sent.push({ name, payload }));
  const clock = { now: NOW_MS };
  const r = replay(routes(restrictions));
  const demo = fakeDemo();
  const deskGateway = new DeskGateway(demo);
  const ctx = {
    config: { dataDir: dir.path, now: () => clock.now },
    db: mem.store,
    bus,
    book,
    derivatives,
  } as never;
  const f = await startConnectionsFeature(ctx, {
    deskGateway,
    demo,
    gateway: {
      ...testStreamOptions(clock),
      createExchange: (s) =>
        createExchange({ ...s, fetchImplementation: r.fetch, enableRateLimit: false }),
    },
    options: { newId: () => 'bn1' },
  });
  cleanups.push(() => f.stop());
  const call = async (key: string, input: unknown) => {
    const res = await dispatch(
      f.handlers as unknown as ApiHandlers,
      key,
      input,
      { transport: 'in-process' },
      { validateOutput: true },
    );
    if (!res.ok) throw new Error(`${key}: ${res.error.kind}: ${res.error.message}`);
    return res.value;
  };
  return { f, call, book, derivatives, demoSource, deskGateway, demo, sent, dir };
}

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const s of SECRETS) expect(text).not.toContain(s);
}

describe('connections feature', () => {
  it('saves a key, shows it masked, checks it reads only, and never returns the secrets', async () => {
    const { call, sent } = await feature('ro');
    const listed0 = await call('connections.list', {});
    expect(listed0).toMatchObject({
      desk: 'demo',
      connections: [],
      storage: { kind: 'local-file', weaker: true },
    });
    const saved = (await call('connections.save', {
      venue: 'binanceusdm',
      label: 'Binance main',
      sandbox: false,
      apiKey: API_KEY,
      secret: SECRET,
    })) as { saved: Record<string, unknown> };
    expect(saved.saved).toMatchObject({
      id: 'bn1',
      venue: 'binanceusdm',
      hasKey: true,
      apiKeyMasked: '••••1234',
      positions: 1,
      permissions: { checked: true, canTrade: false, canWithdraw: false },
    });
    expect(saved.saved['warning']).toBeUndefined();
    expect(saved.saved['instruments']).toBe(5);
    const test = (await call('connections.test', { id: 'bn1' })) as {
      ok: boolean;
      steps: { name: string; ok: boolean }[];
    };
    expect(test.steps.map((s) => [s.name, s.ok])).toEqual([
      ['markets', true],
      ['public data', true],
      ['account', true],
      ['key permissions', true],
    ]);
    expect(test.ok).toBe(true);
    const everything = [listed0, saved, test, await call('connections.list', {}), sent];
    expectNoSecret(everything);
    const changed = sent.filter((e) => e.name === 'connections.changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed)
      expect(events['connections.changed'].safeParse(e.payload).success).toBe(true);
  });

  it('warns when the key can trade or withdraw', async () => {
    const { call } = await feature('rw');
    const saved = (await call('connections.save', {
      venue: 'binanceusdm',
      label: 'Bot key',
      sandbox: false,
      apiKey: API_KEY,
      secret: SECRET,
    })) as { saved: { warning?: string; permissions?: { canTrade?: boolean } } };
    expect(saved.saved.permissions?.canTrade).toBe(true);
    expect(saved.saved.warning).toMatch(/can trade and withdraw/);
  });

  it('refuses a key without its secret, and an OKX key without its passphrase', async () => {
    const { f } = await feature();
    expect(
      api['connections.save'].input.safeParse({
        venue: 'okx',
        label: 'x',
        sandbox: false,
        apiKey: 'k',
      }).success,
    ).toBe(false);
    const res = await dispatch(
      f.handlers as unknown as ApiHandlers,
      'connections.save',
      { venue: 'okx', label: 'OKX', sandbox: false, apiKey: 'k', secret: 's' },
      { transport: 'in-process' },
    );
    expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('live desk: the venue account joins the book and its source replaces the demo source; demo returns', async () => {
    const { call, book, derivatives, demoSource, deskGateway, demo } = await feature();
    await expect(call('connections.setDesk', { desk: 'live' })).rejects.toThrow(
      /read-only API key/,
    );
    await call('connections.save', {
      venue: 'binanceusdm',
      label: 'Binance main',
      sandbox: false,
      apiKey: API_KEY,
      secret: SECRET,
    });
    const state = (await call('connections.setDesk', { desk: 'live' })) as {
      desk: string;
      liveBook: unknown;
    };
    expect(state).toMatchObject({
      desk: 'live',
      liveBook: { accounts: 1, positions: 1, instruments: 1 },
    });
    expect(deskGateway.current()).not.toBe(demo);
    expect(book.contents.accounts).toEqual([
      expect.objectContaining({ id: 'live-bn1', source: 'live', venue: 'binanceusdm' }),
    ]);
    expect(book.contents.positions).toEqual([
      expect.objectContaining({ instrumentId: 'binanceusdm:BTC/USDT:USDT', quantity: 0.009 }),
    ]);
    expect(derivatives.map((d) => d.id)).toEqual(['binanceusdm:bn1']);
    // Watched underlyings (BTC, ETH) and held perps only, not the venue's whole list.
    expect(derivatives[0]!.listPerps().map((p) => p.instrumentId)).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:ETH/USDT:USDT',
    ]);
    const states = await derivatives[0]!.accountStates();
    expect(states[0]).toMatchObject({ currency: 'USDT', walletBalance: 31.022612 });
    await call('connections.setDesk', { desk: 'demo' });
    expect(deskGateway.current()).toBe(demo);
    expect(derivatives).toEqual([demoSource]);
    expect(book.contents.accounts).toEqual([]);
  });

  it('remove deletes the connection from the encrypted store', async () => {
    const { call, f, dir } = await feature();
    await call('connections.save', { venue: 'binanceusdm', label: 'Binance main', sandbox: false });
    const state = (await call('connections.remove', { id: 'bn1' })) as { connections: unknown[] };
    expect(state.connections).toEqual([]);
    expect(f.service.venue('bn1')).toBeUndefined();
    const reread = new CredentialStore(
      join(dir.path, CREDENTIALS_FILE),
      new LocalFileCipher(join(dir.path, MACHINE_SECRET_FILE)),
    );
    expect(await reread.load()).toEqual([]);
  });
});
