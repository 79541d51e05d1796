/**
 * The E2E fixture every screen test shares: real services on a temp folder, the headless host
 * serving the built renderer, Debian's Chromium with one page, console errors collected.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ServicesConfig } from '../../src-main/app/config';
import { startHeadlessHost, type HeadlessHost } from '../../src-main/host/headless-host';
import { launchChromium } from './browser';
import { REPO_ROOT, RENDERER_DIR, withServices } from './services-harness';

export const SHOTS_DIR = join(REPO_ROOT, 'test-results');
/** Text the screens must never show. */
export const BAD_TEXT = /\bNaN\b|\bundefined\b|Infinity/;

export interface WorkstationSession {
  harness: Awaited<ReturnType<typeof withServices>>;
  host: HeadlessHost;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openWorkstation(
  opts: { height?: number; services?: Partial<ServicesConfig> } = {},
): Promise<WorkstationSession> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('renderer not built: run `npm run build` before the e2e tests');
  }
  mkdirSync(SHOTS_DIR, { recursive: true });
  const harness = await withServices({ computeWorkers: 2, ...opts.services });
  const host = await startHeadlessHost({
    handlers: harness.services.handlers,
    bus: harness.services.bus,
    rendererDir: RENDERER_DIR,
    validateOutput: true,
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: opts.height ?? 1000 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    harness,
    host,
    browser,
    page,
    consoleErrors,
    async close() {
      await browser.close();
      await host.close();
      await harness.stop();
    },
  };
}
