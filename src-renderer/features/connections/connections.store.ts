/**
 * Connections screen state: the connections main reports (keys masked), pushed on every change
 * (`connections.changed`), the result of the last test per connection, and the form. Keys typed
 * into the form live only in the form's component state until they are sent.
 */
import { create } from 'zustand';
import type { ApiInput, ApiOutput } from '../../../shared/contract/api';
import { client } from '../../app/client';
import { useBookStore } from '../../stores/book.store';

export type ConnectionsState = ApiOutput<'connections.list'>;
export type ConnectionView = ConnectionsState['connections'][number];
export type ConnectionTest = ApiOutput<'connections.test'>;
export type SaveInput = ApiInput<'connections.save'>;

interface StoreState {
  state: ConnectionsState | undefined;
  tests: Record<string, ConnectionTest | 'running'>;
  /** Which connection the form edits; 'new' for a new one; undefined when closed. */
  editing: string | undefined;
  busy: boolean;
  error: string | undefined;
}

export const useConnectionsStore = create<StoreState>(() => ({
  state: undefined,
  tests: {},
  editing: undefined,
  busy: false,
  error: undefined,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function setState(state: ConnectionsState): void {
  useConnectionsStore.setState({ state });
  // The status bar shows the desk from app.getInfo: keep it in step with a switch.
  const info = useBookStore.getState().info;
  if (info && info.desk !== state.desk)
    useBookStore.setState({ info: { ...info, desk: state.desk } });
}

async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
  useConnectionsStore.setState({ busy: true, error: undefined });
  try {
    return await fn();
  } catch (err) {
    useConnectionsStore.setState({ error: message(err) });
    return undefined;
  } finally {
    useConnectionsStore.setState({ busy: false });
  }
}

let started = false;
export function startConnectionsFeed(): void {
  if (started) return;
  started = true;
  client.on('connections.changed', setState);
  client
    .invoke('connections.list', {})
    .then(setState, (err: unknown) => useConnectionsStore.setState({ error: message(err) }));
}

export function openForm(id: string | 'new' | undefined): void {
  useConnectionsStore.setState({ editing: id, error: undefined });
}

export async function saveConnection(input: SaveInput): Promise<boolean> {
  const out = await run(() => client.invoke('connections.save', input));
  if (!out) return false;
  setState(out.state);
  useConnectionsStore.setState({ editing: undefined });
  return true;
}

export async function removeConnection(id: string): Promise<void> {
  const out = await run(() => client.invoke('connections.remove', { id }));
  if (out) setState(out);
}

export async function testConnection(id: string): Promise<void> {
  useConnectionsStore.setState((s) => ({ tests: { ...s.tests, [id]: 'running' } }));
  try {
    const result = await client.invoke('connections.test', { id });
    useConnectionsStore.setState((s) => ({ tests: { ...s.tests, [id]: result } }));
  } catch (err) {
    useConnectionsStore.setState((s) => {
      const tests = { ...s.tests };
      delete tests[id];
      return { tests, error: message(err) };
    });
  }
}

export async function setDesk(desk: 'demo' | 'live'): Promise<void> {
  const out = await run(() => client.invoke('connections.setDesk', { desk }));
  if (out) setState(out);
}
