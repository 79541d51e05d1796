/**
 * The risk engine's part of the compute workers' API (`ComputeApi` extends it). Each method is a
 * thin binding of a job in `shared/quant/risk-live/`; `onProgress` is a comlink proxy told
 * (done, total) after each chunk, and every job checks the cancellation flag between chunks
 * (a cancelled job rejects with an error named RiskJobCancelledError). The Monte Carlo jobs move
 * their Float64Array factors and P&L as transferred buffers.
 */
import type { JobControl } from './compute';
import type { BookGrid } from '../quant/risk/grid-interp';
import type { GridRange } from '../quant/risk/book-grid';
import type { HorizonFactors } from '../quant/risk/mc-simulate';
import type { RiskJobInput } from '../quant/risk-live/job-input';
import type { McFactorsChunk, McPnlChunk, PathRange } from '../quant/risk-live/mc-jobs';
import type { McMergeHorizon } from '../quant/risk-live/mc-merge';
import type {
  BacktestJobView,
  HistoricalJobView,
  McHorizonView,
  MethodView,
  StressJobView,
} from '../quant/risk-live/risk-views';
import type { StressJobInput } from '../quant/risk-live/stress-job';

export type ProgressCallback = (done: number, total: number) => void;

export interface RiskComputeApi {
  /** Historical VaR/ES (plain, EWMA-weighted, filtered EWMA/GARCH) + basis and liquidity rows. */
  riskHistorical(
    input: RiskJobInput,
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<HistoricalJobView & { computeMs: number }>;
  /** Parametric normal, Student-t and Cornish-Fisher VaR/ES of the linearised book. */
  riskParametric(
    input: RiskJobInput,
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<MethodView[]>;
  /** Monte Carlo step 1: factor moves of one path range (transferred). */
  riskMcSimulate(
    input: RiskJobInput,
    range: PathRange,
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<McFactorsChunk>;
  /** Monte Carlo step 2: the P&L grids on the union of the chunks' ranges. */
  riskMcGrid(
    input: RiskJobInput,
    rangesList: GridRange[][],
    control: JobControl,
  ): Promise<BookGrid>;
  /** Monte Carlo step 3 (CPU): P&L of one range's paths; the factors come back with it. */
  riskMcRevalue(
    grid: BookGrid,
    chunk: PathRange & { horizons: HorizonFactors[] },
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<McPnlChunk>;
  /** Monte Carlo step 4: measures of some horizons from all their path ranges. */
  riskMcMerge(
    input: RiskJobInput,
    grid: BookGrid,
    horizons: McMergeHorizon[],
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<McHorizonView[]>;
  /** Stress scenarios, grids and reverse stress. */
  riskStress(
    input: StressJobInput,
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<StressJobView>;
  /** Backtest of today's book on the stored history (hypothetical P&L). */
  riskBacktest(
    input: RiskJobInput,
    control: JobControl,
    onProgress?: ProgressCallback,
  ): Promise<BacktestJobView>;
}
