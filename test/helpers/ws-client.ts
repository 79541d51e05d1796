/** A minimal contract client over WebSocket for tests (what a browser tab does). */
import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/contract/ws-protocol';

export interface TestSocket {
  ws: WebSocket;
  invoke(key: string, input: unknown): Promise<Extract<ServerFrame, { t: 'result' }>['result']>;
  sendRaw(data: string): void;
  nextResult(): Promise<Extract<ServerFrame, { t: 'result' }>>;
  nextEvent(name: string): Promise<unknown>;
  close(): void;
}

export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: ServerFrame[] = [];
    const waiters: ((f: ServerFrame) => boolean)[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      const i = waiters.findIndex((w) => w(frame));
      if (i >= 0) waiters.splice(i, 1);
      else frames.push(frame);
    });
    const waitFor = (pred: (f: ServerFrame) => boolean) =>
      new Promise<ServerFrame>((res) => {
        const idx = frames.findIndex(pred);
        if (idx >= 0) {
          res(frames.splice(idx, 1)[0] as ServerFrame);
          return;
        }
        waiters.push((f) => (pred(f) ? (res(f), true) : false));
      });
    let nextId = 1;
    ws.once('open', () =>
      resolve({
        ws,
        async invoke(key, input) {
          const id = nextId++;
          ws.send(JSON.stringify({ t: 'invoke', id, key, input }));
          const f = await waitFor((x) => x.t === 'result' && x.id === id);
          return (f as Extract<ServerFrame, { t: 'result' }>).result;
        },
        sendRaw: (data) => ws.send(data),
        nextResult: async () =>
          (await waitFor((x) => x.t === 'result')) as Extract<ServerFrame, { t: 'result' }>,
        nextEvent: async (name) =>
          ((await waitFor((x) => x.t === 'event' && x.name === name)) as { payload: unknown })
            .payload,
        close: () => ws.close(),
      }),
    );
    ws.once('error', reject);
  });
}

/** Resolves with the close code when the server closes the socket. */
export function closeCode(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => resolve(-1));
  });
}
