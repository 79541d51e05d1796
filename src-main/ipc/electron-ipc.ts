/**
 * Binds the contract to Electron IPC: one `invoke` channel validated by `dispatch`, requests
 * only from our own renderer origin, events fanned out to every window.
 */
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { dispatch } from '../../shared/contract/dispatch';
import type { Services } from '../app/services';

export const INVOKE_CHANNEL = 'cerberus:invoke';
export const EVENT_CHANNEL = 'cerberus:event';

export function bindIpc(
  services: Services,
  isTrustedUrl: (url: string) => boolean,
  windows: () => BrowserWindow[],
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, key: unknown, input: unknown) => {
    const frame: WebFrameMain | null = event.senderFrame;
    if (!frame || !isTrustedUrl(frame.url)) {
      return {
        ok: false,
        error: { kind: 'unauthorized', message: 'request from an untrusted frame' },
      };
    }
    return dispatch(
      services.handlers,
      key,
      input,
      { transport: 'electron' },
      {
        validateOutput: services.config.validateOutput,
        onInternalError: (k, err) => console.error(`request ${k} failed:`, err),
      },
    );
  });
  const offBus = services.bus.onAny((name, payload) => {
    for (const w of windows())
      if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    offBus();
  };
}
