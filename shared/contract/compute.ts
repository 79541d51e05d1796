/**
 * The compute workers' API (comlink). Pure inputs and outputs: structured-cloneable plain data,
 * big numeric arrays as Float64Array (transferred). Every job also receives a JobControl so it
 * can report progress and notice cancellation between chunks.
 */
import type { PositionRisk } from '../domain/valuation';
import type { QuotedChain } from '../sim/demo-chain';
import type { DemoMarketView } from '../sim/demo-quotes';
import type { BookValuationInput } from '../quant/book/revalue-book';
import type { BasisJobInput } from '../quant/basis/store-report';
import type { BasisReportView } from '../quant/basis/report-view';
import type { SurfaceFitJob, SurfaceFitOutcome } from '../quant/surface-live/fit-job';
import type { ModelsStage, SurfaceModelsJob } from '../quant/surface-live/models-job';
import type { SurfaceModelsView } from '../domain/vol-models';
import type { FundingPoint, PerpMarket } from '../domain/derivatives';
import type { FundingStats } from '../quant/perps-live/funding-board';
import type {
  AccountLiquidationJob,
  AccountLiquidationOutcome,
} from '../quant/perps-live/liquidation-job';
import type { MarginAccountReport } from '../quant/perps-live/margin-report';
import type { MarginAccountInput } from '../quant/perps-live/margin-spec';
import type { PreTradeInput, TradePreview } from '../quant/perps-live/pre-trade';
import type { RiskComputeApi } from './risk-compute';

export interface JobControl {
  jobId: number;
  /** Int32Array view on a SharedArrayBuffer: element 0 becomes 1 when the job is cancelled. */
  cancelFlag: Int32Array;
}

export interface ComputeApi extends RiskComputeApi {
  ping(): Promise<string>;
  /**
   * Busy-works for `ms` checking the cancellation flag every millisecond, the way long kernels
   * do between chunks. Diagnostic: the pool's tests use it for timeouts and cancellation.
   */
  spin(ms: number, control: JobControl): Promise<'done' | 'cancelled'>;
  revalueBook(
    input: BookValuationInput,
    control: JobControl,
  ): Promise<{ risks: PositionRisk[]; computeMs: number }>;
  /** The demo desk's full chain of one underlying (hundreds of American prices: never on main). */
  quoteDemoChain(
    view: DemoMarketView,
    underlying: string,
    control: JobControl,
  ): Promise<QuotedChain>;
  /**
   * Fits one underlying's chain with each requested model (SVI arbitrage-free, SABR) and returns
   * per model the screen's view and 3D grid, or the error; cancellation is checked between models.
   */
  fitSurface(job: SurfaceFitJob, control: JobControl): Promise<SurfaceFitOutcome[]>;
  /**
   * The MSTR-BTC basis report from store rows (closes, company record, user purchases):
   * `analyzeBasis` (two GARCH fits and a DCC fit, 25-50 ms on 6 years) and its contract view.
   */
  basisReport(
    input: BasisJobInput,
    control: JobControl,
  ): Promise<{ view: BasisReportView; computeMs: number }>;
  /** Funding history summaries (`summariseFunding` + provenance) of each perp, null when empty. */
  fundingStats(
    input: { perps: { market: PerpMarket; history: FundingPoint[] }[] },
    control: JobControl,
  ): Promise<{ stats: (FundingStats | null)[]; computeMs: number }>;
  /** Margin report of each account (ratios, liquidation prices, ladder); null: nothing to evaluate. */
  marginReports(
    input: { accounts: MarginAccountInput[] },
    control: JobControl,
  ): Promise<{ reports: (MarginAccountReport | null)[]; computeMs: number }>;
  /**
   * Liquidation probability of one account by Monte Carlo, in chunks of paths: `onProgress` (a
   * comlink proxy) hears paths done after each chunk; cancellation is checked between chunks
   * (result null).
   */
  liquidationProbability(
    job: AccountLiquidationJob,
    control: JobControl,
    onProgress?: (pathsDone: number, pathsTotal: number) => void,
  ): Promise<AccountLiquidationOutcome & { computeMs: number }>;
  /**
   * Heston and Merton calibrated to one underlying's arbitrage-free SVI fit, their smiles and
   * market misfit per expiry and the book's options under each model (`runSurfaceModelsJob`,
   * ~0.5-1 s). `onStage` (a comlink proxy) hears each stage start; cancellation is polled inside
   * the calibrations (the job then rejects with JobCancelledError).
   */
  surfaceModels(
    job: SurfaceModelsJob,
    control: JobControl,
    onStage?: (stage: ModelsStage) => void,
  ): Promise<SurfaceModelsView>;
  /** Before/after margin state of one trade (`previewTrade`, a few ms). */
  tradePreview(
    input: PreTradeInput,
    control: JobControl,
  ): Promise<{ preview: TradePreview; computeMs: number }>;
}

export class JobCancelledError extends Error {
  override name = 'JobCancelledError';
}

export function isCancelled(control: JobControl): boolean {
  return Atomics.load(control.cancelFlag, 0) === 1;
}
