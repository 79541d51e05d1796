/**
 * Preload of the hidden GPU host window (risk engine): exposes exactly the four calls of
 * `GpuHostBridge` on its own channels; no contract access, no raw ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  GPU_CHANNELS,
  type GpuHostBridge,
  type GpuPageInfo,
  type GpuPageJob,
} from '../../shared/contract/gpu-host';

const bridge: GpuHostBridge = {
  ready: (info: GpuPageInfo) => ipcRenderer.send(GPU_CHANNELS.ready, info),
  onJob: (handler) => {
    ipcRenderer.on(GPU_CHANNELS.job, (_e, job: GpuPageJob) => handler(job));
  },
  done: (id, parts) => ipcRenderer.send(GPU_CHANNELS.done, id, parts),
  fail: (id, message) => ipcRenderer.send(GPU_CHANNELS.fail, id, String(message)),
};

contextBridge.exposeInMainWorld('cerberusGpu', bridge);
