/**
 * The whole bridge between the sandboxed renderer and main: `invoke(key, input)` and
 * `on(event, listener)`. It never changes when a feature is added; keys are checked in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'cerberus:invoke';
const EVENT = 'cerberus:event';

contextBridge.exposeInMainWorld('cerberus', {
  invoke: (key: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, key, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
});
