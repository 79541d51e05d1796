/**
 * The Basis screen in Chromium on the headless host (demo desk, real services): charts drawn
 * with data, finite score and cards, a bad purchase refused inline, a good one recorded through
 * the form and listed, no NaN text, no console errors. Needs `npm run build` first.
 */
import { SHOTS_DIR, openWorkstation, type WorkstationSession } from '../helpers/e2e-session';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

const SHOTS = SHOTS_DIR;
let session: WorkstationSession;
let harness: WorkstationSession['harness'];
let host: WorkstationSession['host'];
let page: WorkstationSession['page'];
let consoleErrors: string[];

beforeAll(async () => {
  session = await openWorkstation({ height: 2000 });
  ({ harness, host, page, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

const noBadText = async (p: Page) =>
  expect(await p.evaluate(() => document.body.innerText)).not.toMatch(
    /\bNaN\b|\bundefined\b|Infinity/,
  );
const points = async (testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-points'));
const isoDaysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('Basis screen in Chromium', () => {
  it('draws the premium, z-score and beta charts with data and shows finite cards', async () => {
    await page.goto(`${host.url}#/basis`);
    await page.getByTestId('basis-history-chart').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => points('basis-history-chart'), { timeout: 20_000 })
      .toBeGreaterThan(1000);
    expect(await points('basis-z-chart')).toBeGreaterThan(200);
    expect(await points('basis-beta-chart')).toBeGreaterThan(1000);
    for (const id of ['basis-history-chart', 'basis-z-chart', 'basis-beta-chart']) {
      expect(await page.locator(`[data-testid="${id}"] canvas`).count(), id).toBeGreaterThan(0);
    }
    const score = Number(await page.getByTestId('basis-risk-score').getAttribute('data-value'));
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    await page.getByTestId('basis-hedge-value').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('basis-hedge-value').innerText()).toMatch(/^-?[\d,]+\.\d\d BTC$/);
    expect(await page.getByTestId('basis-tail-card-value').innerText()).toMatch(/^\d+\.\d%$/);
    expect(await page.getByTestId('basis-leverage-card-value').innerText()).toMatch(/^\d+\.\d\dx$/);
    await expect
      .poll(async () => page.getByTestId('basis-kpi-mnav').innerText(), { timeout: 10_000 })
      .toMatch(/\d\.\d{3}x/);
    expect(await page.getByTestId('basis-z-live').innerText()).toMatch(/^[+-]?\d+\.\d\d$/);
    expect(await page.getByTestId('basis-warnings').innerText()).toMatch(/carried forward/);
    await noBadText(page);
  });

  it('refuses a bad purchase inline, every field at once, and stores nothing', async () => {
    await page.getByTestId('purchase-date').fill(isoDaysAgo(-3));
    await page.getByTestId('purchase-btcBought').fill('1000');
    await page.getByTestId('purchase-btcHoldings').fill('-5');
    await page.getByTestId('purchase-sharesOutstanding').fill('abc');
    await page.getByTestId('purchase-submit').click();
    expect(await page.getByTestId('purchase-error-btcHoldings').innerText()).toMatch(/positive/);
    expect(await page.getByTestId('purchase-error-date').innerText()).toMatch(/in the future/);
    expect(await page.getByTestId('purchase-error-sharesOutstanding').innerText()).toMatch(
      /enter a number/,
    );
    await page.getByTestId('purchase-date').fill('2026-06-01');
    await page.getByTestId('purchase-btcHoldings').fill('848363');
    await page.getByTestId('purchase-sharesOutstanding').fill('');
    await page.getByTestId('purchase-submit').click();
    expect(await page.getByTestId('purchase-error-date').innerText()).toMatch(
      /record already covers days up to 2026-06-29/,
    );
    expect(await page.getByTestId('purchase-error-btcHoldings').count()).toBe(0);
    expect(await harness.services.db.listMstrPurchases()).toEqual([]);
  });

  it('records a purchase through the form and lists it', async () => {
    const date = isoDaysAgo(10);
    await page.getByTestId('purchase-date').fill(date);
    await page.getByTestId('purchase-btcBought').fill('12,637');
    await page.getByTestId('purchase-btcHoldings').fill('860,000');
    await page.getByTestId('purchase-avgCostUsd').fill('70000');
    await page.getByTestId('purchase-note').fill('e2e 8-K');
    await page.getByTestId('purchase-submit').click();
    await page.getByTestId('purchase-ok').waitFor({ timeout: 10_000 });
    const userRow = page.locator('[data-testid="basis-holdings-table"] tr[data-source="user"]');
    await userRow.first().waitFor({ timeout: 10_000 });
    const text = await userRow.first().innerText();
    expect(text).toContain(date);
    expect(text).toContain('860,000');
    expect(text).toContain('+12,637');
    const stored = await harness.services.db.listMstrPurchases();
    expect(stored.map((p) => [p.btcHoldings, p.btcBought, p.avgCostUsd, p.note])).toEqual([
      [860000, 12637, 70000, 'e2e 8-K'],
    ]);
    // The live numbers follow: holdings shown in the form header, mNAV from the new holdings.
    await expect
      .poll(async () => page.getByTestId('basis-purchase-form').innerText(), { timeout: 10_000 })
      .toContain('now 860,000 BTC');
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-basis.png') });
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
