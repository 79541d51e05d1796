/**
 * Electron entry (`out/main/electron-main.js`): lifecycle, the window and its security flags.
 * Wiring only -- the services are the same ones the headless host runs.
 */
import { app, BrowserWindow, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleLocator } from '../compute/worker-locator';
import { contentSecurityPolicy } from '../host/static-files';
import { bindIpc } from '../ipc/electron-ipc';
import { createGpuHost, type ElectronGpuHost } from '../compute/gpu-host';
import { makeConfig } from './config';
import { safeStorageCipher } from './safe-storage-cipher';
import { startServices, type Services } from './services';

const here = new URL('.', import.meta.url);
const rendererDir = fileURLToPath(new URL('../renderer/', here));
const APP_ORIGIN = 'app://cerberus';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const isTrustedUrl = (url: string): boolean =>
  url.startsWith(`${APP_ORIGIN}/`) ||
  (!!process.env['ELECTRON_RENDERER_URL'] && url.startsWith(process.env['ELECTRON_RENDERER_URL']));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0d1117',
    title: 'Cerberus',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/preload.cjs', here)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

let services: Services | undefined;
let gpuHost: ElectronGpuHost | undefined;
/** Windows the user sees: every one but the risk engine's hidden GPU host. */
const appWindows = () => BrowserWindow.getAllWindows().filter((w) => !gpuHost?.owns(w));

// The hidden GPU host window would keep 'window-all-closed' from firing: quit on the last app window.
app.on('browser-window-created', (_event, win) => {
  win.on('closed', () => {
    if (process.platform !== 'darwin' && appWindows().length === 0) app.quit();
  });
});

app.whenReady().then(async () => {
  protocol.handle('app', (request) => {
    const path = new URL(request.url).pathname;
    const file = join(rendererDir, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!file.startsWith(rendererDir)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).href);
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  const assetsDir = app.isPackaged
    ? join(process.resourcesPath, 'assets')
    : fileURLToPath(new URL('../../assets/', here));
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  gpuHost = createGpuHost({
    pageUrl: devUrl ? `${devUrl}/gpu-host.html` : `${APP_ORIGIN}/gpu-host.html`,
    preloadPath: fileURLToPath(new URL('../preload/gpu-preload.cjs', here)),
  });
  services = await startServices(
    makeConfig({
      dataDir: app.getPath('userData'),
      workers: bundleLocator(here),
      assetsDir,
      secretCipher: safeStorageCipher(),
      gpuHost,
    }),
  );
  for (const notice of services.notices) console.warn(notice);
  bindIpc(services, isTrustedUrl, appWindows);
  createWindow();
  app.on('activate', () => {
    if (appWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services.close().finally(() => app.quit());
});
