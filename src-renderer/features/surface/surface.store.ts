/**
 * State of the vol-surface screen: the chosen underlying and model (remembered), the latest fit,
 * its 3D grid, the stored metric history with the time slider's position, the book's vols and
 * the status of every underlying. `surface.updated` refreshes what is on screen.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ApiOutput } from '../../../shared/contract/api';
import type {
  SurfaceFitView,
  SurfaceGrid,
  SurfaceHistoryPoint,
  SurfaceModel,
} from '../../../shared/domain/vol-surface';
import { client } from '../../app/client';

export type SurfaceStatus = ApiOutput<'surface.getStatus'>;
export type SurfaceSettings = SurfaceStatus['settings'];
export type BookVolRow = ApiOutput<'surface.getBookVols'>[number];
/** The screen's sections. */
export type SurfaceTab = 'surface' | 'local-vol' | 'models' | 'constraint';

interface SurfaceState {
  tab: SurfaceTab;
  underlying: string;
  model: SurfaceModel;
  /** Selected expiry of the smile chart and the residuals table. */
  expiry: string | undefined;
  status: SurfaceStatus | undefined;
  fit: SurfaceFitView | undefined;
  grid: SurfaceGrid | undefined;
  history: SurfaceHistoryPoint[];
  /** Index into history; undefined follows the latest fit. */
  historyIndex: number | undefined;
  bookVols: BookVolRow[];
  refitting: boolean;
  error: string | undefined;
}

export const useSurfaceStore = create<SurfaceState>()(
  persist(
    (): SurfaceState => ({
      tab: 'surface',
      underlying: 'BTC',
      model: 'svi',
      expiry: undefined,
      status: undefined,
      fit: undefined,
      grid: undefined,
      history: [],
      historyIndex: undefined,
      bookVols: [],
      refitting: false,
      error: undefined,
    }),
    {
      name: 'cerberus.surface',
      partialize: (s) => ({ underlying: s.underlying, model: s.model, tab: s.tab }),
    },
  ),
);

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
let generation = 0;

/** Loads fit, grid and history of the current selection; late answers of older ones are dropped. */
export async function loadSelection(): Promise<void> {
  const { underlying, model } = useSurfaceStore.getState();
  const mine = ++generation;
  try {
    const [fit, grid, history] = await Promise.all([
      client.invoke('surface.getFit', { underlying, model }),
      client.invoke('surface.getGrid', { underlying, model }),
      client.invoke('surface.getHistory', { underlying, model, maxPoints: 720 }),
    ]);
    if (mine !== generation) return;
    useSurfaceStore.setState((s) => ({
      fit,
      grid,
      history,
      error: undefined,
      expiry: fit.slices.some((x) => x.expiry === s.expiry) ? s.expiry : defaultExpiry(fit),
      historyIndex:
        s.historyIndex !== undefined && s.historyIndex < history.length
          ? s.historyIndex
          : undefined,
    }));
  } catch (err) {
    if (mine === generation) useSurfaceStore.setState({ error: message(err) });
  }
}

/** The first liquid expiry about a month out, else the middle one. */
function defaultExpiry(fit: SurfaceFitView): string | undefined {
  const near = fit.slices.find((s) => s.tYears * 365 >= 20 && s.liquid);
  return (near ?? fit.slices[Math.floor(fit.slices.length / 2)])?.expiry;
}

export async function loadStatus(): Promise<void> {
  try {
    const status = await client.invoke('surface.getStatus', {});
    useSurfaceStore.setState({ status });
    // A remembered unconstrained selection whose fit has since been turned off.
    if (useSurfaceStore.getState().model === 'svi-free' && !status.settings.fitUnconstrained)
      select({ model: 'svi' });
    // The chain sources follow the desk: a selection whose source has gone moves to a listed one.
    const listed = status.underlyings.map((u) => u.underlying);
    const first = listed[0];
    if (first !== undefined && !listed.includes(useSurfaceStore.getState().underlying))
      select({ underlying: first });
  } catch (err) {
    useSurfaceStore.setState({ error: message(err) });
  }
}

export async function loadBookVols(): Promise<void> {
  try {
    useSurfaceStore.setState({ bookVols: await client.invoke('surface.getBookVols', {}) });
  } catch (err) {
    useSurfaceStore.setState({ error: message(err) });
  }
}

export function select(patch: { underlying?: string; model?: SurfaceModel }): void {
  useSurfaceStore.setState({
    ...patch,
    fit: undefined,
    grid: undefined,
    history: [],
    historyIndex: undefined,
  });
  void loadSelection();
}

export async function refit(): Promise<void> {
  const { underlying } = useSurfaceStore.getState();
  useSurfaceStore.setState({ refitting: true });
  try {
    await client.invoke('surface.refit', { underlying });
    await Promise.all([loadSelection(), loadStatus(), loadBookVols()]);
  } catch (err) {
    useSurfaceStore.setState({ error: message(err) });
  } finally {
    useSurfaceStore.setState({ refitting: false });
  }
}

export async function saveSettings(patch: Partial<SurfaceSettings>): Promise<void> {
  try {
    await client.invoke('surface.setSettings', patch);
    await loadStatus();
    // The book revalues with the new rule on its next run; give it a moment.
    setTimeout(() => void loadBookVols(), 600);
  } catch (err) {
    useSurfaceStore.setState({ error: message(err) });
  }
}

/** Subscribes to fits while the screen is open; returns the unsubscribe function. */
export function startSurfaceFeed(): () => void {
  void loadStatus();
  void loadSelection();
  void loadBookVols();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const off = client.on('surface.updated', (summary) => {
    void loadStatus();
    const { underlying, model } = useSurfaceStore.getState();
    if (summary.underlying !== underlying || summary.model !== model || pending) return;
    // One reload per burst of fits (both models arrive together).
    pending = setTimeout(() => {
      pending = undefined;
      void loadSelection();
      void loadBookVols();
    }, 150);
  });
  // The desk switched or a venue came or went: the list of underlyings may have changed.
  const offDesk = client.on('connections.changed', () => void loadStatus());
  const timer = setInterval(() => void loadBookVols(), 5000);
  return () => {
    off();
    offDesk();
    clearInterval(timer);
    if (pending) clearTimeout(pending);
  };
}
