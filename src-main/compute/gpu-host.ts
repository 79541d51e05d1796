/**
 * Electron's GPU host for the risk engine: a hidden, sandboxed window (context isolation, no
 * Node, its own preload exposing only `GpuHostBridge`) whose page runs the Monte Carlo
 * revaluation kernel with gpu.js on WebGL (`src-workers/gpu/host/gpu-host-page.ts`). Main talks
 * to it on four IPC channels, accepting messages only from that window. Where the page finds no
 * WebGL (gpu.js falls back to WebAssembly/CPU) `probe()` says so and the service stays on the CPU
 * workers. Electron only: the headless host and tests never import this file.
 */
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import { GPU_CHANNELS, type GpuPageInfo, type GpuPageJob } from '../../shared/contract/gpu-host';
import type { GpuInfo, GpuPartsRequest, GpuRevalueHost } from './gpu-engine';

export interface GpuHostOptions {
  pageUrl: string;
  preloadPath: string;
  readyTimeoutMs?: number;
}

export interface ElectronGpuHost extends GpuRevalueHost {
  /** The hidden window (excluded from the contract's event broadcast). */
  owns(win: BrowserWindow): boolean;
}

interface Pending {
  resolve: (parts: Float32Array[]) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createGpuHost(opts: GpuHostOptions): ElectronGpuHost {
  let win: BrowserWindow | null = null;
  let ready: Promise<GpuPageInfo> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const fromPage = (e: IpcMainEvent) => win !== null && e.sender === win.webContents;

  const onDone = (e: IpcMainEvent, id: number, parts: Float32Array[]) => {
    const p = fromPage(e) ? pending.get(id) : undefined;
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(parts);
  };
  const onFail = (e: IpcMainEvent, id: number, message: string) => {
    const p = fromPage(e) ? pending.get(id) : undefined;
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.reject(new Error(`GPU host: ${message}`));
  };
  ipcMain.on(GPU_CHANNELS.done, onDone);
  ipcMain.on(GPU_CHANNELS.fail, onFail);

  function open(): Promise<GpuPageInfo> {
    if (ready) return ready;
    const w = new BrowserWindow({
      show: false,
      width: 320,
      height: 200,
      webPreferences: {
        preload: opts.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
        // Hidden windows are throttled by default; the kernel must run at full speed.
        backgroundThrottling: false,
      },
    });
    win = w;
    w.on('closed', () => {
      win = null;
      ready = null;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new Error('GPU host window closed'));
        pending.delete(id);
      }
    });
    ready = new Promise<GpuPageInfo>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('GPU host page did not start')),
        opts.readyTimeoutMs ?? 20_000,
      );
      const onReady = (e: IpcMainEvent, info: GpuPageInfo) => {
        if (!fromPage(e)) return;
        ipcMain.removeListener(GPU_CHANNELS.ready, onReady);
        clearTimeout(timer);
        resolve(info);
      };
      ipcMain.on(GPU_CHANNELS.ready, onReady);
      w.loadURL(opts.pageUrl).catch((err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
    return ready;
  }

  return {
    async probe(): Promise<GpuInfo> {
      const info = await open();
      return { available: info.available, mode: info.backend, note: info.note };
    },
    async revalueParts(request: GpuPartsRequest, timeoutMs: number): Promise<Float32Array[]> {
      const info = await open();
      if (!info.available || !win) throw new Error(`no GPU (${info.backend}: ${info.note})`);
      const id = nextId++;
      const job: GpuPageJob = { id, grid: request.grid, horizons: request.horizons };
      const target = win;
      return new Promise<Float32Array[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`GPU job ${id} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        target.webContents.send(GPU_CHANNELS.job, job);
      });
    },
    async close(): Promise<void> {
      ipcMain.removeListener(GPU_CHANNELS.done, onDone);
      ipcMain.removeListener(GPU_CHANNELS.fail, onFail);
      win?.destroy();
      win = null;
    },
    owns: (w) => w === win,
  };
}
