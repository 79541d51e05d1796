/**
 * End to end in Chromium: the Funding and Margin & liquidation screens on the demo desk through
 * the headless host. Needs `npm run build` first (npm test does it).
 */
import {
  BAD_TEXT,
  SHOTS_DIR,
  openWorkstation,
  type WorkstationSession,
} from '../helpers/e2e-session';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

const SHOTS = SHOTS_DIR;
let session: WorkstationSession;
let host: WorkstationSession['host'];
let page: WorkstationSession['page'];
let consoleErrors: string[];

beforeAll(async () => {
  session = await openWorkstation({ height: 1800 });
  ({ host, page, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

const bodyText = (p: Page) => p.evaluate(() => document.body.innerText);

describe('Funding screen in Chromium', () => {
  it('shows eight perps side by side with finite rates and a countdown that moves', async () => {
    await page.goto(`${host.url}#/funding`);
    await page.getByTestId('funding-venues').waitFor({ timeout: 20_000 });
    const rows = page.locator('[data-testid^="funding-row-"]');
    expect(await rows.count()).toBe(8);
    for (const text of await page.getByTestId('predicted').allInnerTexts()) {
      expect(text).toMatch(/^-?\d+\.\d{4}%$/);
    }
    const countdown = page.getByTestId('countdown').first();
    const first = await countdown.innerText();
    expect(first).toMatch(/^\d{2}:\d{2}:\d{2}/);
    await expect
      .poll(() => countdown.innerText(), { timeout: 4_000, interval: 250 })
      .not.toBe(first);
  });

  it('draws the history chart and toggles a venue off', async () => {
    const chart = page.getByTestId('funding-chart');
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 })
      .toBeGreaterThan(200);
    expect(await page.locator('[data-testid="funding-chart"] canvas').count()).toBeGreaterThan(0);
    await page.getByTestId('toggle-okx').click();
    await expect.poll(() => page.getByTestId('toggle-okx').getAttribute('class')).toMatch(/off/);
    await page.getByTestId('range-all').click();
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 })
      .toBeGreaterThan(4 * 2_000);
  });

  it("lists the book's funding P&L per position with finite amounts", async () => {
    const rows = page.locator('[data-testid^="funding-pos-"]');
    expect(await rows.count()).toBe(3);
    for (const text of await page.getByTestId('funding-net').allInnerTexts()) {
      expect(text).toMatch(/[\d]/);
      expect(text).not.toMatch(BAD_TEXT);
    }
    expect(await page.getByTestId('kpi-funding-net').innerText()).toMatch(/\$/);
    expect(await bodyText(page)).not.toMatch(BAD_TEXT);
    await page.screenshot({ path: join(SHOTS, 'e2e-funding.png'), fullPage: true });
  });
});

describe('Margin & liquidation screen in Chromium', () => {
  it('draws a gauge per account and liquidation prices per position', async () => {
    await page.goto(`${host.url}#/margin`);
    await page.getByTestId('margin-account-demo-binance').waitFor({ timeout: 20_000 });
    const gauges = page.locator('figure.ratio-gauge');
    expect(await gauges.count()).toBe(2);
    for (const v of await gauges.evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-value'))),
    )) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(1);
    }
    expect(await page.locator('figure.ratio-gauge path.band').count()).toBe(8);
    const liq = await page.getByTestId('liq-cerberus').allInnerTexts();
    expect(liq).toHaveLength(3);
    for (const text of liq) expect(text).toMatch(/^[\d,]+\.\d{2}$/);
    expect(await page.locator('[data-testid^="ladder-chart-"] path.ratio-line').count()).toBe(2);
  });

  it('computes a liquidation probability after clicking Compute', async () => {
    const panel = page.getByTestId('prob-demo-binance');
    await panel.getByTestId('prob-run').click();
    const value = panel.getByTestId('prob-value');
    await value.waitFor({ timeout: 60_000 });
    expect(await value.innerText()).toMatch(/^\d+\.\d{2}%$/);
    expect(await panel.getByTestId('prob-checkpoints').locator('.cp').count()).toBeGreaterThan(2);
    expect(await bodyText(page)).not.toMatch(BAD_TEXT);
    await page.screenshot({ path: join(SHOTS, 'e2e-margin.png'), fullPage: true });
  });

  it('shows progress for a long run and cancels it', async () => {
    const panel = page.getByTestId('prob-demo-deribit');
    await panel.getByRole('button', { name: '4w' }).click();
    await panel.getByRole('button', { name: '500k' }).click();
    await panel.getByRole('button', { name: 'fat tails' }).click();
    await panel.getByTestId('prob-run').click();
    await panel.getByTestId('prob-progress').waitFor({ timeout: 5_000 });
    await panel.getByTestId('prob-cancel').click();
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toMatch(/Cancelled/);
  });

  it('shows the margin alerts panel on the Dashboard', async () => {
    await page.goto(`${host.url}#/dashboard`);
    await page.getByTestId('margin-alerts').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('margin-alerts').innerText()).toMatch(/Margin alerts/);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
