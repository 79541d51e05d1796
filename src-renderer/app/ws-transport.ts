/**
 * The contract over the headless host's WebSocket. Reconnects with backoff and re-sends
 * nothing: requests in flight when the socket drops fail with an `unavailable` error.
 */
import type { ContractTransport } from '../../shared/contract/client';
import type { ContractResult } from '../../shared/contract/result';
import { serverFrameSchema } from '../../shared/contract/ws-protocol';

export type SocketState = 'connecting' | 'open' | 'closed' | 'unauthorized';

interface Pending {
  resolve: (r: ContractResult<unknown>) => void;
}

export function createWsTransport(
  url: string,
  onState: (s: SocketState) => void,
): ContractTransport {
  let ws: WebSocket | undefined;
  let nextId = 1;
  let backoffMs = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let unauthorized = false;

  const failAll = (message: string) => {
    for (const p of pending.values())
      p.resolve({ ok: false, error: { kind: 'unavailable', message } });
    pending.clear();
  };

  const connect = () => {
    onState('connecting');
    ws = new WebSocket(url);
    ws.onopen = () => {
      backoffMs = 250;
      onState('open');
      for (const frame of queue.splice(0)) ws?.send(frame);
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      let raw: unknown;
      try {
        raw = JSON.parse(ev.data);
      } catch {
        return;
      }
      const frame = serverFrameSchema.safeParse(raw);
      if (!frame.success) return;
      if (frame.data.t === 'result') {
        const p = pending.get(frame.data.id);
        pending.delete(frame.data.id);
        p?.resolve(frame.data.result as ContractResult<unknown>);
      } else {
        for (const l of listeners.get(frame.data.name) ?? []) l(frame.data.payload);
      }
    };
    ws.onclose = (ev: CloseEvent) => {
      failAll('connection to Cerberus lost');
      if (ev.code === 4401) {
        unauthorized = true;
        onState('unauthorized');
        return;
      }
      onState('closed');
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(key, input) {
      if (unauthorized)
        return Promise.resolve({
          ok: false,
          error: { kind: 'unauthorized', message: 'invalid or missing token' },
        });
      const id = nextId++;
      const frame = JSON.stringify({ t: 'invoke', id, key, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (ws?.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
