/**
 * End to end in Chromium: the headless host on the demo desk, the built renderer, a user
 * opening Positions and the Dashboard. Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHeadlessHost, type HeadlessHost } from '../../src-main/host/headless-host';
import { launchChromium } from '../helpers/browser';
import { REPO_ROOT, RENDERER_DIR, withServices } from '../helpers/services-harness';

const SHOTS = join(REPO_ROOT, 'test-results');
let harness: Awaited<ReturnType<typeof withServices>>;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('renderer not built: run `npm run build` before the e2e tests');
  mkdirSync(SHOTS, { recursive: true });
  harness = await withServices({ computeWorkers: 2 });
  host = await startHeadlessHost({
    handlers: harness.services.handlers,
    bus: harness.services.bus,
    rendererDir: RENDERER_DIR,
    validateOutput: true,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await harness?.stop();
});

async function bodyText(p: Page): Promise<string> {
  return p.evaluate(() => document.body.innerText);
}

describe('workstation in Chromium', () => {
  it('shows the positions grid with at least 8 positions and finite Greeks', async () => {
    await page.goto(`${host.url}#/positions`);
    await page.waitForSelector('.ag-row.row-position', { timeout: 20_000 });
    const rows = page.locator('[data-testid="positions-grid"] .ag-row.row-position');
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    const greekCols = ['deltaUsd', 'gammaUsdPer1Pct', 'vegaUsdPerVolPt', 'thetaUsdPerDay'];
    for (const col of greekCols) {
      const cells = await page
        .locator(`[data-testid="positions-grid"] .ag-row.row-position [col-id="${col}"]`)
        .allInnerTexts();
      expect(cells.length).toBeGreaterThanOrEqual(8);
      for (const text of cells) expect(text, `${col} cell`).toMatch(/^-?\$[\d,]+$/);
    }
    const text = await bodyText(page);
    expect(text).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    await page.screenshot({ path: join(SHOTS, 'e2e-positions.png') });
  });

  it('shows prices that change within 5 seconds', async () => {
    await page.goto(`${host.url}#/dashboard`);
    const spot = page.getByTestId('spot-BTC');
    await spot.waitFor({ timeout: 20_000 });
    const first = await spot.innerText();
    await expect
      .poll(async () => spot.innerText(), { timeout: 5_000, interval: 200 })
      .not.toBe(first);
  });

  it('shows the dashboard gauges, KPIs and a drawn price chart', async () => {
    await page.goto(`${host.url}#/dashboard`);
    await page.getByTestId('gauges').waitFor({ timeout: 20_000 });
    const gauges = page.locator('figure.gauge');
    expect(await gauges.count()).toBe(4);
    for (const value of await gauges.evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-value'))),
    )) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(await page.getByTestId('kpi-delta').innerText()).toMatch(/\$/);
    const bars = Number(await page.getByTestId('price-chart').getAttribute('data-bars'));
    expect(bars).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="price-chart"] canvas').count()).toBeGreaterThan(0);
    expect(await bodyText(page)).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    await page.screenshot({ path: join(SHOTS, 'e2e-dashboard.png') });
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
