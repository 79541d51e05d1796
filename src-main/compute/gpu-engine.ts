/**
 * The seam between the risk service and a GPU: something that runs the Monte Carlo revaluation
 * kernel (`src-workers/gpu/mc-revalue.kernel.ts`) on per-underlying P&L grids. In Electron it is
 * the hidden GPU host window (`gpu-host.ts`, gpu.js on WebGL); the headless host and tests have
 * none, and the service then revalues on the CPU workers. No Electron types here, so the services
 * compile and test without Electron.
 */
import type { BookGrid } from '../../shared/quant/risk/grid-interp';

export interface GpuInfo {
  /** True when the kernel runs on a GPU (gpu.js mode gpu/webgl/webgl2), not its CPU fallback. */
  available: boolean;
  /** gpu.js mode as reported by the page (e.g. 'webgl2'), or why there is none. */
  mode: string;
  note: string;
}

export interface GpuPartsRequest {
  grid: BookGrid;
  /** Per horizon the factor moves of every path, path-major [p * nU + u]. */
  horizons: { x: Float64Array; v: Float64Array }[];
}

export interface GpuRevalueHost {
  /** Starts the GPU context if needed and says what it runs on. */
  probe(): Promise<GpuInfo>;
  /** Per horizon, the per-underlying P&L of every path (float32, [p * nU + u]). */
  revalueParts(request: GpuPartsRequest, timeoutMs: number): Promise<Float32Array[]>;
  close(): Promise<void>;
}
