/** The compute pool with real worker threads: job ids, queueing, cancellation, timeouts. */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, JobTimeoutError } from '../../src-main/compute/worker-pool';
import { sourceLocator } from '../../src-main/compute/worker-locator';
import { REPO_ROOT_URL } from '../helpers/services-harness';

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('worker pool', () => {
  it('answers on every worker and gives each job its own id', async () => {
    pool = new WorkerPool(sourceLocator(REPO_ROOT_URL), { size: 2 });
    const jobs = [1, 2, 3].map(() => pool!.run((api) => api.ping()));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(3);
    expect(await Promise.all(jobs.map((j) => j.promise))).toEqual(['pong', 'pong', 'pong']);
  });

  it('queues jobs beyond the pool size and runs them when a worker frees up', async () => {
    pool = new WorkerPool(sourceLocator(REPO_ROOT_URL), { size: 1 });
    const a = pool.run((api, c) => api.spin(150, c));
    const b = pool.run((api) => api.ping());
    expect(pool.busyCount()).toBe(1);
    expect(await a.promise).toBe('done');
    expect(await b.promise).toBe('pong');
  });

  it('cancels a running job through the shared flag', async () => {
    pool = new WorkerPool(sourceLocator(REPO_ROOT_URL), { size: 1 });
    const job = pool.run((api, c) => api.spin(20_000, c));
    setTimeout(() => job.cancel(), 100);
    expect(await job.promise).toBe('cancelled');
  });

  it('replaces a worker whose job overruns its timeout and keeps serving', async () => {
    pool = new WorkerPool(sourceLocator(REPO_ROOT_URL), { size: 1 });
    const slow = pool.run(
      (api, c) => api.spin(30_000, { ...c, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) }),
      200,
    );
    await expect(slow.promise).rejects.toBeInstanceOf(JobTimeoutError);
    expect(await pool.run((api) => api.ping()).promise).toBe('pong');
  });
});
