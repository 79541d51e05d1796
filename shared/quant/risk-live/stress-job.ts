/**
 * The stress job of a risk run, as `cerberus stress` does for a saved book: every shock scenario
 * (built-in files and the user's) by full revaluation with the liquidity cost, a stressed 1-day
 * Monte Carlo VaR99 where a scenario shocks correlations, every grid scenario node by node, and
 * reverse stress (smallest shock losing each target) along all-spots-down, all-spots-up and the
 * Monte Carlo tail direction. Scenarios and grids are priced with the run's pricing model
 * (BSM/SVI, Heston or Merton, `stress-pricing.ts`), and every shock scenario also under the
 * other models that have calibrations, side by side (model risk); reverse stress and the
 * stressed VaR stay on BSM/SVI.
 */
import { positionLiquidity, type RiskBookInput } from '../risk/book-input';
import { withCorrelationShock, type FactorModel } from '../risk/factor-model';
import { simulateFactorsRange } from '../risk/mc-simulate';
import { monteCarloVar } from '../risk/mc-var';
import {
  proportionalDirection,
  reverseStress,
  tailDirection,
  type ShockDirection,
} from '../risk/reverse-stress';
import type { GridScenario, Scenario, ShockScenario } from '../risk/scenario-schema';

/**
 * Where a scenario came from: a bundled file, the user's editor, or a live model at run time
 * (e.g. the MSTR decoupling derived from the basis model's OU fit of ln mNAV).
 */
export type ScenarioOrigin = 'builtin' | 'user' | 'model';
import type { PricingModelId, RiskModelCalibration, RowPricing } from '../risk/model-pricing';
import { expandGrid, runStress } from '../risk/stress';
import { stressPricing } from './stress-pricing';
import {
  checkCancelled,
  clockOf,
  prepareBook,
  type JobHooks,
  type RiskJobInput,
} from './job-input';
import { runFactorModel } from './parametric-job';
import type {
  ReverseStressView,
  StressGridView,
  StressJobView,
  StressScenarioView,
} from './risk-views';

export const STRESS_MC_PATHS = 20_000;

export interface StressJobInput extends RiskJobInput {
  scenarios: { origin: ScenarioOrigin; scenario: Scenario }[];
  /** Losses (USD, > 0) to find the smallest shock for. */
  reverseTargetsUsd: number[];
  /** Pricing model of the scenarios and grids (default BSM/SVI). */
  pricingModel?: PricingModelId | undefined;
  /** The underlyings' latest Heston/Merton calibrations (none: those columns stay empty). */
  models?: RiskModelCalibration[] | undefined;
}

function var99(prepared: RiskBookInput, model: FactorModel, seed: number): number {
  const r = monteCarloVar(prepared.book, model, {
    paths: STRESS_MC_PATHS,
    horizonsDays: [1],
    confidences: [0.99],
    seed,
    incremental: false,
  });
  return r.horizons[0]?.results[0]?.var ?? 0;
}

function gridView(
  prepared: RiskBookInput,
  g: GridScenario,
  pricing: RowPricing,
  hooks: JobHooks,
): StressGridView {
  const nodes = expandGrid(g).map((s) => {
    checkCancelled(hooks);
    return {
      s,
      pnl: runStress(prepared.book, prepared.portfolio, s, undefined, pricing).pnlUsd,
    };
  });
  const spots = [...new Set(nodes.map((n) => n.s.default?.spot ?? 0))];
  const vols = [...new Set(nodes.map((n) => n.s.default?.vol ?? 0))];
  const worst = nodes.reduce((a, b) => (b.pnl < a.pnl ? b : a));
  return {
    id: g.id,
    name: g.name,
    spot: spots,
    vol: vols,
    rateShiftBps: g.rateShiftBps.slice(),
    pnlUsd: g.rateShiftBps.map((_, ri) =>
      vols.map((_, vi) =>
        spots.map((_, si) => nodes[(ri * vols.length + vi) * spots.length + si]?.pnl ?? 0),
      ),
    ),
    worst: { name: worst.s.name, pnlUsd: worst.pnl },
  };
}

function reverseViews(
  prepared: RiskBookInput,
  model: FactorModel,
  targets: readonly number[],
  seed: number,
): ReverseStressView[] {
  const { book } = prepared;
  const nU = book.underlyings.length;
  const dirs: ShockDirection[] = [proportionalDirection(nU, -1), proportionalDirection(nU, 1)];
  const mc = monteCarloVar(book, model, {
    paths: STRESS_MC_PATHS,
    horizonsDays: [1],
    confidences: [0.99],
    seed,
    keepPnl: true,
    incremental: false,
  });
  const f = simulateFactorsRange(model, [1], seed, 0, STRESS_MC_PATHS)[0];
  const h = mc.horizons[0];
  const v99 = h?.results[0]?.var ?? 0;
  if (f && h?.pnl && v99 > 0) dirs.push(tailDirection(f.x, f.v, h.pnl, v99, nU));
  return targets.flatMap((target) =>
    dirs.map((d) => {
      const r = reverseStress(book, target, d);
      return {
        direction: r.direction,
        targetLossUsd: r.targetLossUsd,
        found: r.found,
        t: r.t ?? null,
        moves: r.moves ?? [],
        lossUsd: r.lossUsd ?? null,
        maxLossUsd: r.maxLossUsd,
      };
    }),
  );
}

export function stressJob(input: StressJobInput, hooks: JobHooks = {}): StressJobView {
  const clock = clockOf(hooks);
  const t0 = clock();
  const prepared = prepareBook(input);
  const liquidity = positionLiquidity(prepared);
  const seed = input.settings.mcSeed;
  const shocks = input.scenarios.filter(
    (s): s is { origin: ScenarioOrigin; scenario: ShockScenario } => s.scenario.kind !== 'grid',
  );
  const gridList = input.scenarios
    .map((s) => s.scenario)
    .filter((s): s is GridScenario => s.kind === 'grid');
  const steps = shocks.length + gridList.length + 1;
  let done = 0;
  const tick = () => hooks.onProgress?.(++done, steps);
  let model: FactorModel | undefined;
  const modelOf = () => (model ??= runFactorModel(prepared, input));
  const pricing = stressPricing(prepared, input);
  const scenarios: StressScenarioView[] = shocks.map(({ origin, scenario }) => {
    checkCancelled(hooks);
    const byModel = pricing.side.map((p) => {
      if (!p) return null;
      try {
        return runStress(prepared.book, prepared.portfolio, scenario, liquidity, p);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        pricing.failed(p.model, err.message);
        return null;
      }
    });
    const r = byModel[pricing.usedIndex] ?? (byModel[0] as NonNullable<(typeof byModel)[number]>);
    const corr = scenario.correlation ?? [];
    const stressedVar99Usd =
      corr.length > 0 && input.book.history
        ? {
            base: var99(prepared, modelOf(), seed),
            stressed: var99(prepared, withCorrelationShock(modelOf(), corr), seed),
          }
        : null;
    tick();
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      origin,
      pnlUsd: r.pnlUsd,
      revaluationPnlUsd: r.revaluationPnlUsd,
      liquidityCostUsd: r.liquidityCostUsd,
      rateShiftBps: r.rateShiftBps,
      byUnderlying: r.byUnderlying,
      worstPositions: r.byPosition.slice(0, 5),
      shocks: r.shocks,
      stressedVar99Usd,
      modelPnlUsd: {
        bsmSvi: byModel[0]?.pnlUsd ?? r.pnlUsd,
        heston: byModel[1]?.pnlUsd ?? null,
        merton: byModel[2]?.pnlUsd ?? null,
      },
    };
  });
  scenarios.sort((a, b) => a.pnlUsd - b.pnlUsd);
  const grids = gridList.map((g) => {
    const v = gridView(prepared, g, pricing.used, hooks);
    tick();
    return v;
  });
  checkCancelled(hooks);
  const targets = input.reverseTargetsUsd.filter((t) => t > 0);
  const reverse = targets.length > 0 ? reverseViews(prepared, modelOf(), targets, seed) : [];
  tick();
  return { scenarios, grids, reverse, pricing: pricing.view(), computeMs: clock() - t0 };
}
