/**
 * The model-risk, local-vol and unconstrained-fit slice of the surface contract: junk inputs are
 * refused before any handler runs, the job outputs pass their schemas, a NaN would not (a null,
 * which charts draw as a gap, would), and the events and settings have the shapes the screen uses.
 */
import { describe, expect, it } from 'vitest';
import { api } from '../../shared/contract/api';
import { dispatch, type ApiHandlers } from '../../shared/contract/dispatch';
import { events } from '../../shared/contract/events';
import {
  surfaceLocalVolSchema,
  surfaceModelsStateSchema,
  surfaceModelsViewSchema,
} from '../../shared/contract/features/surface-models.schemas';
import { surfaceSettingsSchema } from '../../shared/contract/features/surface.api';
import { runSurfaceFitJob } from '../../shared/quant/surface-live/fit-job';
import { runSurfaceModelsJob } from '../../shared/quant/surface-live/models-job';
import { ssviChain } from '../quant/surface-live/ssvi-chain';

const ctx = { transport: 'in-process' as const };
const calls: string[] = [];
const never = (key: string) => () => {
  calls.push(key);
  throw new Error('the handler must not run for invalid input');
};
const KEYS = [
  'surface.getLocalVol',
  'surface.getModels',
  'surface.calibrateModels',
  'surface.cancelModels',
] as const;
const handlers = Object.fromEntries(KEYS.map((k) => [k, never(k)])) as unknown as ApiHandlers;

const junk: Record<(typeof KEYS)[number], unknown[]> = {
  'surface.getLocalVol': [
    { underlying: 'BTC', model: 'heston' },
    { underlying: '', model: 'svi' },
    { underlying: 'BTC' },
    { underlying: 'BTC', model: 'svi', extra: 1 },
  ],
  'surface.getModels': [{}, { underlying: 3 }, { underlying: 'BTC', model: 'svi' }],
  'surface.calibrateModels': [{ underlying: '' }, { underlying: 'BTC', now: true }, 'BTC'],
  'surface.cancelModels': [{}, { underlying: null }],
};

const [svi] = runSurfaceFitJob({
  chain: ssviChain(0.01, [7, 30, 90]),
  source: 't',
  models: ['svi'],
});
if (!svi?.view || !svi.localVol) throw new Error(svi?.error ?? 'no fit');
const models = runSurfaceModelsJob({ view: svi.view, book: [] });

describe('surface models contract', () => {
  it('refuses junk inputs before any handler runs', async () => {
    for (const key of KEYS) {
      for (const input of junk[key]) {
        const r = await dispatch(handlers, key, input, ctx);
        expect(r.ok, `${key} ${JSON.stringify(input)}`).toBe(false);
        if (!r.ok) expect(r.error.kind).toBe('invalid-input');
      }
    }
    expect(calls).toEqual([]);
  });

  it('accepts the unconstrained model where a fit model is asked for', () => {
    for (const key of ['surface.getFit', 'surface.getGrid', 'surface.getLocalVol'] as const)
      expect(api[key].input.safeParse({ underlying: 'BTC', model: 'svi-free' }).success).toBe(true);
  });

  it('passes the job outputs and refuses a NaN, but not a null gap', () => {
    expect(surfaceModelsViewSchema.safeParse(models).success).toBe(true);
    expect(surfaceLocalVolSchema.safeParse(svi.localVol).success).toBe(true);
    const slice = models.slices[0];
    if (!slice) throw new Error('no slice');
    const withGap = { ...models, slices: [{ ...slice, hestonIv: [null, ...slice.hestonIv] }] };
    expect(surfaceModelsViewSchema.safeParse(withGap).success).toBe(true);
    const withNaN = { ...models, slices: [{ ...slice, hestonIv: [NaN, ...slice.hestonIv] }] };
    expect(surfaceModelsViewSchema.safeParse(withNaN).success).toBe(false);
    const heston = models.heston;
    if (!heston) throw new Error('no Heston');
    const badHeston = { ...models, heston: { ...heston, fellerRatio: Infinity } };
    expect(surfaceModelsViewSchema.safeParse(badHeston).success).toBe(false);
    const lvNaN = { ...svi.localVol, localVol: [[NaN]] };
    expect(surfaceLocalVolSchema.safeParse(lvNaN).success).toBe(false);
    expect(
      surfaceModelsStateSchema.safeParse({
        underlying: 'BTC',
        view: models,
        running: { startedMs: 1, stage: 'merton' },
        everyMinutes: 5,
      }).success,
    ).toBe(true);
  });

  it('has the settings and events the screen relies on', () => {
    const base = { stickiness: 'sticky-strike', refitSeconds: 30, priceBookOffSurface: true };
    expect(
      surfaceSettingsSchema.safeParse({ ...base, fitUnconstrained: true, modelMinutes: 5 }).success,
    ).toBe(true);
    expect(
      surfaceSettingsSchema.safeParse({ ...base, fitUnconstrained: true, modelMinutes: 0 }).success,
    ).toBe(false);
    expect(
      events['surface.modelsCalibrated'].safeParse({ underlying: 'BTC', outcome: 'cancelled' })
        .success,
    ).toBe(true);
    expect(
      events['surface.modelsProgressed'].safeParse({
        underlying: 'BTC',
        stage: 'heston',
        elapsedMs: 12,
      }).success,
    ).toBe(true);
  });
});
