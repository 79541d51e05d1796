/** Starts the real services (real SQLite file, real worker threads) from the TypeScript sources. */
import { fileURLToPath } from 'node:url';
import { makeConfig, type ServicesConfig } from '../../src-main/app/config';
import { startServices, type Services } from '../../src-main/app/services';
import { sourceLocator } from '../../src-main/compute/worker-locator';
import { tempDir } from './temp-dir';

export const REPO_ROOT_URL = new URL('../../', import.meta.url);
export const REPO_ROOT = fileURLToPath(REPO_ROOT_URL);
export const ASSETS_DIR = fileURLToPath(new URL('assets/', REPO_ROOT_URL));
export const RENDERER_DIR = fileURLToPath(new URL('out/renderer/', REPO_ROOT_URL));

export function testConfig(dataDir: string, extra: Partial<ServicesConfig> = {}): ServicesConfig {
  return makeConfig({
    dataDir,
    assetsDir: ASSETS_DIR,
    workers: sourceLocator(REPO_ROOT_URL),
    computeWorkers: 1,
    validateOutput: true,
    seed: 7,
    ...extra,
  });
}

export async function withServices(
  extra: Partial<ServicesConfig> = {},
): Promise<{ services: Services; dataDir: string; stop(): Promise<void> }> {
  const dir = tempDir();
  const services = await startServices(testConfig(dir.path, extra));
  return {
    services,
    dataDir: dir.path,
    async stop() {
      await services.close();
      dir.remove();
    },
  };
}
