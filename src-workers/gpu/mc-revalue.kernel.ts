/**
 * Monte Carlo revaluation on the GPU: one thread per path computes the portfolio P&L from the
 * per-underlying P&L grids of the fast scheme (`shared/quant/risk/book-grid.ts`), exactly as the
 * CPU kernel does (`shared/quant/risk/grid-interp.ts`): for each underlying u,
 *   P&L_u = linearUsd_u (e^x - 1) + sum_{a,b} wx_a wv_b values[u, j-1+a, k-1+b]
 * with xi = asinh(x / scale_u), Catmull-Rom weights in (xi, v), and the stencil index clamped.
 *
 * Inputs (`McRevalueInputs`, all Float32Array, path-major):
 * - x, v: log spot move and log vol multiplier of underlying u on path p at [p * nU + u];
 * - values: option P&L (USD) at node (u, j, k) at [u * nXi * nV + j * nV + k];
 * - scale, xi0, dXi, v0, dV, linearUsd: per-underlying axis parameters and linear exposure;
 * - nV = 1 means no vol axis (v ignored). Output: total P&L per path (Float32Array, USD).
 *
 * The kernel is given to gpu.js as SOURCE TEXT so that the shader does not depend on how the
 * TypeScript is transpiled or minified. `mcRevalueCpu` is its twin with the same signature:
 * the same arithmetic in plain TypeScript (float64 internally, float32 out), used as the fallback
 * where no WebGL context exists and as the oracle in equality tests. Float32 tolerance: a GPU
 * result may differ from the twin by 1e-5 x (|P&L| + sum_u |linearUsd_u| + max |values|),
 * the rounding of single-precision sums of grid values and of e^x - 1.
 */
import type { GPU, IKernelRunShortcut } from 'gpu.js';
import type { BookGrid } from '../../shared/quant/risk/grid-interp';

export interface McRevalueInputs {
  paths: number;
  nU: number;
  nXi: number;
  nV: number;
  x: Float32Array;
  v: Float32Array;
  values: Float32Array;
  scale: Float32Array;
  xi0: Float32Array;
  dXi: Float32Array;
  v0: Float32Array;
  dV: Float32Array;
  linearUsd: Float32Array;
}

export type McRevalueFn = (inputs: McRevalueInputs) => Float32Array;

/** Relative tolerance (of the P&L scale, see header) between the GPU kernel and its twin. */
export const MC_REVALUE_FLOAT32_RTOL = 1e-5;

export const MC_REVALUE_KERNEL_SOURCE = `function mcRevalue(x, v, values, scale, xi0, dXi, v0, dV, linearUsd, nU, nXi, nV) {
  const p = this.thread.x;
  let total = 0;
  for (let u = 0; u < nU; u++) {
    const xx = x[p * nU + u];
    const f = (Math.asinh(xx / scale[u]) - xi0[u]) / dXi[u];
    const j = Math.min(Math.max(Math.floor(f), 1), nXi - 3);
    const t = f - j;
    const t2 = t * t;
    const t3 = t2 * t;
    const a0 = 0.5 * (-t3 + 2 * t2 - t);
    const a1 = 0.5 * (3 * t3 - 5 * t2 + 2);
    const a2 = 0.5 * (-3 * t3 + 4 * t2 + t);
    const a3 = 0.5 * (t3 - t2);
    const base = u * nXi * nV;
    let s = 0;
    if (nV < 2) {
      const o = base + j - 1;
      s = a0 * values[o] + a1 * values[o + 1] + a2 * values[o + 2] + a3 * values[o + 3];
    } else {
      const fv = (v[p * nU + u] - v0[u]) / dV[u];
      const k = Math.min(Math.max(Math.floor(fv), 1), nV - 3);
      const w = fv - k;
      const w2 = w * w;
      const w3 = w2 * w;
      const b0 = 0.5 * (-w3 + 2 * w2 - w);
      const b1 = 0.5 * (3 * w3 - 5 * w2 + 2);
      const b2 = 0.5 * (-3 * w3 + 4 * w2 + w);
      const b3 = 0.5 * (w3 - w2);
      for (let a = 0; a < 4; a++) {
        const row = base + (j - 1 + a) * nV + k - 1;
        const inner = b0 * values[row] + b1 * values[row + 1] + b2 * values[row + 2] + b3 * values[row + 3];
        let wa = a3;
        if (a == 0) { wa = a0; }
        if (a == 1) { wa = a1; }
        if (a == 2) { wa = a2; }
        s += wa * inner;
      }
    }
    total += linearUsd[u] * (Math.exp(xx) - 1) + s;
  }
  return total;
}`;

/** Builds the gpu.js kernel (any mode: gpu/webgl2/webgl/cpu) and returns a McRevalueFn. */
export function createMcRevalueKernel(gpu: GPU): McRevalueFn {
  const kernel: IKernelRunShortcut = gpu.createKernel(MC_REVALUE_KERNEL_SOURCE, {
    output: [1],
    dynamicOutput: true,
    dynamicArguments: true,
    precision: 'single',
    argumentTypes: {
      x: 'Array',
      v: 'Array',
      values: 'Array',
      scale: 'Array',
      xi0: 'Array',
      dXi: 'Array',
      v0: 'Array',
      dV: 'Array',
      linearUsd: 'Array',
      nU: 'Float',
      nXi: 'Float',
      nV: 'Float',
    },
  });
  // The loop over underlyings has a runtime bound; shaders need a fixed maximum.
  kernel.setLoopMaxIterations(256);
  return (inp) => {
    checkInputs(inp);
    if (inp.nU > 256) throw new RangeError('mc revalue kernel: at most 256 underlyings');
    kernel.setOutput([inp.paths]);
    const out = kernel(
      inp.x,
      inp.v,
      inp.values,
      inp.scale,
      inp.xi0,
      inp.dXi,
      inp.v0,
      inp.dV,
      inp.linearUsd,
      inp.nU,
      inp.nXi,
      inp.nV,
    );
    return out instanceof Float32Array ? out : Float32Array.from(out as ArrayLike<number>);
  };
}

function checkInputs(inp: McRevalueInputs): void {
  const { paths, nU, nXi, nV } = inp;
  if (!(paths >= 1 && nU >= 1 && nXi >= 5 && (nV === 1 || nV >= 5))) {
    throw new RangeError(
      `mc revalue kernel: bad sizes paths=${paths} nU=${nU} nXi=${nXi} nV=${nV}`,
    );
  }
  if (inp.x.length !== paths * nU || inp.v.length !== paths * nU)
    throw new RangeError('mc revalue kernel: x and v need paths * nU values');
  if (inp.values.length !== nU * nXi * nV)
    throw new RangeError('mc revalue kernel: values needs nU * nXi * nV values');
  for (const a of [inp.scale, inp.xi0, inp.dXi, inp.v0, inp.dV, inp.linearUsd]) {
    if (a.length !== nU)
      throw new RangeError('mc revalue kernel: per-underlying arrays need nU values');
  }
}

/** CPU twin of the kernel: same inputs, same arithmetic, same output type. */
export function mcRevalueCpu(inp: McRevalueInputs): Float32Array {
  checkInputs(inp);
  const { paths, nU, nXi, nV, x, v, values } = inp;
  const out = new Float32Array(paths);
  for (let p = 0; p < paths; p++) {
    let total = 0;
    for (let u = 0; u < nU; u++) {
      const xx = x[p * nU + u] as number;
      const f =
        (Math.asinh(xx / (inp.scale[u] as number)) - (inp.xi0[u] as number)) /
        (inp.dXi[u] as number);
      const j = Math.min(Math.max(Math.floor(f), 1), nXi - 3);
      const t = f - j;
      const t2 = t * t;
      const t3 = t2 * t;
      const aw = [
        0.5 * (-t3 + 2 * t2 - t),
        0.5 * (3 * t3 - 5 * t2 + 2),
        0.5 * (-3 * t3 + 4 * t2 + t),
        0.5 * (t3 - t2),
      ];
      const base = u * nXi * nV;
      let s = 0;
      if (nV < 2) {
        const o = base + j - 1;
        for (let a = 0; a < 4; a++) s += (aw[a] as number) * (values[o + a] as number);
      } else {
        const fv = ((v[p * nU + u] as number) - (inp.v0[u] as number)) / (inp.dV[u] as number);
        const k = Math.min(Math.max(Math.floor(fv), 1), nV - 3);
        const w = fv - k;
        const w2 = w * w;
        const w3 = w2 * w;
        const bw = [
          0.5 * (-w3 + 2 * w2 - w),
          0.5 * (3 * w3 - 5 * w2 + 2),
          0.5 * (-3 * w3 + 4 * w2 + w),
          0.5 * (w3 - w2),
        ];
        for (let a = 0; a < 4; a++) {
          const row = base + (j - 1 + a) * nV + k - 1;
          let inner = 0;
          for (let b = 0; b < 4; b++) inner += (bw[b] as number) * (values[row + b] as number);
          s += (aw[a] as number) * inner;
        }
      }
      total += (inp.linearUsd[u] as number) * (Math.exp(xx) - 1) + s;
    }
    out[p] = total;
  }
  return out;
}

/** Kernel inputs from a book grid and factor moves (float64 -> float32). */
export function kernelInputsFromGrid(
  grid: BookGrid,
  x: Float64Array,
  v: Float64Array,
): McRevalueInputs {
  const paths = x.length / grid.nU;
  if (!Number.isInteger(paths))
    throw new RangeError('kernelInputsFromGrid: x length is not a multiple of nU');
  return {
    paths,
    nU: grid.nU,
    nXi: grid.nXi,
    nV: grid.nV,
    x: Float32Array.from(x),
    v: Float32Array.from(v),
    values: Float32Array.from(grid.values),
    scale: Float32Array.from(grid.scale),
    xi0: Float32Array.from(grid.xi0),
    dXi: Float32Array.from(grid.dXi),
    v0: Float32Array.from(grid.v0),
    dV: Float32Array.from(grid.dV),
    linearUsd: Float32Array.from(grid.linearUsd),
  };
}
