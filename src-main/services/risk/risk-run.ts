/**
 * One risk run over the live book, all maths in the worker pool: historical and parametric VaR
 * side by side (two workers), then Monte Carlo split across the workers (revaluation on the GPU
 * host when there is one), then stress and the backtest side by side. A phase that fails is
 * reported in `errors` and the rest of the run still completes; Cancel stops every job.
 */
import * as Comlink from 'comlink';
import type { RiskHeadline, RiskPhase, RiskRun } from '../../../shared/contract/features/risk.api';
import { limitStatus, type RiskLimit } from '../../../shared/domain/limits';
import type {
  PricingModelId,
  RiskModelCalibration,
} from '../../../shared/quant/risk/model-pricing';
import type { RiskVolDynamics } from '../../../shared/quant/risk/sticky-delta';
import type { RiskJobInput, RiskJobSettings } from '../../../shared/quant/risk-live/job-input';
import { monteCarloMethodView, riskHeatmap } from '../../../shared/quant/risk-live/risk-heatmap';
import type {
  BacktestJobView,
  HistoricalJobView,
  McHorizonView,
  MethodView,
  StressJobView,
} from '../../../shared/quant/risk-live/risk-views';
import type { GpuRevalueHost } from '../../compute/gpu-engine';
import type { WorkerPool } from '../../compute/worker-pool';
import { runMonteCarlo } from './mc-runner';
import type { BookInputs } from './risk-inputs';
import { RunCancelledError, type RunControl } from './run-control';
import type { ActiveScenario } from './scenario-library';

export interface RunRequest {
  pool: WorkerPool;
  /** Spot-move vol dynamics (sticky-delta smiles) and the stress pricing model's calibrations. */
  vols: RiskVolDynamics | undefined;
  models: RiskModelCalibration[];
  pricingModel: PricingModelId;
  gpu: GpuRevalueHost | null;
  run: RunControl;
  inputs: BookInputs;
  reason: RiskRun['reason'];
  settings: RiskJobSettings;
  reverseTargetUsd: number;
  scenarios: ActiveScenario[];
  limit: RiskLimit | undefined;
  now: () => number;
}

const TIMEOUT_MS = 120_000;

function headlineOf(
  methods: readonly MethodView[],
  limit: RiskLimit | undefined,
): RiskHeadline | null {
  const m =
    methods.find((x) => x.method === 'historical') ??
    methods.find((x) => x.method === 'montecarlo');
  const cell = m?.cells.find((c) => c.horizonDays === 1 && Math.abs(c.confidence - 0.99) < 1e-9);
  if (!m || !cell) return null;
  return {
    method: m.method,
    var99_1dUsd: cell.varUsd,
    es99_1dUsd: cell.esUsd,
    limitUsd: limit?.limit ?? null,
    usage: limit ? cell.varUsd / limit.limit : null,
    status: limit ? limitStatus(cell.varUsd, limit) : 'no-limit',
  };
}

function progressProxy(run: RunControl, phase: RiskPhase, message: string) {
  return Comlink.proxy((done: number, total: number) =>
    run.progress(phase, total > 0 ? done / total : 0, message),
  );
}

export async function executeRun(req: RunRequest): Promise<RiskRun> {
  const { pool, run, settings, now } = req;
  const input: RiskJobInput = { book: req.inputs.book, settings, vols: req.vols };
  const startedMs = now();
  const errors: RiskRun['errors'] = [];
  const timingsMs: Record<string, number> = {};
  const phase = async <T>(name: RiskPhase, work: () => Promise<T>): Promise<T | null> => {
    const t0 = now();
    try {
      return await work();
    } catch (err) {
      if (err instanceof RunCancelledError || run.cancelled)
        throw new RunCancelledError('cancelled');
      errors.push({ phase: name, message: err instanceof Error ? err.message : String(err) });
      return null;
    } finally {
      timingsMs[name] = now() - t0;
      run.progress(name, 1, `${name} done`);
    }
  };
  run.progress('inputs', 1, 'book and history loaded');
  const [historical, parametric] = await Promise.all([
    phase('historical', () =>
      run.track(
        pool.run(
          (api, c) =>
            api.riskHistorical(input, c, progressProxy(run, 'historical', 'historical simulation')),
          TIMEOUT_MS,
        ),
      ),
    ),
    phase('parametric', () =>
      run.track(
        pool.run(
          (api, c) =>
            api.riskParametric(input, c, progressProxy(run, 'parametric', 'parametric VaR')),
          TIMEOUT_MS,
        ),
      ),
    ),
  ]);
  run.throwIfCancelled();
  const t0 = now();
  const mc = await phase('montecarlo', () => runMonteCarlo(pool, input, run, req.gpu));
  run.throwIfCancelled();
  const stressInput = {
    ...input,
    scenarios: req.scenarios,
    reverseTargetsUsd: [req.reverseTargetUsd],
    pricingModel: req.pricingModel,
    models: req.models,
  };
  const [stress, backtest] = await Promise.all([
    phase('stress', (): Promise<StressJobView> =>
      run.track(
        pool.run(
          (api, c) =>
            api.riskStress(stressInput, c, progressProxy(run, 'stress', 'stress scenarios')),
          TIMEOUT_MS,
        ),
      ),
    ),
    phase('backtest', (): Promise<BacktestJobView> =>
      run.track(
        pool.run(
          (api, c) => api.riskBacktest(input, c, progressProxy(run, 'backtest', 'VaR backtest')),
          TIMEOUT_MS,
        ),
      ),
    ),
  ]);
  run.throwIfCancelled();
  const mcHorizons: McHorizonView[] = mc?.horizons ?? [];
  const methods: MethodView[] = [
    ...((historical as HistoricalJobView | null)?.methods ?? []),
    ...(mc
      ? [
          monteCarloMethodView(
            mcHorizons,
            settings.mcPaths,
            mc.notes,
            timingsMs['montecarlo'] ?? now() - t0,
          ),
        ]
      : []),
    ...(parametric ?? []),
  ];
  const finishedMs = now();
  return {
    runId: run.runId,
    reason: req.reason,
    asOfMs: req.inputs.book.asOfMs,
    bookSeq: req.inputs.snapshot.seq,
    startedMs,
    finishedMs,
    durationMs: finishedMs - startedMs,
    engine: mc?.engine ?? 'cpu',
    engineNote: mc?.engineNote ?? 'Monte Carlo did not run',
    settings: {
      horizonsDays: settings.horizonsDays.slice(),
      confidences: settings.confidences.slice(),
      windowDays: settings.windowDays,
      mcPaths: settings.mcPaths,
      mcSeed: settings.mcSeed,
      reverseTargetUsd: req.reverseTargetUsd,
      stressPricingModel: req.pricingModel,
    },
    headline: headlineOf(methods, req.limit),
    methods,
    heatmap: riskHeatmap(
      settings.horizonsDays,
      methods,
      historical,
      mcHorizons,
      req.limit?.limit ?? null,
    ),
    stress,
    backtest,
    timingsMs,
    errors,
  };
}
