/**
 * Where worker entry files are. Built app: `out/main/<name>.js` next to the main bundle.
 * Sources (tests, the CLI through tsx): the `.ts` files, loaded through tsx's import hook.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export type WorkerName = 'compute' | 'db';

export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

export interface WorkerLocator {
  resolve(name: WorkerName): WorkerEntry;
}

const SOURCE_PATHS: Record<WorkerName, string> = {
  compute: 'src-workers/node/compute.worker.ts',
  db: 'src-main/db/db.worker.ts',
};

/** Bundled workers in `dirUrl` (a directory URL ending in '/'). */
export function bundleLocator(dirUrl: URL): WorkerLocator {
  return { resolve: (name) => ({ url: new URL(`${name}.worker.js`, dirUrl), execArgv: [] }) };
}

/** TypeScript sources under the repository root `rootUrl`, run through tsx. */
export function sourceLocator(rootUrl: URL): WorkerLocator {
  const tsx = pathToFileURL(createRequire(rootUrl).resolve('tsx')).href;
  return {
    resolve: (name) => ({ url: new URL(SOURCE_PATHS[name], rootUrl), execArgv: ['--import', tsx] }),
  };
}

/** The repository root when running from sources (this file is src-main/compute/worker-locator.ts). */
export function sourceRootUrl(): URL {
  return new URL('../../', import.meta.url);
}
