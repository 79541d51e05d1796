/**
 * State of the Models tab (Heston and Merton beside SVI) for the selected underlying: the latest
 * comparison, a run under way with its stage, and the last error. `surface.modelsProgressed` and
 * `surface.modelsCalibrated` keep it current; a first visit with nothing calibrated starts a run.
 */
import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { client } from '../../app/client';
import { useSurfaceStore } from './surface.store';

export type ModelsState = ApiOutput<'surface.getModels'>;
export type ModelsView = NonNullable<ModelsState['view']>;
export type ModelsStage = NonNullable<NonNullable<ModelsState['running']>['stage']>;

interface ModelsStore {
  underlying: string | undefined;
  state: ModelsState | undefined;
  /** Stage of the run under way as the events report it. */
  stage: ModelsStage | undefined;
  error: string | undefined;
}

export const useModelsStore = create<ModelsStore>()(() => ({
  underlying: undefined,
  state: undefined,
  stage: undefined,
  error: undefined,
}));

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function loadModels(kickOff = false): Promise<void> {
  const { underlying } = useSurfaceStore.getState();
  try {
    const state = await client.invoke('surface.getModels', { underlying });
    if (useSurfaceStore.getState().underlying !== underlying) return;
    useModelsStore.setState({
      underlying,
      state,
      stage: state.running?.stage,
      error: undefined,
    });
    if (kickOff && !state.view && !state.running) void calibrateModels();
  } catch (err) {
    useModelsStore.setState({ error: message(err) });
  }
}

export async function calibrateModels(): Promise<void> {
  const { underlying } = useSurfaceStore.getState();
  const invoked = client.invoke('surface.calibrateModels', { underlying });
  // The run is registered by now in main; show it as running at once.
  setTimeout(() => void loadModels(), 50);
  try {
    await invoked;
  } catch {
    // Failure or cancellation arrive with `surface.modelsCalibrated` and in the state's error.
  }
  await loadModels();
}

export async function cancelModels(): Promise<void> {
  const { underlying } = useSurfaceStore.getState();
  try {
    await client.invoke('surface.cancelModels', { underlying });
  } catch (err) {
    useModelsStore.setState({ error: message(err) });
  }
  await loadModels();
}

/** Follows the selected underlying's model runs while the tab is open. */
export function startModelsFeed(): () => void {
  void loadModels(true);
  const offProgress = client.on('surface.modelsProgressed', (p) => {
    if (p.underlying === useSurfaceStore.getState().underlying)
      useModelsStore.setState({ stage: p.stage });
  });
  const offDone = client.on('surface.modelsCalibrated', (e) => {
    if (e.underlying === useSurfaceStore.getState().underlying) void loadModels();
  });
  const offSelect = useSurfaceStore.subscribe((s, prev) => {
    if (s.underlying !== prev.underlying) {
      useModelsStore.setState({ state: undefined, stage: undefined });
      void loadModels(true);
    }
  });
  return () => {
    offProgress();
    offDone();
    offSelect();
  };
}
