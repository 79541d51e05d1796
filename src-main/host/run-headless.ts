/**
 * Starts the services and the headless host together and prints the one line users look for:
 * `Cerberus is running at http://127.0.0.1:PORT/?token=...`. Shared by `npm start`'s fallback,
 * `npm run serve` and `cerberus serve`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeConfig, type ServicesConfig } from '../app/config';
import { startServices, type Services } from '../app/services';
import { startHeadlessHost, type HeadlessHost } from './headless-host';

export interface RunHeadlessOptions {
  rendererDir: string;
  config: Partial<ServicesConfig> & Pick<ServicesConfig, 'workers' | 'assetsDir'>;
  port?: number;
  log?: (line: string) => void;
}

export interface RunningHost {
  services: Services;
  host: HeadlessHost;
  stop(): Promise<void>;
}

export async function runHeadless(opts: RunHeadlessOptions): Promise<RunningHost> {
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    throw new Error(
      `the renderer is not built (no ${join(opts.rendererDir, 'index.html')}): run \`npm run build\` first`,
    );
  }
  const log = opts.log ?? ((line: string) => console.log(line));
  const services = await startServices(makeConfig(opts.config));
  for (const notice of services.notices) log(`Notice: ${notice}`);
  const host = await startHeadlessHost({
    handlers: services.handlers,
    bus: services.bus,
    rendererDir: opts.rendererDir,
    validateOutput: services.config.validateOutput,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });
  log(`Cerberus is running at ${host.url}`);
  log(`Data: ${services.config.dataDir}  (demo desk; press Ctrl-C to stop)`);
  let stopping: Promise<void> | undefined;
  return {
    services,
    host,
    stop() {
      stopping ??= (async () => {
        await host.close();
        await services.close();
      })();
      return stopping;
    },
  };
}

/** Stops cleanly on Ctrl-C / SIGTERM (flushes ticks, checkpoints the database). */
export function stopOnSignals(running: RunningHost): void {
  const stop = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
