/**
 * A pool of compute workers (worker_threads + comlink). Each job has an id, a timeout and can
 * be cancelled: cancellation sets a shared flag the kernel polls between chunks; a job that
 * overruns its timeout gets its worker terminated and replaced, so one runaway job cannot
 * block the pool.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ComputeApi, JobControl } from '../../shared/contract/compute';
import type { WorkerLocator } from './worker-locator';

export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<ComputeApi>;
  busy: boolean;
}

export interface JobHandle<T> {
  id: number;
  promise: Promise<T>;
  cancel(): void;
}

export interface PoolOptions {
  size: number;
  defaultTimeoutMs?: number;
}

interface Queued {
  run: (slot: Slot) => void;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;

  constructor(
    private readonly locator: WorkerLocator,
    private readonly options: PoolOptions,
  ) {
    this.size = Math.max(1, options.size);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const entry = this.locator.resolve('compute');
    const worker = new Worker(entry.url, { execArgv: entry.execArgv });
    worker.unref();
    const api = Comlink.wrap<ComputeApi>(nodeEndpoint(worker));
    return { worker, api, busy: false };
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.drain();
  }

  /** Hands queued jobs to free workers. */
  private drain(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = true;
      next.run(slot);
    }
  }

  /** Runs `task` on a free worker (queued when all are busy). */
  run<T>(
    task: (api: Comlink.Remote<ComputeApi>, control: JobControl) => Promise<T>,
    timeoutMs?: number,
  ): JobHandle<T> {
    if (this.closed) throw new Error('worker pool is closed');
    const id = this.nextId++;
    const control: JobControl = { jobId: id, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) };
    const limit = timeoutMs ?? this.options.defaultTimeoutMs ?? 60_000;
    let cancelled = false;
    const promise = new Promise<T>((resolve, reject) => {
      const start = (slot: Slot) => {
        if (cancelled) {
          this.release(slot);
          reject(new Error(`job ${id} cancelled`));
          return;
        }
        let done = false;
        const timer = setTimeout(() => {
          if (done) return;
          done = true;
          this.replace(slot);
          this.drain();
          reject(new JobTimeoutError(`job ${id} timed out after ${limit} ms`));
        }, limit);
        timer.unref();
        task(slot.api, control).then(
          (value) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            this.release(slot);
            resolve(value);
          },
          (err: unknown) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            this.release(slot);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      };
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        start(free);
      } else {
        this.queue.push({ run: start });
      }
    });
    return {
      id,
      promise,
      cancel: () => {
        cancelled = true;
        Atomics.store(control.cancelFlag, 0, 1);
      },
    };
  }

  busyCount(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
