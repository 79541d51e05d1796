/**
 * The risk engine reading the vol-surface feature on the real services (demo desk, SQLite, two
 * compute workers): stress runs priced with the Heston calibration of the surface service (BTC
 * calibrated, the other underlyings falling back to BSM/SVI with a note), every scenario's P&L
 * under each available model side by side, and the surface's sticky-delta setting reaching every
 * method of the next run. Outputs pass the contract's validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, ApiOutput } from '../../shared/contract/api';
import { dispatch } from '../../shared/contract/dispatch';
import type { RiskRun, RiskSummary } from '../../shared/contract/features/risk.api';
import { withServices } from '../helpers/services-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const updates: RiskSummary[] = [];

async function call<K extends ApiKey>(key: K, input: unknown = {}): Promise<ApiOutput<K>> {
  const r = await dispatch(
    harness.services.handlers,
    key,
    input,
    { transport: 'in-process' },
    { validateOutput: true },
  );
  if (!r.ok) throw new Error(`${key}: ${r.error.kind}: ${r.error.message}`);
  return r.value as ApiOutput<K>;
}

function doneAfter(runId: number): Promise<RiskSummary> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const u = updates.find((x) => x.runId > runId);
      if (u) {
        clearInterval(poll);
        resolve(u);
      }
    }, 20);
  });
}

async function runWith(input: Record<string, unknown>): Promise<RiskRun> {
  const status = await call('risk.getStatus');
  if (status.state === 'running') await doneAfter((status.runId ?? 1) - 1);
  const { runId } = await call('risk.run', input);
  const u = await doneAfter(runId - 1);
  expect(u.status).toBe('done');
  const run = await call('risk.getLatest');
  if (!run) throw new Error('no run');
  return run;
}

beforeAll(async () => {
  harness = await withServices({ computeWorkers: 2 });
  harness.services.bus.onAny((name, payload) => {
    if (name === 'risk.updated') updates.push(payload as RiskSummary);
  });
});
afterAll(async () => harness?.stop());

describe('risk stress pricing models and vol dynamics from the surface feature', () => {
  it('prices stress with Heston where calibrated, BSM/SVI elsewhere, models side by side', async () => {
    const first = await runWith({});
    expect(first.settings.stressPricingModel).toBe('bsm-svi');
    expect(first.stress?.pricing.used).toBe('bsm-svi');
    for (const s of first.stress?.scenarios ?? []) expect(s.modelPnlUsd.bsmSvi).toBe(s.pnlUsd);

    const models = await call('surface.calibrateModels', { underlying: 'BTC' });
    expect(models.heston?.v0).toBeGreaterThan(0);
    const run = await runWith({ stressPricingModel: 'heston' });
    const stress = run.stress;
    expect(run.settings.stressPricingModel).toBe('heston');
    expect(stress?.pricing.requested).toBe('heston');
    expect(stress?.pricing.used).toBe('heston');
    const heston = stress?.pricing.models.find((m) => m.model === 'heston');
    expect(heston?.covered).toEqual(['BTC']);
    expect(heston?.fallback.length).toBeGreaterThan(0);
    for (const u of heston?.fallback ?? [])
      expect(stress?.pricing.notes.join('\n')).toContain(`no Heston calibration for ${u}`);
    const scenarios = stress?.scenarios ?? [];
    expect(scenarios.length).toBeGreaterThan(5);
    for (const s of scenarios) {
      expect(s.modelPnlUsd.heston).toBe(s.pnlUsd);
      expect(s.modelPnlUsd.merton).not.toBeNull();
    }
    // A BTC crash moves the Heston and BSM/SVI columns apart (model risk on BTC's options).
    const btcMoves = scenarios.filter((s) =>
      s.shocks.some((k) => k.underlying === 'BTC' && k.spot < -0.2),
    );
    expect(btcMoves.length).toBeGreaterThan(0);
    expect(
      btcMoves.some((s) => Math.abs((s.modelPnlUsd.heston ?? 0) - s.modelPnlUsd.bsmSvi) > 1),
    ).toBe(true);
  });

  it('follows the surface stickiness: sticky-delta reaches stress, Monte Carlo and historical', async () => {
    await call('surface.setSettings', { stickiness: 'sticky-delta' });
    const run = await runWith({ stressPricingModel: 'bsm-svi' });
    expect(run.stress?.pricing.stickiness).toBe('sticky-delta');
    const note = /sticky-delta: option vols move along the fitted smile/;
    expect(run.stress?.pricing.notes.some((n) => note.test(n))).toBe(true);
    for (const m of ['montecarlo', 'historical'])
      expect(run.methods.find((x) => x.method === m)?.notes.some((n) => note.test(n))).toBe(true);
    // The grid's error is measured against sticky-delta full revaluation and stays small.
    const mc = run.methods.find((x) => x.method === 'montecarlo');
    expect(mc?.approximation?.varErrorBoundRelative).toBeLessThan(0.01);
  });
});
