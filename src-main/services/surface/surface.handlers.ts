import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { SurfaceService } from './surface.service';

export function surfaceHandlers(surface: SurfaceService) {
  return {
    'surface.getStatus': () => surface.status(),
    'surface.getFit': ({ underlying, model }) => surface.getFit(underlying, model),
    'surface.getGrid': ({ underlying, model }) => surface.getGrid(underlying, model),
    'surface.getHistory': ({ underlying, model, fromMs, toMs, maxPoints }) =>
      surface.getHistory(underlying, model, fromMs, toMs, maxPoints),
    'surface.refit': ({ underlying }) => surface.refit(underlying),
    'surface.getSettings': () => surface.settings(),
    'surface.setSettings': (patch) => surface.setSettings(patch),
    'surface.getBookVols': () => surface.bookVolRows(),
    'surface.getLocalVol': ({ underlying, model }) => surface.getLocalVol(underlying, model),
    'surface.getModels': ({ underlying }) => surface.modelsFor(underlying).state(underlying),
    'surface.calibrateModels': ({ underlying }) =>
      surface.modelsFor(underlying).calibrate(underlying),
    'surface.cancelModels': ({ underlying }) => ({
      cancelled: surface.modelsFor(underlying).cancel(underlying),
    }),
  } satisfies Partial<ApiHandlers>;
}
