/**
 * Entry of the built headless host (`out/main/headless.js`): what `npm start` falls back to
 * when Electron cannot open a window, and what `npm run serve` runs.
 */
import { fileURLToPath } from 'node:url';
import { bundleLocator } from '../compute/worker-locator';
import { parseArgs } from '../cli/cli-args';
import { runHeadless, stopOnSignals } from './run-headless';

const here = new URL('.', import.meta.url);
const args = parseArgs(process.argv.slice(2));
const port = args.flags.get('port');
const dataDir = args.flags.get('data-dir');
try {
  const running = await runHeadless({
    rendererDir: fileURLToPath(new URL('../renderer/', here)),
    port: typeof port === 'string' ? Number(port) : 0,
    config: {
      workers: bundleLocator(here),
      assetsDir: fileURLToPath(new URL('../../assets/', here)),
      ...(typeof dataDir === 'string' ? { dataDir } : {}),
    },
  });
  stopOnSignals(running);
} catch (err) {
  console.error(`Cerberus could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
