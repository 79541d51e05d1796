/**
 * End to end in Chromium: the crypto-derivatives panels added to the Funding and Margin screens
 * on the demo desk through the headless host -- carry (funding vs futures basis), the mark/index
 * check, the trade ticket with its before/after probability, Merton jumps, and the
 * portfolio-margin switch. Needs `npm run build` first (npm test does it).
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
  session = await openWorkstation({ height: 2200 });
  ({ host, page, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

const bodyText = (p: Page) => p.evaluate(() => document.body.innerText);
const PCT = /^-?\d+\.\d%$/;

describe('Funding screen: carry and mark check', () => {
  it('lists dated futures with finite annualised basis beside the perps', async () => {
    await page.goto(`${host.url}#/funding`);
    await page.getByTestId('carry-panel').waitFor({ timeout: 20_000 });
    const rows = page.locator('[data-testid^="future-row-"]');
    expect(await rows.count()).toBe(6);
    for (const text of await page.getByTestId('future-annualised').allInnerTexts()) {
      expect(text).toMatch(PCT);
      // The demo's basis is 5% (Deribit) and 5.4% (Binance) a year.
      expect(Number(text.replace('%', ''))).toBeGreaterThan(4);
      expect(Number(text.replace('%', ''))).toBeLessThan(6.5);
    }
    expect(await page.locator('[data-testid="carry-perps"] tbody tr').count()).toBe(4);
    expect(Number(await page.getByTestId('carry-chart').first().getAttribute('data-points'))).toBe(
      6,
    );
    expect(await page.locator('[data-testid="carry-chart"] circle').count()).toBe(6);
  });

  it("shows Cerberus' index and mark beside each venue's with finite differences", async () => {
    const rows = page.locator('[data-testid^="mark-row-"]');
    expect(await rows.count()).toBe(8);
    for (const text of await page.getByTestId('mark-diff').allInnerTexts())
      expect(text).toMatch(/^[+-]\d+\.\d bp/);
    expect(await page.getByTestId('mark-check').innerText()).toMatch(/4 src/);
    expect(await bodyText(page)).not.toMatch(BAD_TEXT);
    await page.screenshot({ path: join(SHOTS, 'e2e-funding-carry.png'), fullPage: true });
  });
});

describe('Margin screen: trade ticket, jumps, portfolio margin', () => {
  it('previews a trade before/after and names the refusal of an oversized one', async () => {
    await page.goto(`${host.url}#/margin`);
    const ticket = page.getByTestId('trade-ticket');
    await ticket.getByTestId('trade-preview').waitFor({ timeout: 20_000 });
    // The default ticket buys back part of the Binance BTC short: risk goes down.
    await expect
      .poll(() => ticket.getByTestId('ticket-verdict').innerText(), { timeout: 10_000 })
      .toMatch(/Reduces risk/);
    const ratio = await ticket.getByTestId('cmp-ratio').innerText();
    expect(ratio).toMatch(/\d+\.\d%.*\d+\.\d%/s);
    await ticket.getByTestId('ticket-sell').click();
    await ticket.getByTestId('ticket-size').fill('40');
    await expect
      .poll(() => ticket.getByTestId('ticket-verdict').innerText(), { timeout: 10_000 })
      .toMatch(/refuse/);
    expect(await ticket.getByTestId('ticket-checks').innerText()).toMatch(/REFUSED/i);
    await ticket.getByTestId('ticket-size').fill('1');
    await expect
      .poll(() => ticket.getByTestId('ticket-verdict').innerText(), { timeout: 10_000 })
      .toMatch(/Accepted/);
    const liq = await ticket.getByTestId('cmp-liq').innerText();
    expect(liq).toMatch(/[\d,]+\.\d{2}.*[\d,]+\.\d{2}/s);
  });

  it('computes the liquidation probability before and after on one seed, with jumps', async () => {
    await page.getByTestId('prob-demo-binance').getByTestId('jumps-toggle').click();
    const ticket = page.getByTestId('trade-ticket');
    await ticket.getByRole('button', { name: /before \/ after/ }).click();
    await expect
      .poll(() => ticket.getByTestId('cmp-prob').innerText(), { timeout: 60_000 })
      .toMatch(/\d+\.\d{2}% ± \d+\.\d{2}%.*\d+\.\d{2}% ± \d+\.\d{2}%/s);
    const panel = page.getByTestId('prob-demo-binance');
    await panel.getByTestId('prob-run').click();
    await panel.getByTestId('prob-jumps').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('prob-jumps').innerText()).toMatch(/jumps 6\/yr/);
  });

  it('switches the demo Binance account to portfolio margin and shows uniMMR', async () => {
    const pm = page.getByTestId('pm-demo-binance');
    await pm.getByTestId('pm-toggle').click();
    const gauge = page.getByTestId('unimmr-demo-binance');
    await gauge.waitFor({ timeout: 10_000 });
    const v = Number(await gauge.getAttribute('data-value'));
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(1.05);
    expect(await pm.innerText()).toMatch(/reduce-only/);
    expect(await bodyText(page)).not.toMatch(BAD_TEXT);
    await page.screenshot({ path: join(SHOTS, 'e2e-margin-ticket.png'), fullPage: true });
    await pm.getByTestId('pm-toggle').click();
    await expect.poll(() => page.getByTestId('unimmr-demo-binance').count()).toBe(0);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
