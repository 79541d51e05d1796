/**
 * The vol-surface screen in Chromium on the demo desk: the 3D surface (WebGL) and the smile
 * charts draw, the fit-quality numbers are finite, the model and underlying switches refit the
 * view, the book panel shows options priced off the surface; the Local vol tab draws the Dupire
 * heatmap and slice, the Models tab Heston and Merton over SVI with finite parameters, misfit and
 * model-risk values, the Constraint tab the unconstrained fit beside the arbitrage-free one; and
 * the page logs no errors.
 * Needs `npm run build` first (npm test does it).
 */
import { SHOTS_DIR, openWorkstation, type WorkstationSession } from '../helpers/e2e-session';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

const NOT_A_NUMBER = /\bNaN\b|\bundefined\b|Infinity/;

async function numbers(selector: string): Promise<number[]> {
  const texts = await page.locator(selector).allInnerTexts();
  return texts.map((t) => Number(t.replace(/[,%]/g, '')));
}

describe('vol surface screen in Chromium', () => {
  it('draws the 3D surface with market points and a smile with bid/ask bars and the fit', async () => {
    await page.goto(`${host.url}#/surface`);
    await page.locator('[data-testid="surface-3d"] .js-plotly-plot').waitFor({ timeout: 30_000 });
    // plotly's 3D scene draws into a WebGL canvas; two traces: the surface and the market points.
    await page.locator('[data-testid="surface-3d"] canvas').first().waitFor({ timeout: 30_000 });
    const traces3d = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="surface-3d"] .js-plotly-plot') as
        (HTMLElement & { data?: { type: string }[] }) | null;
      return el?.data?.map((d) => d.type) ?? [];
    });
    expect(traces3d).toEqual(['surface', 'scatter3d']);
    const smile = page.locator('[data-testid="smile-chart"] .scatterlayer .trace');
    await smile.first().waitFor({ timeout: 30_000 });
    expect(await smile.count()).toBe(3);
    const fitPath = await page
      .locator('[data-testid="smile-chart"] .scatterlayer .trace:nth-child(3) path.js-line')
      .getAttribute('d');
    expect(fitPath?.length ?? 0).toBeGreaterThan(100);
    const points = await page.locator('[data-testid="smile-chart"] .scatterlayer .point').count();
    expect(points).toBeGreaterThanOrEqual(5);
    await page.locator('[data-testid="term-chart"] .scatterlayer .trace').first().waitFor();
    await page.locator('[data-testid="variance-chart"] .scatterlayer .trace').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-surface.png') });
  });

  it('shows finite RMSE values, a clean arbitrage report and no NaN text', async () => {
    const rmse = await numbers('[data-testid="rmse"]');
    expect(rmse.length).toBeGreaterThanOrEqual(5);
    for (const x of rmse) expect(Number.isFinite(x)).toBe(true);
    const headline = await numbers('[data-testid="rmse-headline"]');
    expect(Number.isFinite(headline[0])).toBe(true);
    expect(await page.getByTestId('arbitrage-status').innerText()).toMatch(/No static arbitrage/);
    expect(await page.getByTestId('history-slider').count()).toBe(1);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NOT_A_NUMBER);
  });

  it('lists the book options with the surface vols the book now uses', async () => {
    const tags = page.locator('[data-testid="book-vols"] .tag.src-surface');
    await expect.poll(async () => tags.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  });

  it('switches to SABR and to another underlying', async () => {
    await page.locator('[data-testid="model-switch"] button', { hasText: 'SABR' }).click();
    await expect
      .poll(async () => page.locator('.panel-head h2').first().innerText(), { timeout: 15_000 })
      .toMatch(/BTC implied vol surface \(SABR\)/);
    const sabr = await numbers('[data-testid="rmse"]');
    for (const x of sabr) expect(Number.isFinite(x)).toBe(true);
    // SABR cannot match the demo desk's SSVI smiles exactly: some miss must show.
    expect(Math.max(...sabr)).toBeGreaterThan(0.05);
    await page.screenshot({ path: join(SHOTS, 'e2e-surface-sabr.png') });
    await page.locator('[data-testid="underlying-switch"] button', { hasText: 'MSTR' }).click();
    await expect
      .poll(async () => page.locator('.panel-head h2').first().innerText(), { timeout: 15_000 })
      .toMatch(/MSTR implied vol surface/);
    await page.locator('[data-testid="model-switch"] button', { hasText: 'SVI' }).click();
    await page.locator('[data-testid="smile-chart"] .scatterlayer .trace').first().waitFor();
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NOT_A_NUMBER);
  });

  it('shows Dupire local vol as a heatmap and a slice beside the implied smile', async () => {
    await page.locator('[data-testid="underlying-switch"] button', { hasText: 'BTC' }).click();
    await page.getByTestId('tab-local-vol').click();
    const heat = page.locator('[data-testid="local-vol-heatmap"] .js-plotly-plot');
    await heat.waitFor({ timeout: 30_000 });
    const types = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="local-vol-heatmap"] .js-plotly-plot') as
        (HTMLElement & { data?: { type: string; z?: (number | null)[][] }[] }) | null;
      const z = el?.data?.[0]?.z ?? [];
      return { types: el?.data?.map((d) => d.type) ?? [], cells: z.flat().length };
    });
    expect(types.types).toEqual(['heatmap']);
    expect(types.cells).toBeGreaterThan(500);
    await page.locator('[data-testid="local-vol-slice"] .scatterlayer .trace').first().waitFor();
    expect(await page.locator('[data-testid="local-vol-slice"] .scatterlayer .trace').count()).toBe(
      2,
    );
    // The demo surface is free of arbitrage: no gaps, and the count is a number.
    expect(await numbers('[data-testid="local-vol-gaps"]')).toEqual([0]);
    const atm = await numbers('[data-testid="local-vol-atm"]');
    expect(atm[0]).toBeGreaterThan(5);
    expect(atm[0]).toBeLessThan(300);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NOT_A_NUMBER);
    await page.screenshot({ path: join(SHOTS, 'e2e-surface-local-vol.png') });
  });

  it('shows Heston and Merton over SVI with parameters, misfit and model risk on the book', async () => {
    await page.getByTestId('tab-models').click();
    // A first visit with nothing calibrated starts a run (about a second per underlying).
    await page.getByTestId('feller-ratio').waitFor({ timeout: 60_000 });
    const feller = await numbers('[data-testid="feller-ratio"]');
    expect(feller[0]).toBeGreaterThan(0);
    const traces = page.locator('[data-testid="model-smile-chart"] .scatterlayer .trace');
    await traces.first().waitFor();
    expect(await traces.count()).toBe(5); // bid/ask, market, SVI, Heston, Merton
    const heston = await numbers('[data-testid="rmse-heston"]');
    const merton = await numbers('[data-testid="rmse-merton"]');
    expect(heston.length).toBeGreaterThanOrEqual(5);
    expect(heston.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    expect(merton.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    const values = await page.locator('[data-testid="mr-value"]').allInnerTexts();
    expect(values.length).toBeGreaterThanOrEqual(1);
    for (const v of values) expect(Number.isFinite(Number(v.replace(/[$,]/g, '')))).toBe(true);
    const total = await page.getByTestId('mr-total').innerText();
    expect(Number.isFinite(Number(total.replace(/[$,]/g, '')))).toBe(true);
    expect(await page.getByTestId('models-compute-ms').innerText()).toMatch(/^[\d,]+ ms$/);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NOT_A_NUMBER);
    await page.screenshot({ path: join(SHOTS, 'e2e-surface-models.png') });
  });

  it('fits unconstrained SVI on request and shows what the constraint costs', async () => {
    await page.getByTestId('tab-constraint').click();
    await page.getByTestId('fit-unconstrained').check();
    await page.getByTestId('constraint-table').waitFor({ timeout: 30_000 });
    const costs = await numbers('[data-testid="constraint-cost"]');
    expect(costs.length).toBeGreaterThanOrEqual(5);
    // The demo desk quotes an arbitrage-free SSVI surface: the constraint costs nothing.
    for (const c of costs) expect(Math.abs(c)).toBeLessThan(0.01);
    const minG = await numbers('[data-testid="min-g"]');
    expect(minG).toHaveLength(2);
    for (const g of minG) expect(g).toBeGreaterThan(0);
    await expect
      .poll(async () => page.locator('[data-testid="model-switch"] button').allInnerTexts())
      .toContain('SVI free');
    await page.locator('[data-testid="constraint-smiles"] .scatterlayer .trace').first().waitFor();
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NOT_A_NUMBER);
    await page.screenshot({ path: join(SHOTS, 'e2e-surface-constraint.png') });
    await page.getByTestId('fit-unconstrained').uncheck();
    await page.getByTestId('tab-surface').click();
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
