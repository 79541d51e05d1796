/**
 * The headless host started in-process on a free port with the real services (SQLite file,
 * worker threads, demo desk): the WebSocket contract with and without the token, origin and
 * host checks, junk frames, static serving with security headers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../src-main/host/headless-host';
import type { BookSnapshot } from '../../shared/domain/valuation';
import { withServices } from '../helpers/services-harness';
import { closeCode, openSocket } from '../helpers/ws-client';

let harness: Awaited<ReturnType<typeof withServices>>;
let host: HeadlessHost;
let wsUrl: string;

beforeAll(async () => {
  harness = await withServices();
  const rendererDir = join(harness.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Cerberus</title>');
  host = await startHeadlessHost({
    handlers: harness.services.handlers,
    bus: harness.services.bus,
    rendererDir,
    validateOutput: true,
  });
  wsUrl = `ws://127.0.0.1:${host.port}/ws`;
  await harness.services.book.nextSnapshot();
});

afterAll(async () => {
  await host?.close();
  await harness?.stop();
});

describe('headless host', () => {
  it('prints a loopback URL with a per-run token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('gives the book to a client with the token, and streams updates', async () => {
    const s = await openSocket(`${wsUrl}?token=${host.token}`);
    const r = await s.invoke('book.getSnapshot', {});
    expect(r.ok).toBe(true);
    const snap = (r as { value: BookSnapshot }).value;
    expect(snap.risks.length).toBeGreaterThanOrEqual(8);
    expect(snap.accounts.map((a) => a.venue).sort()).toEqual(['binanceusdm', 'deribit', 'ib']);
    for (const risk of snap.risks) {
      for (const v of [
        risk.deltaUsd,
        risk.gammaUsdPer1Pct,
        risk.vegaUsdPerVolPt,
        risk.thetaUsdPerDay,
        risk.marketValueUsd,
      ]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
    const next = (await s.nextEvent('book.updated')) as BookSnapshot;
    expect(next.seq).toBeGreaterThan(snap.seq);
    s.close();
  });

  it('refuses a client without the token or with a wrong one', async () => {
    expect(await closeCode(wsUrl)).toBe(4401);
    expect(await closeCode(`${wsUrl}?token=${'x'.repeat(host.token.length)}`)).toBe(4401);
  });

  it('refuses a browser page from another origin', async () => {
    expect(await closeCode(`${wsUrl}?token=${host.token}`, { Origin: 'http://evil.example' })).toBe(
      -1,
    );
  });

  it('answers junk frames with errors and keeps the connection', async () => {
    const s = await openSocket(`${wsUrl}?token=${host.token}`, {
      Origin: `http://127.0.0.1:${host.port}`,
    });
    s.sendRaw('not json');
    expect((await s.nextResult()).result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    s.sendRaw(
      JSON.stringify({
        t: 'invoke',
        id: 5,
        key: 'market.getCandles',
        input: { series: 'BTC', bucket: 'forever' },
      }),
    );
    const bad = await s.nextResult();
    expect(bad.id).toBe(5);
    expect(bad.result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const good = await s.invoke('market.getUnderlyings', {});
    expect(good.ok).toBe(true);
    s.close();
  });

  it('serves the renderer with security headers and refuses foreign Host headers', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const traversal = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`);
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('root:');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example' } },
        (r) => resolve(r.statusCode ?? 0),
      );
      req.end();
    });
    expect(status).toBe(421);
  });
});
