/** Compute worker: exposes ComputeApi over comlink. Kernels live in shared/quant; this only binds. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { JobCancelledError, isCancelled, type ComputeApi } from '../../shared/contract/compute';
import { quoteDemoChain } from '../../shared/sim/demo-chain';
import { revalueBook } from '../../shared/quant/book/revalue-book';
import { basisReportFromStore } from '../../shared/quant/basis/store-report';
import { runSurfaceFitJob } from '../../shared/quant/surface-live/fit-job';
import { runSurfaceModelsJob } from '../../shared/quant/surface-live/models-job';
import { CalibrationCancelledError } from '../../shared/quant/surface/calibration-points';
import { fundingStats } from '../../shared/quant/perps-live/funding-board';
import { runAccountLiquidationJob } from '../../shared/quant/perps-live/liquidation-job';
import { marginAccountReport } from '../../shared/quant/perps-live/margin-report';
import { previewTrade } from '../../shared/quant/perps-live/pre-trade';
import { riskJobs } from './risk-jobs';

if (!parentPort) throw new Error('compute.worker must run in a worker thread');

const api: ComputeApi = {
  async ping() {
    return 'pong';
  },
  async spin(ms, control) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      if (isCancelled(control)) return 'cancelled';
      const tick = performance.now() + 1;
      while (performance.now() < tick) {
        // busy: a kernel chunk
      }
    }
    return 'done';
  },
  async revalueBook(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const risks = revalueBook(input);
    return { risks, computeMs: performance.now() - t0 };
  },
  async quoteDemoChain(view, underlying, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    return quoteDemoChain(view, underlying);
  },
  async fitSurface(job, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    return runSurfaceFitJob(
      job,
      () => performance.now(),
      () => isCancelled(control),
    );
  },
  async basisReport(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const view = basisReportFromStore(input);
    return { view, computeMs: performance.now() - t0 };
  },
  async fundingStats(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const stats = input.perps.map((p) => fundingStats(p.market, p.history));
    return { stats, computeMs: performance.now() - t0 };
  },
  async marginReports(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const reports = input.accounts.map((a) => marginAccountReport(a));
    return { reports, computeMs: performance.now() - t0 };
  },
  async liquidationProbability(job, control, onProgress) {
    const t0 = performance.now();
    const outcome = runAccountLiquidationJob(job, {
      isCancelled: () => isCancelled(control),
      ...(onProgress ? { onProgress: (done, total) => void onProgress(done, total) } : {}),
    });
    return { ...outcome, computeMs: performance.now() - t0 };
  },
  async surfaceModels(job, control, onStage) {
    try {
      return runSurfaceModelsJob(job, {
        clockMs: () => performance.now(),
        isCancelled: () => isCancelled(control),
        ...(onStage ? { onStage: (stage) => void onStage(stage) } : {}),
      });
    } catch (err) {
      if (err instanceof CalibrationCancelledError)
        throw new JobCancelledError(`job ${control.jobId} cancelled`);
      throw err;
    }
  },
  async tradePreview(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const preview = previewTrade(input);
    return { preview, computeMs: performance.now() - t0 };
  },
  ...riskJobs,
};

Comlink.expose(api, nodeEndpoint(parentPort));
