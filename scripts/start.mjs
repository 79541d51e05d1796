// `npm start`: opens the Electron window on the demo desk. Where Electron cannot run (no binary
// could be downloaded, no display) it falls back to the headless host, which prints
//   Cerberus is running at http://127.0.0.1:PORT/?token=...
// and keeps running until Ctrl-C. Extra arguments go to the headless host (--port, --data-dir).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function headless(reason) {
  console.log(`Starting the headless host (${reason}).`);
  const child = spawn(process.execPath, ['out/main/headless.js', ...args], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const hasDisplay =
  process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
if (process.env.CERBERUS_HEADLESS === '1') {
  headless('CERBERUS_HEADLESS=1');
} else if (!hasDisplay) {
  headless('no display');
} else {
  let electronPath;
  try {
    electronPath = require('electron');
  } catch (err) {
    electronPath = undefined;
    headless(`Electron is not available: ${String(err?.message ?? err).split('\n')[0]}`);
  }
  if (electronPath) {
    const startedMs = Date.now();
    const child = spawn(electronPath, ['.', ...args], { stdio: 'inherit' });
    child.on('error', (err) => headless(`Electron failed to start: ${err.message}`));
    child.on('exit', (code) => {
      // A crash at start-up (missing libraries, no GPU, sandbox) falls back; a user closing the window exits.
      if (code !== 0 && Date.now() - startedMs < 15_000)
        headless(`Electron exited with code ${code}`);
      else process.exit(code ?? 0);
    });
  }
}
