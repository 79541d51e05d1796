/**
 * End to end in Chromium: the headless host on the demo desk with two compute workers, a user
 * opening VaR & stress (every tab, the stress pricing model switched to Heston) and the
 * dashboard's risk row: finite numbers, charts drawn,
 * a run with progress and Cancel, a refused and then a saved scenario, no NaN text, no console
 * errors. Needs `npm run build` first.
 */
import { SHOTS_DIR, openWorkstation, type WorkstationSession } from '../helpers/e2e-session';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../shared/contract/dispatch';

const SHOTS = SHOTS_DIR;
const USD = /^-?\+?\$[\d,.]+[kMB]?$/;
let session: WorkstationSession;
let harness: WorkstationSession['harness'];
let host: WorkstationSession['host'];
let page: WorkstationSession['page'];
let consoleErrors: string[];

beforeAll(async () => {
  session = await openWorkstation({ height: 1400 });
  ({ harness, host, page, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

async function noBadText(p: Page): Promise<void> {
  const text = await p.evaluate(() => document.body.innerText);
  expect(text).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
}

/** Plotly has drawn marks (bars or markers) inside the chart with this test id. */
async function chartMarks(p: Page, testId: string): Promise<number> {
  const chart = p.getByTestId(testId);
  await chart.locator('.main-svg').first().waitFor({ timeout: 20_000 });
  return chart.locator('.point, .scatterlayer path.js-line').count();
}

describe('VaR & stress screen in Chromium', () => {
  it('shows VaR/ES of every method with finite numbers, the histogram and contributions', async () => {
    await page.goto(`${host.url}#/risk`);
    await page.getByTestId('var-table').waitFor({ timeout: 60_000 });
    const cells = await page
      .locator('[data-testid="var-table"] td.clickable-cell .var-v')
      .allInnerTexts();
    expect(cells.length).toBe(8 * 8);
    for (const t of cells) expect(t).toMatch(USD);
    expect(await page.getByTestId('risk-kpi-var').innerText()).toMatch(/\$[\d.]+k/);
    expect(await page.getByTestId('risk-kpi-engine').innerText()).toMatch(/CPU/);
    expect(await chartMarks(page, 'pnl-histogram')).toBeGreaterThan(10);
    expect(await chartMarks(page, 'contrib-underlying')).toBeGreaterThanOrEqual(8);
    expect(await chartMarks(page, 'contrib-position')).toBeGreaterThanOrEqual(8);
    // Another cell: the Monte Carlo 10-day 99% distribution.
    await page.getByTestId('var-montecarlo-10-99').click();
    await expect
      .poll(() => page.getByTestId('pnl-histogram').locator('.point').count(), { timeout: 10_000 })
      .toBeGreaterThan(20);
    expect(
      await page.locator('.panel-head h2', { hasText: 'Monte Carlo' }).count(),
    ).toBeGreaterThan(0);
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-risk-var.png'), fullPage: true });
  });

  it('shows the stress table sorted by loss, the spot x vol ladder and reverse stress', async () => {
    await page.getByTestId('risk-tab-stress').click();
    const rows = page.locator('[data-testid="stress-table"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    const pnls = await page.locator('[data-testid^="stress-pnl-"]').allInnerTexts();
    for (const t of pnls) expect(t).toMatch(USD);
    const values = pnls.map((t) => {
      const m = /(-?)\+?\$([\d,.]+)([kM]?)/.exec(t);
      const scale = m?.[3] === 'M' ? 1e6 : m?.[3] === 'k' ? 1e3 : 1;
      return (m?.[1] === '-' ? -1 : 1) * Number((m?.[2] ?? '0').replace(/,/g, '')) * scale;
    });
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(await page.locator('[data-testid="stress-ladder"] tbody td').count()).toBe(49);
    expect(await page.locator('[data-testid="reverse-table"] tbody tr').count()).toBe(3);
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-risk-stress.png'), fullPage: true });
  });

  it('switches the stress pricing model to Heston and shows the three models side by side', async () => {
    // Calibrate BTC now rather than waiting for the surface's cadence.
    const cal = await dispatch(
      harness.services.handlers,
      'surface.calibrateModels',
      { underlying: 'BTC' },
      { transport: 'in-process' },
    );
    expect(cal.ok).toBe(true);
    await page.getByTestId('stress-pricing').waitFor();
    expect(await page.getByTestId('stress-model-used').innerText()).toBe('BSM/SVI');
    await page.getByTestId('stress-model-heston').click();
    await expect
      .poll(() => page.getByTestId('stress-model-used').innerText(), { timeout: 60_000 })
      .toBe('Heston');
    expect(await page.getByTestId('stress-pricing').innerText()).toMatch(
      /Heston: calibrated for BTC/,
    );
    for (const key of ['bsmSvi', 'heston', 'merton']) {
      const cells = await page.locator(`[data-testid^="stress-model-pnl-${key}-"]`).allInnerTexts();
      expect(cells.length).toBeGreaterThanOrEqual(8);
      for (const t of cells) expect(t).toMatch(USD);
    }
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-risk-stress-models.png'), fullPage: true });
  });

  it('shows the backtest chart with breaches, the coverage tests and the traffic light', async () => {
    await page.getByTestId('risk-tab-backtest').click();
    expect(await chartMarks(page, 'backtest-chart')).toBeGreaterThan(100);
    expect(await page.getByTestId('traffic-light').innerText()).toMatch(/GREEN|YELLOW|RED/);
    const tests = await page.getByTestId('backtest-tests').innerText();
    expect(tests).toMatch(/Kupiec/);
    expect(tests).toMatch(/p = 0\.\d{3}/);
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-risk-backtest.png'), fullPage: true });
  });

  it('refuses a broken scenario, then saves a valid one', async () => {
    await page.getByTestId('risk-tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    const editor = page.getByTestId('scenario-text');
    await editor.fill(
      '{"id": "Bad Id", "name": "x", "kind": "custom", "description": "", "source": "", "shocks": {}}',
    );
    await expect
      .poll(() => page.getByTestId('scenario-verdict').innerText())
      .toMatch(/lower-case kebab/);
    expect(await page.getByTestId('scenario-save').isDisabled()).toBe(true);
    await editor.fill(
      JSON.stringify({
        id: 'e2e-btc-down',
        name: 'E2E BTC -15%',
        kind: 'custom',
        description: 'test',
        source: 'e2e',
        shocks: { BTC: { spot: -0.15 } },
      }),
    );
    await expect
      .poll(() => page.getByTestId('scenario-verdict').innerText())
      .toMatch(/valid custom/);
    await page.getByTestId('scenario-save').click();
    await expect
      .poll(() => page.getByTestId('scenario-message').innerText())
      .toMatch(/Saved "E2E BTC -15%" as version 1/);
    expect(await page.getByTestId('scenario-editor').innerText()).toMatch(/e2e-btc-down/);
    await page.screenshot({ path: join(SHOTS, 'e2e-risk-scenarios.png'), fullPage: true });
  });

  it('shows the progress of a run and cancels it', async () => {
    let cancelled = false;
    for (let attempt = 0; attempt < 3 && !cancelled; attempt++) {
      await page.getByTestId('risk-run').click();
      await page.getByTestId('risk-progress').waitFor({ timeout: 10_000 });
      const ok = await page
        .getByTestId('risk-cancel')
        .click({ timeout: 1_000 })
        .then(
          () => true,
          () => false,
        );
      if (!ok) continue;
      await expect
        .poll(() => page.locator('.risk-progress').innerText(), { timeout: 15_000 })
        .toMatch(/cancelled|Run now/);
      cancelled = /cancelled/.test(await page.locator('.risk-progress').innerText());
    }
    expect(cancelled).toBe(true);
  });
});

describe('dashboard risk row in Chromium', () => {
  it('shows VaR99 1-day against its limit and the risk heatmap with finite values', async () => {
    await page.goto(`${host.url}#/dashboard`);
    await page.getByTestId('dash-risk').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('kpi-var99').innerText(), { timeout: 60_000 })
      .toMatch(/\$[\d.]+k/);
    const usage = Number(await page.getByTestId('var-limit-bar').getAttribute('data-usage'));
    expect(Number.isFinite(usage)).toBe(true);
    expect(usage).toBeGreaterThan(0);
    const heat = await page.locator('[data-testid^="heat-"]').allInnerTexts();
    expect(heat.length).toBe(5 * 4);
    for (const t of heat) expect(t).toMatch(USD);
    expect(await page.locator('figure.gauge').count()).toBe(4);
    await noBadText(page);
    await page.screenshot({ path: join(SHOTS, 'e2e-dashboard-risk.png'), fullPage: true });
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
