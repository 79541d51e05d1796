/** Start-up settings of the services, from the command line, the environment or defaults. */
import { join } from 'node:path';
import type { GpuRevalueHost } from '../compute/gpu-engine';
import type { WorkerLocator } from '../compute/worker-locator';
import type { SecretCipher } from '../services/connections/secret-cipher';
import type { GatewayOptions } from '../venues/ccxt/ccxt-gateway';
import { DB_FILE, defaultDataDir } from './paths';

export interface ServicesConfig {
  dataDir: string;
  /** Database file; defaults to `<dataDir>/cerberus.db`. */
  dbPath: string;
  /** Folder holding `data/` (bundled history) and `scenarios/`. */
  assetsDir: string;
  workers: WorkerLocator;
  computeWorkers: number;
  seed: number;
  tickMs: number;
  /** Validate every response against the contract (tests and development). */
  validateOutput: boolean;
  now: () => number;
  /** The GPU the risk engine revalues Monte Carlo paths on (Electron's GPU host); none: CPU. */
  gpuHost?: GpuRevalueHost | undefined;
  /** How venue API keys are encrypted (the Electron shell passes the OS keychain). */
  secretCipher?: SecretCipher | undefined;
  /** Live-venue gateway settings (poll interval, staleness, a replayed ccxt in tests). */
  venueGateway?: Partial<GatewayOptions> | undefined;
}

export function makeConfig(
  partial: Partial<ServicesConfig> & Pick<ServicesConfig, 'workers' | 'assetsDir'>,
  env: NodeJS.ProcessEnv = process.env,
): ServicesConfig {
  const dataDir = partial.dataDir ?? defaultDataDir(env);
  const seedEnv = Number(env['CERBERUS_SEED']);
  return {
    dataDir,
    dbPath: partial.dbPath ?? join(dataDir, DB_FILE),
    assetsDir: partial.assetsDir,
    workers: partial.workers,
    computeWorkers: partial.computeWorkers ?? 2,
    seed: partial.seed ?? (Number.isInteger(seedEnv) ? seedEnv : 20261122),
    tickMs: partial.tickMs ?? 250,
    validateOutput: partial.validateOutput ?? env['NODE_ENV'] !== 'production',
    now: partial.now ?? Date.now,
    ...(partial.gpuHost ? { gpuHost: partial.gpuHost } : {}),
    ...(partial.secretCipher ? { secretCipher: partial.secretCipher } : {}),
    ...(partial.venueGateway ? { venueGateway: partial.venueGateway } : {}),
  };
}
