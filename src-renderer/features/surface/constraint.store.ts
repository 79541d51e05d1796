/**
 * The Constraint tab's data: the arbitrage-free SVI fit and the unconstrained one of the selected
 * underlying side by side (the latter only while the `fitUnconstrained` setting is on).
 */
import { create } from 'zustand';
import type { SurfaceFitView } from '../../../shared/domain/vol-surface';
import { client } from '../../app/client';
import { saveSettings, select, useSurfaceStore } from './surface.store';

interface ConstraintStore {
  svi: SurfaceFitView | undefined;
  free: SurfaceFitView | undefined;
  error: string | undefined;
}

export const useConstraintStore = create<ConstraintStore>()(() => ({
  svi: undefined,
  free: undefined,
  error: undefined,
}));

let generation = 0;

export async function loadConstraint(): Promise<void> {
  const { underlying, status } = useSurfaceStore.getState();
  if (!status?.settings.fitUnconstrained) {
    useConstraintStore.setState({ free: undefined, error: undefined });
    return;
  }
  const mine = ++generation;
  try {
    const [svi, free] = await Promise.all([
      client.invoke('surface.getFit', { underlying, model: 'svi' }),
      client.invoke('surface.getFit', { underlying, model: 'svi-free' }),
    ]);
    if (mine === generation) useConstraintStore.setState({ svi, free, error: undefined });
  } catch (err) {
    if (mine === generation)
      useConstraintStore.setState({ error: err instanceof Error ? err.message : String(err) });
  }
}

export async function setUnconstrained(on: boolean): Promise<void> {
  // Show the switch moved at once; the saved settings come back with the status.
  const status = useSurfaceStore.getState().status;
  if (status)
    useSurfaceStore.setState({
      status: { ...status, settings: { ...status.settings, fitUnconstrained: on } },
    });
  await saveSettings({ fitUnconstrained: on });
  if (on) {
    // The service fits the new model at once; the fit arrives with `surface.updated`.
    await client.invoke('surface.refit', { underlying: useSurfaceStore.getState().underlying });
  } else if (useSurfaceStore.getState().model === 'svi-free') {
    select({ model: 'svi' });
  }
  await loadConstraint();
}

export function startConstraintFeed(): () => void {
  void loadConstraint();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const off = client.on('surface.updated', (summary) => {
    if (summary.underlying !== useSurfaceStore.getState().underlying || pending) return;
    if (summary.model !== 'svi' && summary.model !== 'svi-free') return;
    pending = setTimeout(() => {
      pending = undefined;
      void loadConstraint();
    }, 200);
  });
  const offSelect = useSurfaceStore.subscribe((s, prev) => {
    const wasOn = prev.status?.settings.fitUnconstrained;
    const on = s.status?.settings.fitUnconstrained;
    if (s.underlying !== prev.underlying || on !== wasOn) void loadConstraint();
  });
  return () => {
    off();
    offSelect();
    if (pending) clearTimeout(pending);
  };
}
