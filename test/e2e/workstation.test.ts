/**
 * End to end in Chromium: the headless host on the demo desk, the built renderer, a user
 * opening Positions and the Dashboard. Needs `npm run build` first (npm test does it).
 */
import { SHOTS_DIR, openWorkstation, type WorkstationSession } from '../helpers/e2e-session';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

const SHOTS = SHOTS_DIR;
let session: WorkstationSession;
let host: WorkstationSession['host'];
let page: WorkstationSession['page'];
let consoleErrors: string[];

beforeAll(async () => {
  session = await openWorkstation({ height: 1000 });
  ({ host, page, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
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
