/**
 * A local websocket server speaking the part of Deribit's JSON-RPC API that ccxt.pro's
 * `watchTickers` uses: `public/subscribe` answered with the channel list, then ticker
 * notifications pushed for each subscribed channel. It can drop every socket, refuse new ones
 * for a while, and pause the pushes, to test reconnects and staleness.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { fixture } from './replay';

interface TickerMessage {
  jsonrpc: '2.0';
  method: 'subscription';
  params: { channel: string; data: Record<string, unknown> };
}

export interface FakeDeribit {
  url: string;
  subscribes: string[][];
  connections: number;
  refuse: boolean;
  pushing: boolean;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startFakeDeribit(pushEveryMs = 10): Promise<FakeDeribit> {
  const template = fixture<TickerMessage>('deribit', 'ws_ticker_BTC-PERPETUAL.json');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const sockets = new Set<WebSocket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const fake: FakeDeribit = {
    url: `ws://127.0.0.1:${port}`,
    subscribes: [],
    connections: 0,
    refuse: false,
    pushing: true,
    dropAll() {
      for (const s of sockets) s.terminate();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (socket) => {
    fake.connections++;
    if (fake.refuse) {
      socket.terminate();
      return;
    }
    sockets.add(socket);
    let tick = 0;
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as {
        id?: number;
        method?: string;
        params?: { channels?: string[] };
      };
      if (msg.method !== 'public/subscribe') {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: 'ok' }));
        return;
      }
      const channels = msg.params?.channels ?? [];
      fake.subscribes.push(channels);
      socket.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: msg.id,
          result: channels,
          usIn: 1,
          usOut: 2,
          usDiff: 1,
          testnet: false,
        }),
      );
      const timer = setInterval(() => {
        if (!fake.pushing || socket.readyState !== socket.OPEN) return;
        tick++;
        for (const channel of channels) {
          const data = {
            ...template.params.data,
            mark_price: 98412.3 + tick / 10,
            timestamp: 1795321800000 + tick,
          };
          socket.send(JSON.stringify({ ...template, params: { channel, data } }));
        }
      }, pushEveryMs);
      timers.add(timer);
      socket.on('close', () => clearInterval(timer));
    });
  });
  return fake;
}
