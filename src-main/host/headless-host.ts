/**
 * The headless host: the built renderer over HTTP and the contract over WebSocket, on
 * 127.0.0.1 only. A random per-run token guards the socket; the Host and Origin headers must
 * name this server (against DNS rebinding and other sites' pages).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type ApiHandlers } from '../../shared/contract/dispatch';
import {
  clientFrameSchema,
  MAX_CLIENT_FRAME_BYTES,
  WS_UNAUTHORIZED,
  type ServerFrame,
} from '../../shared/contract/ws-protocol';
import type { EventBus } from '../services/event-bus';
import { serveStatic } from './static-files';

export interface HeadlessHostOptions {
  handlers: ApiHandlers;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
  validateOutput?: boolean;
}

export interface HeadlessHost {
  url: string;
  port: number;
  token: string;
  clientCount(): number;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export async function startHeadlessHost(opts: HeadlessHostOptions): Promise<HeadlessHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => {
    if (!allowedHosts(port).has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(opts.rendererDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const hostOk = allowedHosts(port).has(req.headers.host ?? '');
    const originOk =
      origin === undefined || allowedHosts(port).has(origin.replace(/^http:\/\//, ''));
    if (url.pathname !== '/ws' || !hostOk || !originOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!sameToken(url.searchParams.get('token') ?? '', token)) {
        ws.close(WS_UNAUTHORIZED, 'invalid token');
        return;
      }
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, data.toString(), isBinary));
    });
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  async function onMessage(ws: WebSocket, text: string, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const frame = clientFrameSchema.safeParse(raw);
    if (!frame.success) {
      const id =
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
          ? (raw as { id: number }).id
          : -1;
      send(ws, {
        t: 'result',
        id,
        result: { ok: false, error: { kind: 'invalid-input', message: 'malformed frame' } },
      });
      return;
    }
    const { id, key, input } = frame.data;
    const result = await dispatch(
      opts.handlers,
      key,
      input,
      { transport: 'websocket' },
      {
        validateOutput: opts.validateOutput ?? false,
        onInternalError: (k, err) => console.error(`request ${k} failed:`, err),
      },
    );
    send(ws, { t: 'result', id, result });
  }

  const offBus = opts.bus.onAny((name, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ t: 'event', name, payload } satisfies ServerFrame);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    clientCount: () => clients.size,
    async close() {
      offBus();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
