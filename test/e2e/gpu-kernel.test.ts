/**
 * The GPU path in a real browser: Chromium loads the built GPU host page (the one Electron's
 * hidden GPU window loads), gpu.js builds the Monte Carlo revaluation kernel on WebGL2
 * (SwiftShader here, a real GPU on a desktop) and must report the GPU backend, not its CPU
 * fallback; its P&L on a fixed input must equal the CPU twin within the stated float32
 * tolerance, 1e-5 x (|P&L| + sum |linearUsd| + max |grid value|). Needs `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GpuPageInfo } from '../../shared/contract/gpu-host';
// The page's `window.cerberusGpuPage` global comes with this module's types.
import type {} from '../../src-workers/gpu/host/gpu-host-page';
import { riskBookFromFile } from '../../shared/quant/risk/book-input';
import { buildBookGrid } from '../../shared/quant/risk/book-grid';
import { buildFactorModel } from '../../shared/quant/risk/factor-model';
import { simulateFactorsRange } from '../../shared/quant/risk/mc-simulate';
import { factorRanges } from '../../shared/quant/risk/mc-var';
import {
  kernelInputsFromGrid,
  mcRevalueCpu,
  MC_REVALUE_FLOAT32_RTOL,
  type McRevalueInputs,
} from '../../src-workers/gpu/mc-revalue.kernel';
import { launchChromium } from '../helpers/browser';
import { RENDERER_DIR } from '../helpers/services-harness';
import { syntheticBook, syntheticCorrelation } from '../quant/risk/synthetic-book';

const ORIGIN = 'http://gpu-host.test';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'gpu-host.html')))
    throw new Error('renderer not built: run `npm run build` before the e2e tests');
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(RENDERER_DIR, decodeURIComponent(path));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({
      status: 200,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
  await page.goto(`${ORIGIN}/gpu-host.html`);
  await page.waitForFunction(() => window.cerberusGpuPage !== undefined, undefined, {
    timeout: 30_000,
  });
});

afterAll(async () => {
  await browser?.close();
});

function fixedInput(nV: number, paths: number): McRevalueInputs {
  const file = syntheticBook({ positions: 80, underlyings: 4, seed: 3 });
  const { book } = riskBookFromFile(file);
  const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
    volSource: 'implied',
    correlation: syntheticCorrelation(book.underlyings),
  });
  const f = simulateFactorsRange(model, [10], 17, 0, paths);
  const h = f[0];
  if (!h) throw new Error('no factors');
  const grid = buildBookGrid(book, factorRanges(f, book.underlyings.length), { nV });
  return kernelInputsFromGrid(grid, h.x, nV === 1 ? new Float64Array(h.v.length) : h.v);
}

type Plain = Record<string, number | number[]>;
function plain(inp: McRevalueInputs): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(inp))
    out[k] = v instanceof Float32Array ? Array.from(v) : (v as number);
  return out;
}

async function runInPage(p: Page, inp: McRevalueInputs): Promise<number[]> {
  return p.evaluate((args: Plain) => {
    const api = window.cerberusGpuPage;
    if (!api) throw new Error('GPU host page not started');
    const f32 = (k: string) => Float32Array.from(args[k] as number[]);
    const inputs = {
      paths: args['paths'] as number,
      nU: args['nU'] as number,
      nXi: args['nXi'] as number,
      nV: args['nV'] as number,
      x: f32('x'),
      v: f32('v'),
      values: f32('values'),
      scale: f32('scale'),
      xi0: f32('xi0'),
      dXi: f32('dXi'),
      v0: f32('v0'),
      dV: f32('dV'),
      linearUsd: f32('linearUsd'),
    };
    return Array.from(api.revalue(inputs));
  }, plain(inp));
}

/** The P&L scale of the tolerance: |P&L| + sum |linearUsd| + max |grid value|. */
function scale(inp: McRevalueInputs, pnl: Float32Array): number {
  let m = 0;
  for (const x of pnl) m = Math.max(m, Math.abs(x));
  let lin = 0;
  for (const x of inp.linearUsd) lin += Math.abs(x);
  let g = 0;
  for (const x of inp.values) g = Math.max(g, Math.abs(x));
  return m + lin + g;
}

describe('GPU host page in Chromium (WebGL through gpu.js)', () => {
  it('runs the kernel on WebGL2 in gpu mode, not the CPU fallback', async () => {
    const info = (await page.evaluate(() => window.cerberusGpuPage?.info)) as GpuPageInfo;
    expect(info.mode).toBe('gpu');
    expect(info.backend).toBe('webgl2');
    expect(info.available).toBe(true);
    expect(await page.evaluate(() => document.body.dataset['gpuBackend'])).toBe('webgl2');
  });

  for (const nV of [17, 1]) {
    it(`equals the CPU twin within the float32 tolerance (4096 paths, 4 underlyings, nV = ${nV})`, async () => {
      const inp = fixedInput(nV, 4096);
      const twin = mcRevalueCpu(inp);
      const gpu = await runInPage(page, inp);
      expect(gpu.length).toBe(4096);
      const tol = MC_REVALUE_FLOAT32_RTOL * scale(inp, twin);
      let maxDiff = 0;
      twin.forEach((t, p) => (maxDiff = Math.max(maxDiff, Math.abs(t - (gpu[p] as number)))));
      expect(maxDiff).toBeLessThanOrEqual(tol);
      // Not trivially equal: the kernel produced real, varied P&L.
      expect(new Set(gpu.map((x) => Math.round(x))).size).toBeGreaterThan(1000);
      // The backend is still the GPU after real work (no silent fallback on this input).
      const info = (await page.evaluate(() => window.cerberusGpuPage?.info)) as GpuPageInfo;
      expect(info.backend).toBe('webgl2');
    });
  }

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
