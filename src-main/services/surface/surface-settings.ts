/** The surface feature's settings, kept in the store's meta table and validated on the way in. */
import {
  surfaceSettingsSchema,
  type SurfaceSettings,
} from '../../../shared/contract/features/surface.api';

export const SURFACE_SETTINGS_KEY = 'surface.settings';

export const DEFAULT_SURFACE_SETTINGS: SurfaceSettings = {
  stickiness: 'sticky-strike',
  refitSeconds: 30,
  priceBookOffSurface: true,
  fitUnconstrained: false,
  modelMinutes: 5,
};

export interface SettingsStore {
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** Stored settings merged over the defaults; anything invalid in the store is ignored. */
export async function loadSurfaceSettings(store: SettingsStore): Promise<SurfaceSettings> {
  const stored = surfaceSettingsSchema
    .partial()
    .safeParse(await store.getMeta(SURFACE_SETTINGS_KEY));
  if (!stored.success) return { ...DEFAULT_SURFACE_SETTINGS };
  const merged = { ...DEFAULT_SURFACE_SETTINGS };
  for (const [key, value] of Object.entries(stored.data))
    if (value !== undefined) Object.assign(merged, { [key]: value });
  return merged;
}

export async function saveSurfaceSettings(
  store: SettingsStore,
  settings: SurfaceSettings,
): Promise<void> {
  await store.setMeta(SURFACE_SETTINGS_KEY, settings);
}
