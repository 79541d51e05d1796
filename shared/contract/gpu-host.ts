/**
 * The narrow bridge between Electron main and the hidden GPU host page (a sandboxed window that
 * runs the Monte Carlo revaluation kernel with gpu.js on WebGL). Main sends one message kind (a
 * job), the page answers with three (ready, done, fail); the preload exposes exactly these as
 * `window.cerberusGpu` and nothing else. Typed arrays travel by structured clone.
 */
import type { BookGrid } from '../quant/risk/grid-interp';

export const GPU_CHANNELS = {
  job: 'cerberus-gpu:job',
  ready: 'cerberus-gpu:ready',
  done: 'cerberus-gpu:done',
  fail: 'cerberus-gpu:fail',
} as const;

export interface GpuPageInfo {
  /** True when the kernel runs on the GPU (a WebGL context), not a CPU/WebAssembly fallback. */
  available: boolean;
  /** 'webgl2', 'webgl', or the fallback gpu.js chose ('webasm', 'cpu'), or 'none'. */
  backend: string;
  /** gpu.js kernel mode: 'gpu' for the WebGL backends. */
  mode: string;
  /** The GL renderer string or the reason there is no GPU. */
  note: string;
}

export interface GpuPageJob {
  id: number;
  grid: BookGrid;
  /** Per horizon the factor moves of every path, path-major [p * nU + u]. */
  horizons: { x: Float64Array; v: Float64Array }[];
}

/** What the GPU host preload exposes to the page as `window.cerberusGpu`. */
export interface GpuHostBridge {
  ready(info: GpuPageInfo): void;
  onJob(handler: (job: GpuPageJob) => void): void;
  /** Per horizon the per-underlying P&L of every path ([p * nU + u], float32). */
  done(id: number, parts: Float32Array[]): void;
  fail(id: number, message: string): void;
}
