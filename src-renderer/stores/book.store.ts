/**
 * Live book state in the renderer: the latest snapshot pushed by main, the underlyings from
 * the last tick, limits, and the time of the last update (for the staleness badge).
 */
import { create } from 'zustand';
import type { RiskLimit } from '../../shared/domain/limits';
import type { UnderlyingState } from '../../shared/domain/quote';
import type { BookSnapshot } from '../../shared/domain/valuation';
import type { AppInfo } from '../../shared/contract/api';
import { client } from '../app/client';

interface BookState {
  info: AppInfo | undefined;
  snapshot: BookSnapshot | null;
  underlyings: UnderlyingState[];
  limits: RiskLimit[];
  lastTickMs: number | undefined;
  updates: number;
  error: string | undefined;
}

export const useBookStore = create<BookState>(() => ({
  info: undefined,
  snapshot: null,
  underlyings: [],
  limits: [],
  lastTickMs: undefined,
  updates: 0,
  error: undefined,
}));

let started = false;

/** Loads the first state and subscribes to main's events; idempotent. */
export function startBookFeed(): void {
  if (started) return;
  started = true;
  client.on('book.updated', (snapshot) => {
    useBookStore.setState((s) => ({
      snapshot,
      updates: s.updates + 1,
      underlyings: snapshot.underlyings,
    }));
  });
  client.on('market.ticked', (tick) => {
    useBookStore.setState({ underlyings: tick.underlyings, lastTickMs: tick.tsMs });
  });
  const fail = (err: unknown) =>
    useBookStore.setState({ error: err instanceof Error ? err.message : String(err) });
  client.invoke('app.getInfo', {}).then((info) => useBookStore.setState({ info }), fail);
  client.invoke('limits.list', {}).then((limits) => useBookStore.setState({ limits }), fail);
  client.invoke('book.getSnapshot', {}).then((snapshot) => {
    if (snapshot && !useBookStore.getState().snapshot) {
      useBookStore.setState({ snapshot, underlyings: snapshot.underlyings });
    }
  }, fail);
}
