/** Main's handle on the db worker: every store call is an async message, never a blocking one. */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerLocator } from '../compute/worker-locator';
import type { DbWorkerApi } from './db.worker';

export type DbClient = Comlink.Remote<DbWorkerApi>;

export interface OpenedDb {
  db: DbClient;
  info: { migratedTo: number; recovered: string | null };
  close(): Promise<void>;
}

export async function openDbWorker(locator: WorkerLocator, path: string): Promise<OpenedDb> {
  const entry = locator.resolve('db');
  const worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: { path } });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`db worker exited with code ${code}`)));
  });
  const db = Comlink.wrap<DbWorkerApi>(nodeEndpoint(worker));
  const info = await Promise.race([db.openInfo(), failed]);
  return {
    db,
    info,
    async close() {
      try {
        await db.checkpoint();
        await db.close();
      } finally {
        await worker.terminate();
      }
    },
  };
}
