/**
 * End to end in Chromium: the Connections screen on the headless host. The real services run
 * (the app's own connections feature, with no network here, shows what an unreachable venue
 * looks like); a second connections feature on the same bus replays Binance USD-M through
 * ccxt's real class so a connected venue can be seen: status light, last message age, polling,
 * quality, masked key and its permission check, the test steps. The add form carries the
 * read-only warning, keys never appear on the page. Needs `npm run build` first.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiHandlers } from '../../shared/contract/dispatch';
import { startHeadlessHost, type HeadlessHost } from '../../src-main/host/headless-host';
import { startConnectionsFeature } from '../../src-main/services/connections/connections.handlers';
import { createExchange } from '../../src-main/venues/ccxt/exchange-factory';
import { DeskGateway } from '../../src-main/venues/desk-gateway';
import { launchChromium } from '../helpers/browser';
import { REPO_ROOT, RENDERER_DIR, withServices } from '../helpers/services-harness';
import { tempDir } from '../helpers/temp-dir';
import { binanceMarkets } from '../unit/venues/ccxt/market-routes';
import { fixture, recorded, recording, replay } from '../unit/venues/ccxt/replay';
import { testStreamOptions } from '../unit/venues/ccxt/venue-harness';

const SHOTS = join(REPO_ROOT, 'test-results');
const API_KEY = 'e2eKeyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789e2eQ';
const SECRET = 'e2eSecret-do-not-show-9876543210zyxwvutsrqponm';
let harness: Awaited<ReturnType<typeof withServices>>;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let stopReplay: () => Promise<void>;
const dir = tempDir();
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('renderer not built: run `npm run build` before the e2e tests');
  mkdirSync(SHOTS, { recursive: true });
  harness = await withServices({ computeWorkers: 1 });
  const ctx = harness.services.ctx;
  const rec = recording('binance');
  const r = replay([
    ...binanceMarkets,
    { path: '/fapi/v1/leverageBracket', body: fixture('binanceusdm', 'leverageBracket.json') },
    { path: '/fapi/v3/positionRisk', body: recorded(rec, 'fetchPositions', 1).httpResponse },
    { path: '/fapi/v3/account', body: recorded(rec, 'fetchBalance', 1).httpResponse },
    { path: '/fapi/v1/premiumIndex', body: fixture('binanceusdm', 'premiumIndex.json') },
    { path: '/fapi/v1/ticker/bookTicker', body: fixture('binanceusdm', 'bookTicker.json') },
    {
      path: '/fapi/v1/ticker/24hr',
      body: {
        symbol: 'BTCUSDT',
        lastPrice: '98411.10',
        openPrice: '97102.50',
        highPrice: '98820',
        lowPrice: '96850.4',
        volume: '1',
        quoteVolume: '1',
        openTime: 1,
        closeTime: 2,
        count: 1,
      },
    },
    {
      path: '/sapi/v1/account/apiRestrictions',
      body: {
        ...fixture<Record<string, unknown>>('binanceusdm', 'apiRestrictions.json'),
        enableFutures: true,
      },
    },
  ]);
  const clock = {
    get now() {
      return Date.now();
    },
  };
  const replayed = await startConnectionsFeature(
    { ...ctx, config: { ...ctx.config, dataDir: dir.path }, derivatives: [] },
    {
      deskGateway: new DeskGateway(ctx.gateway),
      demo: ctx.gateway,
      gateway: {
        ...testStreamOptions(clock),
        pollMs: 1000,
        createExchange: (s) =>
          createExchange({ ...s, fetchImplementation: r.fetch, enableRateLimit: false }),
      },
      options: { newId: () => 'replay1' },
    },
  );
  stopReplay = async () => replayed.stop();
  await replayed.service.save({
    venue: 'binanceusdm',
    label: 'Binance (replayed)',
    sandbox: false,
    apiKey: API_KEY,
    secret: SECRET,
  });
  const handlers = { ...harness.services.handlers, ...replayed.handlers } as ApiHandlers;
  host = await startHeadlessHost({
    handlers,
    bus: harness.services.bus,
    rendererDir: RENDERER_DIR,
    validateOutput: true,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stopReplay?.();
  await harness?.stop();
  dir.remove();
});

describe('Connections screen in Chromium', () => {
  it('shows the connected venue: light, age, polling, quality, masked key and the trade warning', async () => {
    await page.goto(`${host.url}#/connections`);
    const card = page.getByTestId('conn-replay1');
    await card.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('conn-state-replay1').innerText(), { timeout: 10_000 })
      .toBe('connected');
    const text = await card.innerText();
    expect(text).toMatch(/Binance \(replayed\)/);
    expect(text).toMatch(/REST polling/);
    expect(text).toMatch(/\d+ s ago/);
    expect(text).toMatch(/100\.0% kept/);
    expect(text).toContain(`••••${API_KEY.slice(-4)}`);
    expect(text).toMatch(/positions\s*1/);
    expect(await page.getByTestId('conn-warning-replay1').innerText()).toContain('can trade');
    expect(await card.locator('.light-green').count()).toBe(1);
    await page.getByTestId('conn-test-btn-replay1').click();
    const steps = page.getByTestId('conn-test-replay1');
    await expect.poll(() => steps.innerText(), { timeout: 10_000 }).toMatch(/key permissions/);
    expect(await steps.innerText()).toMatch(
      /✓ markets[\s\S]*✓ public data[\s\S]*✓ account[\s\S]*✓ key permissions/,
    );
    await page.screenshot({ path: join(SHOTS, 'e2e-connections.png'), fullPage: true });
  });

  it('opens the add form with the read-only warning; the desk switch offers the live desk', async () => {
    await page.getByTestId('conn-add').click();
    const form = page.getByTestId('conn-form');
    await form.waitFor();
    expect(await form.innerText()).toMatch(/only reads[\s\S]*read-only[\s\S]*trade or withdraw/);
    await page.getByTestId('conn-venue').selectOption('okx');
    expect(await form.innerText()).toMatch(/Passphrase/);
    expect(await page.getByTestId('desk-live').isEnabled()).toBe(true);
    expect(await page.getByTestId('storage-warning').innerText()).toContain(
      'weaker than the OS keychain',
    );
    await page.screenshot({ path: join(SHOTS, 'e2e-connections-form.png'), fullPage: true });
  });

  it('never shows a key or secret, nor NaN, and logs no console errors', async () => {
    const text = await page.evaluate(() => document.body.innerText);
    const html = await page.content();
    for (const s of [API_KEY, SECRET, API_KEY.slice(0, 10), SECRET.slice(0, 10)]) {
      expect(text).not.toContain(s);
      expect(html).not.toContain(s);
    }
    expect(text).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    expect(consoleErrors).toEqual([]);
  });
});
