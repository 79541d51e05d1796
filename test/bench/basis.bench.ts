// MSTR-BTC basis model: the whole `analyzeBasis` on the shipped 6-year file (the UI budget is
// 100 ms), and its two rank-based steps, each against a straightforward baseline in the same run:
// Kendall's tau by the O(n^2) pair count, and the t-copula fit with a quantile call per point
// (no per-nu constants, no reuse of the n shared pseudo-observation values).
import { readFileSync } from 'node:fs';
import { alignBasisSeries } from '../../shared/quant/basis/align';
import { analyzeBasis } from '../../shared/quant/basis/analyze';
import { parseMstrDailyCsv } from '../../shared/quant/basis/csv-rows';
import { dynamicBeta } from '../../shared/quant/basis/dynamic-beta';
import { impliedLeverage } from '../../shared/quant/basis/leverage';
import { navMetrics } from '../../shared/quant/basis/nav-metrics';
import { adfSummary, engleGrangerSummary, ouSummary } from '../../shared/quant/basis/window-models';
import { createRng } from '../../shared/quant/math/rng';
import { brentMinimize } from '../../shared/quant/stats/optimize';
import { kendallTau, pseudoObservations } from '../../shared/quant/stats/rank-correlation';
import { logReturns, logSeries } from '../../shared/quant/stats/returns';
import { studentTCdf, studentTLogPdf, studentTQuantile } from '../../shared/quant/stats/student-t';
import { fitStudentTCopula } from '../../shared/quant/stats/t-copula';
import { medianMs, type Benchmark } from './bench-types';

function kendallBrute(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign((x[i] as number) - (x[j] as number));
      const dy = Math.sign((y[i] as number) - (y[j] as number));
      s += dx * dy;
      if (dx === 0) tx++;
      if (dy === 0) ty++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  return s / Math.sqrt((n0 - tx) * (n0 - ty));
}

/** Textbook t-copula fit: same estimator, every density term evaluated from scratch. */
function naiveTCopula(u: Float64Array, v: Float64Array): { nu: number; tail: number } {
  const rho = Math.sin((Math.PI * kendallBrute(u, v)) / 2);
  const det = 1 - rho * rho;
  const logLik = (nu: number): number => {
    let ll = 0;
    for (let i = 0; i < u.length; i++) {
      const x = studentTQuantile(u[i] as number, nu);
      const y = studentTQuantile(v[i] as number, nu);
      const q = (x * x - 2 * rho * x * y + y * y) / (nu * det);
      ll +=
        Math.log(nu / 2) -
        Math.log(nu * Math.PI) -
        0.5 * Math.log(det) -
        0.5 * (nu + 2) * Math.log1p(q);
      ll -= studentTLogPdf(x, nu) + studentTLogPdf(y, nu);
    }
    return ll;
  };
  const res = brentMinimize((s) => -logLik(Math.exp(s)), Math.log(1.5), Math.log(100), {
    tol: 1e-4,
  });
  const nu = Math.exp(res.x);
  return { nu, tail: 2 * studentTCdf(-Math.sqrt(((nu + 1) * (1 - rho)) / (1 + rho)), nu + 1) };
}

const mstr = parseMstrDailyCsv(
  readFileSync('assets/data/mstr_daily_with_btc_holdings_2020-2026.csv', 'utf8'),
);

/** analyzeBasis's steps in a straightforward arrangement, with the naive rank steps. */
function baselineAnalyze(): number {
  const days = alignBasisSeries({ mstr }).days;
  const navs = days.map(navMetrics);
  const n = days.length;
  const close = Float64Array.from(days, (d) => d.mstrCloseUsd);
  const btc = Float64Array.from(days, (d) => d.btcPriceUsd);
  const logMNav = Float64Array.from(navs, (m) => Math.log(m.mNav));
  const rm = logReturns(close);
  const rb = logReturns(btc);
  const from = n - 253;
  ouSummary(logMNav.subarray(from));
  adfSummary(logMNav.subarray(from));
  engleGrangerSummary(logSeries(close.subarray(from)), logSeries(btc.subarray(from)));
  const dyn = dynamicBeta(rm, rb);
  impliedLeverage(rm.subarray(rm.length - 252), rb.subarray(rb.length - 252), {
    day: days[n - 1] as (typeof days)[number],
    nav: navs[n - 1] as (typeof navs)[number],
  });
  const zm = dyn.dccGarch?.mstr.standardizedResiduals ?? rm;
  const zb = dyn.dccGarch?.btc.standardizedResiduals ?? rb;
  return naiveTCopula(
    pseudoObservations(zm.subarray(zm.length - 252)),
    pseudoObservations(zb.subarray(zb.length - 252)),
  ).tail;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'basis.analyze_6y',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      const report = analyzeBasis({ mstr, lookbackDays: 252 });
      const baselineTail = baselineAnalyze();
      return {
        value: medianMs(() => analyzeBasis({ mstr, lookbackDays: 252 }), 7),
        baseline: medianMs(() => baselineAnalyze(), 3),
        extra: {
          days: report.n,
          tailDependenceDiff: Math.abs((report.tailDependence?.coefficient ?? NaN) - baselineTail),
        },
      };
    },
  },
  {
    name: 'stats.kendall_tau_5000',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      const rng = createRng(1);
      const x = Float64Array.from({ length: 5000 }, () => Math.round(rng.normal() * 50));
      const y = Float64Array.from(x, (v) => v + Math.round(rng.normal() * 40));
      return {
        value: medianMs(() => kendallTau(x, y), 9),
        baseline: medianMs(() => kendallBrute(x, y), 3),
        extra: { absDiff: Math.abs(kendallTau(x, y) - kendallBrute(x, y)) },
      };
    },
  },
  {
    name: 'stats.t_copula_fit_252',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      const rng = createRng(2);
      const x = new Float64Array(252);
      const y = new Float64Array(252);
      for (let i = 0; i < 252; i++) {
        const w = Math.sqrt(rng.chiSquare(4) / 4);
        const z = rng.normal();
        x[i] = z / w;
        y[i] = (0.7 * z + Math.sqrt(0.51) * rng.normal()) / w;
      }
      const u = pseudoObservations(x);
      const v = pseudoObservations(y);
      const ours = fitStudentTCopula(u, v);
      const naive = naiveTCopula(u, v);
      return {
        value: medianMs(() => fitStudentTCopula(u, v), 7),
        baseline: medianMs(() => naiveTCopula(u, v), 3),
        extra: { nu: ours.nu, nuDiff: Math.abs(ours.nu - naive.nu) },
      };
    },
  },
];
