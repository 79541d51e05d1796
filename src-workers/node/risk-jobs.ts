/**
 * Worker bindings of the risk jobs (`shared/contract/risk-compute.ts`): hooks from the job
 * control and the progress proxy, and the Monte Carlo arrays handed back as transferred buffers.
 */
import * as Comlink from 'comlink';
import { isCancelled, type JobControl } from '../../shared/contract/compute';
import type { ProgressCallback, RiskComputeApi } from '../../shared/contract/risk-compute';
import { backtestJob, BACKTEST_WINDOW_DAYS } from '../../shared/quant/risk-live/backtest-job';
import { historicalJob } from '../../shared/quant/risk-live/historical-job';
import type { JobHooks } from '../../shared/quant/risk-live/job-input';
import {
  mcGridJob,
  mcRevalueJob,
  mcSimulateJob,
  type McFactorsChunk,
  type McPnlChunk,
} from '../../shared/quant/risk-live/mc-jobs';
import { mcMergeJob } from '../../shared/quant/risk-live/mc-merge';
import { parametricJob } from '../../shared/quant/risk-live/parametric-job';
import { stressJob } from '../../shared/quant/risk-live/stress-job';

function hooks(control: JobControl, onProgress?: ProgressCallback): JobHooks {
  return {
    isCancelled: () => isCancelled(control),
    clock: () => performance.now(),
    ...(onProgress ? { onProgress: (done, total) => void onProgress(done, total) } : {}),
  };
}

/**
 * Releases a comlink proxy callback once its job is over, so its message channel closes (one
 * per job otherwise stays open for the worker's lifetime).
 */
function release(cb: ProgressCallback | undefined): void {
  const remote = cb as unknown as Partial<Record<typeof Comlink.releaseProxy, () => void>>;
  if (typeof remote?.[Comlink.releaseProxy] === 'function') remote[Comlink.releaseProxy]();
}

async function withProgress<T>(cb: ProgressCallback | undefined, job: () => T): Promise<T> {
  try {
    return job();
  } finally {
    release(cb);
  }
}

function buffersOf(chunk: McFactorsChunk | McPnlChunk): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const h of chunk.horizons) {
    for (const a of [h.x, h.v, 'total' in h ? h.total : null, 'parts' in h ? h.parts : null])
      if (a && a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  }
  return out;
}

export const riskJobs: RiskComputeApi = {
  riskHistorical(input, control, onProgress) {
    return withProgress(onProgress, () => {
      const t0 = performance.now();
      const view = historicalJob(input, hooks(control, onProgress));
      return { ...view, computeMs: performance.now() - t0 };
    });
  },
  riskParametric(input, control, onProgress) {
    return withProgress(onProgress, () => parametricJob(input, hooks(control, onProgress)));
  },
  riskMcSimulate(input, range, control, onProgress) {
    return withProgress(onProgress, () => {
      const chunk = mcSimulateJob(input, range, hooks(control, onProgress));
      return Comlink.transfer(chunk, buffersOf(chunk));
    });
  },
  async riskMcGrid(input, rangesList) {
    return mcGridJob(input, rangesList);
  },
  riskMcRevalue(grid, chunk, control, onProgress) {
    return withProgress(onProgress, () => {
      const out = mcRevalueJob(grid, chunk, hooks(control, onProgress));
      return Comlink.transfer(out, buffersOf(out));
    });
  },
  riskMcMerge(input, grid, horizons, control, onProgress) {
    return withProgress(onProgress, () =>
      mcMergeJob(input, grid, horizons, hooks(control, onProgress)),
    );
  },
  riskStress(input, control, onProgress) {
    return withProgress(onProgress, () => stressJob(input, hooks(control, onProgress)));
  },
  riskBacktest(input, control, onProgress) {
    return withProgress(onProgress, () =>
      backtestJob(input, BACKTEST_WINDOW_DAYS, hooks(control, onProgress)),
    );
  },
};
