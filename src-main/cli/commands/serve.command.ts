/** `cerberus serve`: the headless host on the demo desk (the browser view of the workstation). */
import { numberFlag, parseArgs, stringFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';
import { builtRendererDir, defaultAssetsDir, repoRootUrl } from '../cli-paths';
import { sourceLocator } from '../../compute/worker-locator';
import { runHeadless, stopOnSignals } from '../../host/run-headless';

const usage = `Usage: cerberus serve [--port N] [--data-dir DIR]

Starts the Cerberus services on the demo desk without a window and serves the workstation to a
browser on 127.0.0.1. Prints:
  Cerberus is running at http://127.0.0.1:PORT/?token=...
Open that URL (the token is required). Runs until Ctrl-C. --port 0 (default) picks a free port;
--data-dir overrides the data folder (default: the platform's user-data folder, or
CERBERUS_DATA_DIR). Needs the built renderer (npm run build).`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the workstation headless and serve it to a browser',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    const port = numberFlag(parsed, 'port', 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliUsageError('--port must be an integer 0..65535');
    const dataDir = stringFlag(parsed, 'data-dir');
    const running = await runHeadless({
      rendererDir: builtRendererDir(),
      port,
      log: (line) => io.stdout.write(line + '\n'),
      config: {
        workers: sourceLocator(repoRootUrl()),
        assetsDir: defaultAssetsDir(),
        ...(dataDir ? { dataDir } : {}),
      },
    });
    stopOnSignals(running);
    await new Promise<never>(() => undefined);
    return 0;
  },
};
