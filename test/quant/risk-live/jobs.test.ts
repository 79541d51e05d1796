/**
 * The risk run's jobs are thin: each equals the library call it wraps on the same (seeded) input,
 * and reports progress / stops when cancelled.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionLiquidity, riskBookFromFile } from '../../../shared/quant/risk/book-input';
import { historicalVar } from '../../../shared/quant/risk/historical-var';
import { historicalScenarioSet } from '../../../shared/quant/risk/historical-scenarios';
import { linearisedBookVar } from '../../../shared/quant/risk/parametric-book';
import { NO_MOVE, underlyingPnlExact } from '../../../shared/quant/risk/reval-rows';
import { parseScenario, type ShockScenario } from '../../../shared/quant/risk/scenario-schema';
import { expandGrid, runStress } from '../../../shared/quant/risk/stress';
import { taylorCoefficients } from '../../../shared/quant/risk/taylor-approx';
import { backtestHistoricalVar } from '../../../shared/quant/risk/var-backtest';
import { fitStudentTDof } from '../../../shared/quant/stats/student-t-fit';
import { backtestJob } from '../../../shared/quant/risk-live/backtest-job';
import { historicalJob } from '../../../shared/quant/risk-live/historical-job';
import { RiskJobCancelledError } from '../../../shared/quant/risk-live/job-input';
import { parametricJob, runFactorModel } from '../../../shared/quant/risk-live/parametric-job';
import { stressJob } from '../../../shared/quant/risk-live/stress-job';
import { fixtureInput } from './live-fixture';

const input = fixtureInput();
const s = input.settings;
const prepared = riskBookFromFile(input.book);
const SCENARIO_DIR = join(process.cwd(), 'assets', 'scenarios');
const builtins = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, f), 'utf8')), f));

describe('historicalJob', () => {
  const view = historicalJob(input);
  it('equals historicalVar for the plain and the filtered variants', () => {
    for (const [method, opts] of [
      ['historical', {}],
      ['historical-ewma', { weighting: 'ewma' as const, weightLambda: s.ewmaWeightLambda }],
      ['filtered-garch', { filter: 'garch' as const }],
    ] as const) {
      const ref = historicalVar(prepared.book, input.book.history, {
        windowDays: s.windowDays,
        horizonsDays: s.horizonsDays,
        confidences: s.confidences,
        ...opts,
      });
      const m = view.methods.find((x) => x.method === method);
      const cells = ref.horizons.flatMap((h) =>
        h.results.map((r) => ({
          horizonDays: h.horizonDays,
          confidence: r.confidence,
          varUsd: r.var,
          esUsd: r.es,
        })),
      );
      expect(m?.cells).toEqual(cells);
      expect(m?.histograms.map((h) => h.counts.reduce((a, b) => a + b, 0))).toEqual(
        ref.horizons.map((h) => h.scenarios),
      );
    }
    const plain = view.methods.find((x) => x.method === 'historical');
    expect(plain?.contributions[0]?.byPosition.length).toBe(input.book.positions.length);
  });

  it('reports basis and liquidity rows with finite, non-negative losses', () => {
    expect(view.basis?.lossUsd.length).toBe(2);
    for (const l of [...(view.basis?.lossUsd ?? []), ...view.liquidity.lossUsd]) {
      expect(Number.isFinite(l)).toBe(true);
      expect(l).toBeGreaterThanOrEqual(0);
    }
    // Liquidity: 5x the half spreads (quoted, else 5 bp / 250 bp) times position values.
    const liq = positionLiquidity(prepared);
    expect(view.liquidity.lossUsd[0]).toBeGreaterThan(0);
    expect(view.liquidity.lossUsd[0]).toBeLessThanOrEqual(
      5 * liq.valueUsd.reduce((a, b) => a + b, 0) * 0.5,
    );
  });

  it('stops between variants when cancelled', () => {
    let n = 0;
    expect(() => historicalJob(input, { isCancelled: () => ++n > 2 })).toThrow(
      RiskJobCancelledError,
    );
  });
});

describe('parametricJob', () => {
  it('equals linearisedBookVar with nu fitted on the 1-day historical P&L', () => {
    const views = parametricJob(input);
    const model = runFactorModel(prepared, input);
    const taylor = taylorCoefficients(prepared.book);
    const hs = historicalVar(prepared.book, input.book.history, {
      windowDays: s.windowDays,
      horizonsDays: [1],
      keepScenarioPnl: true,
    });
    const nu = fitStudentTDof(hs.horizons[0]?.scenarioPnl ?? []).nu;
    const t = views.find((v) => v.method === 'parametric-t');
    const ref = linearisedBookVar(taylor, model, {
      horizonDays: 10,
      confidences: s.confidences,
      method: 'student-t',
      nu,
    });
    expect(t?.cells.filter((c) => c.horizonDays === 10).map((c) => c.varUsd)).toEqual(
      ref.results.map((r) => r.var),
    );
    expect(views.map((v) => v.method)).toEqual([
      'parametric-normal',
      'parametric-t',
      'cornish-fisher',
    ]);
  });
});

describe('stressJob', () => {
  const view = stressJob({
    ...input,
    scenarios: builtins.map((scenario) => ({ origin: 'builtin' as const, scenario })),
    reverseTargetsUsd: [50_000],
  });
  it('equals runStress per scenario, sorted by loss, and expands the IB grid', () => {
    const liq = positionLiquidity(prepared);
    for (const sc of builtins.filter((x): x is ShockScenario => x.kind !== 'grid')) {
      const ref = runStress(prepared.book, prepared.portfolio, sc, liq);
      expect(view.scenarios.find((x) => x.id === sc.id)?.pnlUsd).toBe(ref.pnlUsd);
    }
    const pnls = view.scenarios.map((x) => x.pnlUsd);
    expect(pnls).toEqual([...pnls].sort((a, b) => a - b));
    const grid = builtins.find((x) => x.kind === 'grid');
    if (grid?.kind !== 'grid') throw new Error('no grid scenario');
    const g = view.grids[0];
    expect(g?.spot.length).toBe(7);
    expect(g?.vol.length).toBe(7);
    expect(g?.rateShiftBps).toEqual([-100, -50, 0, 50, 100]);
    const node = expandGrid(grid).find(
      (n) => n.default?.spot === -0.3 && n.default.vol === 0.3 && n.rateShiftBps === 50,
    );
    const ref = runStress(prepared.book, prepared.portfolio, node as ShockScenario).pnlUsd;
    expect(g?.pnlUsd[3]?.[6]?.[0]).toBe(ref);
    expect(view.scenarios.find((x) => x.id === 'custom-example')?.stressedVar99Usd).not.toBeNull();
  });

  it('finds reverse-stress shocks that lose the target', () => {
    expect(view.reverse.length).toBe(3);
    for (const r of view.reverse.filter((x) => x.found))
      expect(r.lossUsd as number).toBeCloseTo(50_000, 3);
  });
});

describe('backtestJob', () => {
  it('equals backtestHistoricalVar on the hypothetical P&L of today book', () => {
    const view = backtestJob(input, 250);
    const set = historicalScenarioSet(input.book.history, prepared.book.underlyings, {
      windowDays: 'all',
    });
    const nU = prepared.book.underlyings.length;
    const losses = Array.from({ length: set.windowDays }, (_, t) => {
      let pnl = 0;
      for (let u = 0; u < nU; u++)
        pnl += underlyingPnlExact(prepared.book, u, {
          ...NO_MOVE,
          x: set.daily[t * nU + u] as number,
        });
      return -pnl;
    });
    const ref = backtestHistoricalVar(losses, 250, 0.99, set.dayMs);
    const v99 = view.byConfidence.find((c) => c.confidence === 0.99);
    expect(v99?.breaches).toBe(ref.breaches);
    expect(v99?.kupiec.pValue).toBe(ref.kupiec.pValue);
    expect(v99?.varUsd).toEqual(Array.from(ref.forecasts));
    expect(view.pnlUsd.length).toBe(set.windowDays - 250);
    expect(v99?.trafficLight.zone).toBe(ref.trafficLight.zone);
  });
});

describe('a book with an underlying that has no stored history', () => {
  const partial = {
    ...input,
    book: {
      ...input.book,
      history: (input.book.history ?? []).filter((h) => h.underlying !== 'ETH'),
    },
  };
  it('historical simulation says which series is missing', () => {
    expect(() => historicalJob(partial)).toThrow(/no history for underlying ETH/);
  });
  it('the model-based methods fall back to implied vols and say so', () => {
    const views = parametricJob(partial);
    expect(views.map((v) => v.method)).toEqual(['parametric-normal', 'cornish-fisher']);
    expect(views[0]?.notes.join(' ')).toMatch(/no daily history for ETH: implied vols/);
    for (const c of views[0]?.cells ?? []) expect(c.varUsd).toBeGreaterThan(0);
  });
});
