// SVI fitting speed: a synthetic 10-expiry x 40-strike chain (known raw-SVI smiles plus 0.3
// vol-point noise from a seeded RNG) fitted with the quasi-explicit calibration, against a generic
// Nelder-Mead over all five raw-SVI parameters on the same targets and weights, in the same run.
// `extra` reports the worst slice RMSE of each (vol points, vs the noisy quotes) so that the
// speed comparison is between fits of comparable quality, and the full fitChain time (cleaning,
// fit quality, butterfly and calendar checks on the dense grid).
import { createRng } from '../../shared/quant/math/rng';
import type { ChainQuote, OptionChain } from '../../shared/quant/surface/chain';
import { cleanSlice } from '../../shared/quant/surface/chain-clean';
import { fitChain } from '../../shared/quant/surface/fit-chain';
import { nelderMead } from '../../shared/quant/stats/optimize';
import {
  totalVarianceTargets,
  type TotalVarianceTargets,
} from '../../shared/quant/surface/slice-targets';
import { sviSse } from '../../shared/quant/surface/svi-arbitrage-free';
import { calibrateSviQuasiExplicit } from '../../shared/quant/surface/svi-calibrate';
import { sviTotalVariance, type SviRawParams } from '../../shared/quant/surface/svi-raw';
import { medianMs, type Benchmark } from './bench-types';

const EXPIRIES = 10;
const STRIKES = 40;

function syntheticChain(): OptionChain {
  const rng = createRng(20200514);
  const expiries = [];
  for (let i = 0; i < EXPIRIES; i++) {
    const T = 7 / 365 + (i * (1 - 7 / 365)) / (EXPIRIES - 1);
    const atmVar = 0.6 * T; // ~77% ATM vol
    const p: SviRawParams = {
      a: 0.5 * atmVar,
      b: 0.12 + 0.25 * T,
      rho: -0.2,
      m: 0.02,
      sigma: 0.1 + 0.2 * T,
    };
    const halfWidth = 3.5 * Math.sqrt(atmVar);
    const quotes: ChainQuote[] = [];
    for (let j = 0; j < STRIKES; j++) {
      const k = -halfWidth + (2 * halfWidth * j) / (STRIKES - 1);
      const iv = Math.sqrt(sviTotalVariance(p, k) / T) + 0.003 * rng.normal();
      const half = 0.005 + 0.01 * Math.abs(k);
      quotes.push({
        strike: 100 * Math.exp(k),
        type: k < 0 ? 'put' : 'call',
        bidIv: iv - half,
        askIv: iv + half,
        markIv: iv,
      });
    }
    expiries.push({
      expiry: `E${i}`,
      expiryMs: Math.round(T * 365 * 86_400_000),
      tYears: T,
      forward: 100,
      quotes,
    });
  }
  return { underlying: 'SYN', asOfMs: 0, expiries };
}

/**
 * Median ms of each of two functions, measured alternately after `warmups` runs of each, so that
 * JIT tiering and load spikes on a shared machine hit both alike.
 */
function interleavedMedians(
  a: () => void,
  b: () => void,
  warmups: number,
  repeats: number,
): [number, number] {
  for (let i = 0; i < warmups; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1] as number;
  return [med(ta), med(tb)];
}

/** Baseline: Nelder-Mead over (a, ln b, atanh rho, m, ln sigma) from a generic start. */
function nelderMeadSvi(t: TotalVarianceTargets): SviRawParams {
  const fromX = (x: ArrayLike<number>): SviRawParams => ({
    a: x[0] as number,
    b: Math.exp(x[1] as number),
    rho: Math.tanh(x[2] as number),
    m: x[3] as number,
    sigma: Math.exp(x[4] as number),
  });
  let wMin = Infinity;
  for (const w of t.w) wMin = Math.min(wMin, w);
  const r = nelderMead((x) => sviSse(fromX(x), t), [wMin / 2, Math.log(0.1), 0, 0, Math.log(0.1)], {
    maxEvaluations: 5000,
    maxIterations: 5000,
    tolF: 1e-16,
    tolX: 1e-10,
    adaptive: false,
  });
  return fromX(r.x);
}

function worstRmseVolPts(
  targets: TotalVarianceTargets[],
  tYears: number[],
  fits: SviRawParams[],
): number {
  let worst = 0;
  targets.forEach((t, i) => {
    const T = tYears[i] as number;
    let sq = 0;
    for (let j = 0; j < t.k.length; j++) {
      const e =
        Math.sqrt(sviTotalVariance(fits[i] as SviRawParams, t.k[j] as number) / T) -
        Math.sqrt((t.w[j] as number) / T);
      sq += e * e;
    }
    worst = Math.max(worst, 100 * Math.sqrt(sq / t.k.length));
  });
  return worst;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'surface.svi_fit_10x40',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      const chain = syntheticChain();
      const slices = chain.expiries.map((e) => cleanSlice(e));
      const tYears = slices.map((s) => s.tYears);
      let targets: TotalVarianceTargets[] = [];
      let ours: SviRawParams[] = [];
      let base: SviRawParams[] = [];
      const runOurs = () => {
        targets = slices.map(totalVarianceTargets);
        ours = targets.map((t) => calibrateSviQuasiExplicit(t.k, t.w, t.weight).params);
      };
      const runBase = () => {
        base = slices.map(totalVarianceTargets).map(nelderMeadSvi);
      };
      const [value, baseline] = interleavedMedians(runOurs, runBase, 5, 15);
      const fullChainMs = medianMs(() => fitChain(chain), 5);
      return {
        value,
        baseline,
        extra: {
          slices: EXPIRIES,
          strikes: STRIKES,
          worstRmseVolPts: Number(worstRmseVolPts(targets, tYears, ours).toFixed(4)),
          baselineWorstRmseVolPts: Number(worstRmseVolPts(targets, tYears, base).toFixed(4)),
          fullFitChainMs: Number(fullChainMs.toFixed(2)),
        },
      };
    },
  },
];
