/**
 * The Local vol tab's data: Dupire local vol of the selected underlying's latest fit under the
 * selected model, reloaded when that fit is refreshed.
 */
import { create } from 'zustand';
import type { SurfaceLocalVolView } from '../../../shared/domain/vol-models';
import { client } from '../../app/client';
import { useSurfaceStore } from './surface.store';

interface LocalVolStore {
  view: SurfaceLocalVolView | undefined;
  error: string | undefined;
}

export const useLocalVolStore = create<LocalVolStore>()(() => ({
  view: undefined,
  error: undefined,
}));

let generation = 0;

export async function loadLocalVol(): Promise<void> {
  const { underlying, model } = useSurfaceStore.getState();
  const mine = ++generation;
  try {
    const view = await client.invoke('surface.getLocalVol', { underlying, model });
    if (mine === generation) useLocalVolStore.setState({ view, error: undefined });
  } catch (err) {
    if (mine === generation)
      useLocalVolStore.setState({ error: err instanceof Error ? err.message : String(err) });
  }
}

export function startLocalVolFeed(): () => void {
  void loadLocalVol();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const off = client.on('surface.updated', (summary) => {
    const { underlying, model } = useSurfaceStore.getState();
    if (summary.underlying !== underlying || summary.model !== model || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      void loadLocalVol();
    }, 150);
  });
  const offSelect = useSurfaceStore.subscribe((s, prev) => {
    if (s.underlying !== prev.underlying || s.model !== prev.model) {
      useLocalVolStore.setState({ view: undefined });
      void loadLocalVol();
    }
  });
  return () => {
    off();
    offSelect();
    if (pending) clearTimeout(pending);
  };
}
