/**
 * The risk engine on the real services (temp data folder, real SQLite, two real compute
 * workers, the demo desk): the first run of every method on the live book, results through the
 * contract with output validation, progress and cancellation, the snapshot history, and the
 * user's stress scenarios (junk refused, edits kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract/api';
import { dispatch } from '../../shared/contract/dispatch';
import type { RiskProgress, RiskSummary } from '../../shared/contract/features/risk.api';
import { withServices } from '../helpers/services-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const ctx = { transport: 'in-process' as const };
const progress: RiskProgress[] = [];
const updates: RiskSummary[] = [];

async function call(key: string, input: unknown) {
  return dispatch(harness.services.handlers, key, input, ctx, { validateOutput: true });
}
async function ok<T>(key: string, input: unknown = {}): Promise<T> {
  const r = await call(key, input);
  if (!r.ok) throw new Error(`${key}: ${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}
function nextUpdate(after: number): Promise<RiskSummary> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const u = updates.find((x) => x.runId > after);
      if (u) {
        clearInterval(poll);
        resolve(u);
      }
    }, 20);
  });
}

beforeAll(async () => {
  harness = await withServices({ computeWorkers: 2 });
  harness.services.bus.onAny((name, payload) => {
    if (name === 'risk.progressed') progress.push(payload as RiskProgress);
    if (name === 'risk.updated') updates.push(payload as RiskSummary);
  });
});
afterAll(async () => {
  await harness?.stop();
});

describe('risk service', () => {
  let first: RiskSummary;

  it('runs every method on the live book once it has been valued', async () => {
    first = await nextUpdate(0);
    expect(first.status).toBe('done');
    const run = await ok<NonNullable<ApiOutput<'risk.getLatest'>>>('risk.getLatest');
    expect(run.engine).toBe('cpu');
    expect(run.errors).toEqual([]);
    expect(run.methods.map((m) => m.method).sort()).toEqual(
      [
        'cornish-fisher',
        'filtered-ewma',
        'filtered-garch',
        'historical',
        'historical-ewma',
        'montecarlo',
        'parametric-normal',
        'parametric-t',
      ].sort(),
    );
    for (const m of run.methods) {
      expect(m.cells.length).toBe(8);
      for (const c of m.cells) {
        expect(c.varUsd).toBeGreaterThan(0);
        expect(c.esUsd).toBeGreaterThanOrEqual(c.varUsd * 0.999);
      }
    }
    const h = run.headline;
    expect(h?.method).toBe('historical');
    expect(h?.limitUsd).toBe(250_000);
    expect(h?.usage).toBeCloseTo((h?.var99_1dUsd ?? 0) / 250_000, 12);
    // The demo book: a 1-day 99% loss of some tens of thousands of dollars.
    expect(h?.var99_1dUsd).toBeGreaterThan(5_000);
    expect(h?.var99_1dUsd).toBeLessThan(500_000);
    const mc = run.methods.find((m) => m.method === 'montecarlo');
    expect(mc?.scenarios).toEqual([100_000, 100_000, 100_000, 100_000]);
    expect(mc?.approximation?.varErrorBoundRelative).toBeLessThan(0.01);
    const positions = harness.services.book.getSnapshot()?.positions.length ?? 0;
    expect(positions).toBeGreaterThanOrEqual(8);
    expect(mc?.contributions[0]?.byPosition.length).toBe(positions);
    expect(run.heatmap.rows.map((r) => r.factor)).toEqual([
      'market',
      'volatility',
      'basis',
      'liquidity',
      'model',
    ]);
    for (const r of run.heatmap.rows)
      for (const c of r.cells) expect(c.lossUsd === null || c.lossUsd >= 0).toBe(true);
    expect(run.stress?.scenarios.length).toBeGreaterThanOrEqual(8);
    expect(run.stress?.grids[0]?.pnlUsd.length).toBe(5);
    expect(run.stress?.reverse.length).toBe(3);
    expect(run.backtest?.byConfidence.length).toBe(2);
    expect(run.backtest?.pnlUsd.length).toBeGreaterThan(400);
    const stressPnl = run.stress?.scenarios.map((s) => s.pnlUsd) ?? [];
    expect(stressPnl).toEqual([...stressPnl].sort((a, b) => a - b));
    // The basis model's MSTR decoupling runs beside the bundled scenarios, derived at run time.
    const model = run.stress?.scenarios.find((s) => s.origin === 'model');
    expect(model?.id).toBe('basis-mstr-decoupling-band');
    const mstrShock = model?.shocks.find((x) => x.underlying === 'MSTR')?.spot ?? 1;
    const btcShock = model?.shocks.find((x) => x.underlying === 'BTC')?.spot;
    expect(btcShock ?? 0).toBe(0);
    expect(mstrShock).toBeLessThanOrEqual(0);
    const hedge = await ok<ApiOutput<'basis.getHedge'>>('basis.getHedge', {});
    expect(mstrShock).toBeCloseTo(hedge.decoupling?.mstrSpotMove ?? Number.NaN, 2);
  });

  it('reported progress up to the end and stored a history point', async () => {
    const mine = progress.filter((p) => p.runId === first.runId);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.some((p) => p.phase === 'montecarlo')).toBe(true);
    expect(Math.max(...mine.map((p) => p.fraction))).toBeCloseTo(1, 6);
    const { points } = await ok<ApiOutput<'risk.getHistory'>>('risk.getHistory', {});
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points[points.length - 1]?.var99_1dUsd).toBe(first.headline?.var99_1dUsd);
  });

  it('cancels a run on demand and stays usable', async () => {
    // The service also runs on its own after book changes: start ours when it is idle (an
    // automatic run may slip in between, so wait it out and try again).
    let runId = 0;
    let started = false;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      await expect
        .poll(async () => (await ok<ApiOutput<'risk.getStatus'>>('risk.getStatus')).state, {
          timeout: 60_000,
          interval: 200,
        })
        .toBe('idle');
      ({ runId, started } = await ok<ApiOutput<'risk.run'>>('risk.run', {}));
      if (!started) await nextUpdate(runId - 1);
    }
    expect(started).toBe(true);
    const joined = await ok<ApiOutput<'risk.run'>>('risk.run', {});
    expect(joined).toEqual({ runId, started: false });
    const status = await ok<ApiOutput<'risk.getStatus'>>('risk.getStatus');
    expect(status.state).toBe('running');
    expect((await ok<ApiOutput<'risk.cancel'>>('risk.cancel', { runId })).cancelled).toBe(true);
    const end = await nextUpdate(runId - 1);
    expect(end.runId).toBe(runId);
    expect(end.status).toBe('cancelled');
    expect((await ok<ApiOutput<'risk.getStatus'>>('risk.getStatus')).state).toBe('idle');
    // The last good result is still served.
    expect((await ok<ApiOutput<'risk.getSummary'>>('risk.getSummary'))?.runId).toBe(first.runId);
  });

  it('refuses junk scenarios with a clear error and keeps every edit', async () => {
    const junk = await call('risk.saveScenario', { text: '{"id": "x", ' });
    expect(junk.ok).toBe(false);
    if (!junk.ok) {
      expect(junk.error.kind).toBe('invalid-input');
      expect(junk.error.message).toMatch(/not valid JSON/);
    }
    const bad = await call('risk.saveScenario', {
      text: JSON.stringify({
        id: 'My Crash',
        name: 'x',
        kind: 'custom',
        description: '',
        source: '',
        shocks: {},
      }),
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/id: ids are lower-case kebab/);
    const spotTooLow = await call('risk.saveScenario', {
      text: JSON.stringify({
        id: 'crash',
        name: 'x',
        kind: 'custom',
        description: '',
        source: '',
        shocks: { BTC: { spot: -1.5 } },
      }),
    });
    expect(!spotTooLow.ok && spotTooLow.error.message).toMatch(/shocks\.BTC\.spot/);
    const scenario = {
      id: 'my-crash',
      name: 'My crash',
      kind: 'custom',
      description: 'BTC -30%',
      source: 'test',
      shocks: { BTC: { spot: -0.3 } },
    };
    const v1 = await ok<ApiOutput<'risk.saveScenario'>>('risk.saveScenario', {
      text: JSON.stringify(scenario, null, 2),
    });
    expect(v1.version).toBe(1);
    const v2 = await ok<ApiOutput<'risk.saveScenario'>>('risk.saveScenario', {
      text: JSON.stringify({ ...scenario, shocks: { BTC: { spot: -0.4 } } }),
    });
    expect(v2.version).toBe(2);
    const list = await ok<ApiOutput<'risk.listScenarios'>>('risk.listScenarios');
    expect(list.errors).toEqual([]);
    const mine = list.scenarios.find((s) => s.id === 'my-crash');
    expect(mine?.origin).toBe('user');
    expect(JSON.parse(mine?.text ?? '{}').shocks.BTC.spot).toBe(-0.4);
    expect(list.scenarios.filter((s) => s.origin === 'builtin').length).toBe(9);
    const versions = await harness.services.db.userScenarioVersions('my-crash');
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const builtinDelete = await call('risk.deleteScenario', { id: 'ib-grid' });
    expect(builtinDelete.ok).toBe(false);
    expect(
      (await ok<ApiOutput<'risk.deleteScenario'>>('risk.deleteScenario', { id: 'my-crash' }))
        .deleted,
    ).toBe(true);
    expect((await harness.services.db.userScenarioVersions('my-crash')).length).toBe(3);
  });

  it('runs a user scenario in the next stress run', async () => {
    await ok('risk.saveScenario', {
      text: JSON.stringify({
        id: 'user-btc-down',
        name: 'User BTC down',
        kind: 'custom',
        description: '',
        source: 'test',
        shocks: { BTC: { spot: -0.2 } },
      }),
    });
    const { runId } = await ok<ApiOutput<'risk.run'>>('risk.run', { reverseTargetUsd: 100_000 });
    const end = await nextUpdate(runId - 1);
    expect(end.status).toBe('done');
    const run = await ok<NonNullable<ApiOutput<'risk.getLatest'>>>('risk.getLatest');
    const user = run.stress?.scenarios.find((s) => s.id === 'user-btc-down');
    expect(user?.origin).toBe('user');
    expect(user?.shocks.find((x) => x.underlying === 'BTC')?.spot).toBeCloseTo(-0.2, 12);
    expect(run.settings.reverseTargetUsd).toBe(100_000);
    expect(run.stress?.reverse.every((r) => r.targetLossUsd === 100_000)).toBe(true);
  });
});
