/**
 * A local websocket server for ccxt.pro stream tests, speaking one venue's public-stream protocol
 * (`ws-fake-protocols.ts`): it answers subscribe requests as the venue documents, then pushes a
 * message for every subscribed channel on a fixed beat whose values move with a global tick (so
 * data after a reconnect is visibly newer). Like `ws-fake-deribit.ts` it can drop every socket,
 * refuse new ones for a while and pause the pushes.
 */
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsProtocol {
  /**
   * Answers one client message through `reply`; returns the channels a subscription adds (the
   * keys `push` understands), or undefined for anything else (pings, acks).
   */
  onMessage(raw: string, reply: (msg: unknown) => void): string[] | undefined;
  /** The message pushed on `channel` at `tick`; `first`: the first push on this socket. */
  push(channel: string, tick: number, first: boolean): unknown;
}

export interface FakeVenueWs {
  url: string;
  /** Every subscription request: the socket's path and the channels it asked for. */
  subscribes: { path: string; channels: string[] }[];
  connections: number;
  refuse: boolean;
  pushing: boolean;
  tick: number;
  dropAll(): void;
  close(): Promise<void>;
}

interface Live {
  socket: WebSocket;
  channels: string[];
  pushed: Set<string>;
}

export async function startFakeVenueWs(
  protocol: WsProtocol,
  pushEveryMs = 10,
): Promise<FakeVenueWs> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const live = new Set<Live>();
  const fake: FakeVenueWs = {
    url: `ws://127.0.0.1:${port}`,
    subscribes: [],
    connections: 0,
    refuse: false,
    pushing: true,
    tick: 0,
    dropAll() {
      for (const l of live) l.socket.terminate();
    },
    async close() {
      clearInterval(timer);
      for (const l of live) l.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  const timer = setInterval(() => {
    if (!fake.pushing) return;
    fake.tick++;
    for (const l of live) {
      if (l.socket.readyState !== l.socket.OPEN) continue;
      for (const channel of l.channels) {
        const msg = protocol.push(channel, fake.tick, !l.pushed.has(channel));
        l.pushed.add(channel);
        l.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
      }
    }
  }, pushEveryMs);
  wss.on('connection', (socket, request) => {
    fake.connections++;
    if (fake.refuse) {
      socket.terminate();
      return;
    }
    const entry: Live = { socket, channels: [], pushed: new Set() };
    live.add(entry);
    const path = request.url ?? '/';
    socket.on('close', () => live.delete(entry));
    socket.on('message', (raw) => {
      const reply = (msg: unknown) =>
        socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
      const channels = protocol.onMessage(String(raw), reply);
      if (channels) {
        fake.subscribes.push({ path, channels });
        entry.channels.push(...channels.filter((c) => !entry.channels.includes(c)));
      }
    });
  });
  return fake;
}
