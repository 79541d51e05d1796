/** The single writer: better-sqlite3 in its own thread, exposing DbApi over comlink. */
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { openDatabase } from './database';
import { createDbApi } from './db-api';

if (!parentPort) throw new Error('db.worker must run in a worker thread');
const { path } = workerData as { path: string };
const opened = openDatabase(path);
const api = {
  ...createDbApi(opened.db),
  openInfo: () => ({ migratedTo: opened.migratedTo, recovered: opened.recovered ?? null }),
  close: () => {
    opened.db.close();
  },
};
export type DbWorkerApi = typeof api;
Comlink.expose(api, nodeEndpoint(parentPort));
