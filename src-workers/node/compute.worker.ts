/** Compute worker: exposes ComputeApi over comlink. Kernels live in shared/quant; this only binds. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { JobCancelledError, isCancelled, type ComputeApi } from '../../shared/contract/compute';
import { revalueBook } from '../../shared/quant/book/revalue-book';
import { basisReportFromStore } from '../../shared/quant/basis/store-report';
import { runSurfaceFitJob } from '../../shared/quant/surface-live/fit-job';

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
  async basisReport(input, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    const t0 = performance.now();
    const view = basisReportFromStore(input);
    return { view, computeMs: performance.now() - t0 };
  },
  async fitSurface(job, control) {
    if (isCancelled(control)) throw new JobCancelledError(`job ${control.jobId} cancelled`);
    return runSurfaceFitJob(
      job,
      () => performance.now(),
      () => isCancelled(control),
    );
  },
};

Comlink.expose(api, nodeEndpoint(parentPort));
