/**
 * The GPU host page (`src-renderer/gpu-host.html`, a hidden window in Electron): builds the Monte
 * Carlo revaluation kernel with gpu.js in 'gpu' mode, runs it once on a probe input to find out
 * which backend it really got (WebGL2/WebGL, or a CPU/WebAssembly fallback), tells main through
 * the preload bridge, then revalues the jobs main sends. Without a bridge (a plain browser, the
 * equality test) it only exposes `window.cerberusGpuPage` so the kernel can be driven directly.
 */
import { GPU, type IKernelRunShortcut } from 'gpu.js';
import type { GpuHostBridge, GpuPageInfo } from '../../../shared/contract/gpu-host';
import type { BookGrid } from '../../../shared/quant/risk/grid-interp';
import { revalueParts } from '../mc-parts';
import {
  createMcRevalueKernel,
  mcRevalueCpu,
  type McRevalueFn,
  type McRevalueInputs,
} from '../mc-revalue.kernel';

export interface GpuPageApi {
  info: GpuPageInfo;
  revalue(inputs: McRevalueInputs): Float32Array;
  revalueParts(grid: BookGrid, x: Float64Array, v: Float64Array): Float32Array;
  cpuTwin(inputs: McRevalueInputs): Float32Array;
}

declare global {
  interface Window {
    cerberusGpu?: GpuHostBridge;
    cerberusGpuPage?: GpuPageApi;
  }
}

/** A 3-path, one-underlying input: enough to compile the shader and see where it ran. */
function probeInputs(): McRevalueInputs {
  const nXi = 5;
  const nV = 5;
  const one = (x: number) => Float32Array.of(x);
  return {
    paths: 3,
    nU: 1,
    nXi,
    nV,
    x: Float32Array.of(-0.05, 0, 0.05),
    v: Float32Array.of(-0.1, 0, 0.1),
    values: Float32Array.from({ length: nXi * nV }, (_, i) => i - 12),
    scale: one(0.1),
    xi0: one(-1),
    dXi: one(0.5),
    v0: one(-0.3),
    dV: one(0.15),
    linearUsd: one(1000),
  };
}

function backendOf(k: IKernelRunShortcut | undefined): {
  mode: string;
  backend: string;
  note: string;
} {
  const kernel = k?.kernel as { constructor: { mode?: string }; context?: unknown } | undefined;
  const mode = kernel?.constructor.mode ?? 'none';
  const ctx = kernel?.context;
  let backend = mode;
  let note = '';
  if (typeof WebGL2RenderingContext !== 'undefined' && ctx instanceof WebGL2RenderingContext) {
    backend = 'webgl2';
    note = String(ctx.getParameter(ctx.RENDERER));
  } else if (typeof WebGLRenderingContext !== 'undefined' && ctx instanceof WebGLRenderingContext) {
    backend = 'webgl';
    note = String(ctx.getParameter(ctx.RENDERER));
  }
  return { mode, backend, note };
}

export function startGpuHostPage(): GpuPageApi {
  let kernel: McRevalueFn = mcRevalueCpu;
  let info: GpuPageInfo;
  try {
    const gpu = new GPU({ mode: 'gpu' });
    // Keep the kernel's run shortcut: its `kernel` is the backend actually in use, also after a
    // silent fallback to the CPU.
    let shortcut: IKernelRunShortcut | undefined;
    const create = gpu.createKernel.bind(gpu) as (s: string, o: object) => IKernelRunShortcut;
    (gpu as unknown as { createKernel: typeof create }).createKernel = (s, o) =>
      (shortcut = create(s, o));
    kernel = createMcRevalueKernel(gpu);
    kernel(probeInputs());
    const b = backendOf(shortcut);
    info = {
      available: b.mode === 'gpu',
      backend: b.backend,
      mode: b.mode,
      note: b.note || 'no GL context',
    };
  } catch (err) {
    kernel = mcRevalueCpu;
    info = {
      available: false,
      backend: 'none',
      mode: 'none',
      note: `gpu.js failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const api: GpuPageApi = {
    info,
    revalue: (inputs) => kernel(inputs),
    revalueParts: (grid, x, v) => revalueParts(kernel, grid, x, v),
    cpuTwin: mcRevalueCpu,
  };
  window.cerberusGpuPage = api;
  document.body.dataset['gpuBackend'] = info.backend;
  document.body.textContent = `Cerberus GPU host: ${info.backend} (${info.note})`;
  const bridge = window.cerberusGpu;
  if (bridge) {
    bridge.onJob((job) => {
      try {
        bridge.done(
          job.id,
          job.horizons.map((h) => revalueParts(kernel, job.grid, h.x, h.v)),
        );
      } catch (err) {
        bridge.fail(job.id, err instanceof Error ? err.message : String(err));
      }
    });
    bridge.ready(info);
  }
  return api;
}

startGpuHostPage();
