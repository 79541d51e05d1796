/**
 * The renderer's one contract client. Inside Electron the preload bridge (`window.cerberus`)
 * carries it; in a browser served by the headless host, a WebSocket with the run's token.
 */
import {
  createClient,
  type ContractClient,
  type ContractTransport,
} from '../../shared/contract/client';
import type { ContractResult } from '../../shared/contract/result';
import { createWsTransport, type SocketState } from './ws-transport';

interface ElectronBridge {
  invoke(key: string, input: unknown): Promise<ContractResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    cerberus?: ElectronBridge;
  }
}

const TOKEN_KEY = 'cerberus.token';

function tokenFromPage(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type StateListener = (s: SocketState) => void;
const stateListeners = new Set<StateListener>();
let socketState: SocketState = 'connecting';

export function onTransportState(listener: StateListener): () => void {
  stateListeners.add(listener);
  listener(socketState);
  return () => stateListeners.delete(listener);
}

function makeTransport(): { transport: ContractTransport; kind: 'electron' | 'websocket' } {
  if (window.cerberus) {
    socketState = 'open';
    return { transport: window.cerberus, kind: 'electron' };
  }
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${window.location.host}/ws?token=${encodeURIComponent(tokenFromPage())}`;
  const transport = createWsTransport(url, (s) => {
    socketState = s;
    for (const l of stateListeners) l(s);
  });
  return { transport, kind: 'websocket' };
}

const made = makeTransport();
export const transportKind = made.kind;
export const client: ContractClient = createClient(made.transport);
