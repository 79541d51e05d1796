// Risk engine speed: Monte Carlo VaR/ES (100,000 paths, 1,000 positions over 10 underlyings,
// mostly options, 1- and 10-day, 95/99%) and historical VaR (500 days, same book), single
// thread, each against a straightforward full-revaluation loop in the same run. `extra` reports
// the accuracy of the fast scheme against full revaluation.
import { americanBs2002Price } from '../../shared/quant/american/bjerksund-stensland-2002';
import type { Portfolio } from '../../shared/quant/book/portfolio';
import { MODEL_OPTION } from '../../shared/quant/book/portfolio';
import { bsmPrice } from '../../shared/quant/pricing/bsm';
import { riskBookFromFile } from '../../shared/quant/risk/book-input';
import { buildFactorModel } from '../../shared/quant/risk/factor-model';
import { historicalScenarioSet } from '../../shared/quant/risk/historical-scenarios';
import { historicalVar } from '../../shared/quant/risk/historical-var';
import { revalueRange } from '../../shared/quant/risk/mc-revalue';
import { simulateFactorsRange, type HorizonFactors } from '../../shared/quant/risk/mc-simulate';
import { monteCarloVar } from '../../shared/quant/risk/mc-var';
import { varEsFromPnl } from '../../shared/quant/risk/tail-measures';
import {
  syntheticBook,
  syntheticCorrelation,
  syntheticHistory,
} from '../quant/risk/synthetic-book';
import { medianMs, type Benchmark } from './bench-types';

const PATHS = 100_000;
const HORIZONS = [1, 10];
const CONFIDENCES = [0.95, 0.99];

function setup() {
  const file = syntheticBook({ positions: 1000, underlyings: 10 });
  const input = riskBookFromFile(file);
  const model = buildFactorModel(input.book.underlyings, file.underlyings, undefined, {
    volSource: 'implied',
    correlation: syntheticCorrelation(input.book.underlyings),
  });
  return { file, book: input.book, portfolio: input.portfolio, model };
}

/** Value of position i with its underlying at spot S and vol multiplier m (scalar pricers). */
function positionValue(p: Portfolio, i: number, spot: number, m: number): number {
  const units = p.units[i] as number;
  if (p.model[i] !== MODEL_OPTION) {
    const u = p.underlyingIndex[i] as number;
    return units * (p.linearPrice0[i] as number) * (spot / (p.spot0[u] as number));
  }
  const input = {
    type: (p.right[i] as number) > 0 ? ('call' as const) : ('put' as const),
    spot,
    strike: p.strike[i] as number,
    tYears: p.tYears[i] as number,
    rate: p.rate[i] as number,
    carryYield: p.carryYield[i] as number,
    volAnnual: Math.max(0.01, (p.volAnnual[i] as number) * m),
  };
  return units * (p.american[i] === 1 ? americanBs2002Price(input) : bsmPrice(input));
}

/** Baseline: for each path, for each position, reprice (no grouping, no grids). */
function straightforwardPnl(p: Portfolio, f: HorizonFactors, paths: number): Float64Array {
  const nU = p.underlyings.length;
  const base = Float64Array.from({ length: p.n }, (_, i) =>
    positionValue(p, i, p.spot0[p.underlyingIndex[i] as number] as number, 1),
  );
  const out = new Float64Array(paths);
  for (let s = 0; s < paths; s++) {
    let pnl = 0;
    for (let i = 0; i < p.n; i++) {
      const u = p.underlyingIndex[i] as number;
      const x = f.x[s * nU + u] as number;
      const v = f.v[s * nU + u] as number;
      pnl +=
        positionValue(p, i, (p.spot0[u] as number) * Math.exp(x), Math.exp(v)) -
        (base[i] as number);
    }
    out[s] = pnl;
  }
  return out;
}

const mcBench: Benchmark = {
  name: 'var.mc_100k_1000pos',
  unit: 's',
  higherIsBetter: false,
  run() {
    const { book, portfolio, model } = setup();
    let result = monteCarloVar(book, model, {
      paths: PATHS,
      horizonsDays: HORIZONS,
      confidences: CONFIDENCES,
    });
    const ours = medianMs(() => {
      result = monteCarloVar(book, model, {
        paths: PATHS,
        horizonsDays: HORIZONS,
        confidences: CONFIDENCES,
        clock: () => performance.now(),
      });
    }, 3);
    // Baseline on the first SUB paths of each horizon, scaled linearly to PATHS.
    const SUB = 100;
    const sub = simulateFactorsRange(model, HORIZONS, 1, 0, SUB);
    const t0 = performance.now();
    for (const f of sub) varEsFromPnl(straightforwardPnl(portfolio, f, SUB), CONFIDENCES);
    const baselineMs = ((performance.now() - t0) * PATHS) / SUB;
    // Accuracy: the same grid against full revaluation of every path of a 2048-path run.
    const CHECK = 2048;
    const small = monteCarloVar(book, model, {
      paths: CHECK,
      horizonsDays: HORIZONS,
      confidences: CONFIDENCES,
      keepPnl: true,
    });
    const fac = simulateFactorsRange(model, HORIZONS, 1, 0, CHECK);
    let maxAbs = 0;
    let maxRel = 0;
    small.horizons.forEach((h, hi) => {
      const full = new Float64Array(CHECK);
      revalueRange(
        { scheme: 'full', book, move: { volAddAbs: 0, rateShift: 0, dtYears: 0 } },
        fac[hi] as HorizonFactors,
        book.underlyings.length,
        full,
        undefined,
      );
      const exact = varEsFromPnl(full, CONFIDENCES);
      h.results.forEach((r, i) => {
        const d = Math.abs(r.var - (exact[i]?.var as number));
        maxAbs = Math.max(maxAbs, d);
        maxRel = Math.max(maxRel, d / (exact[i]?.var as number));
      });
    });
    let american = 0;
    for (let r = 0; r < book.options.n; r++) american += book.options.american[r] as number;
    const v99 = result.horizons[1]?.results[1];
    return {
      value: ours / 1000,
      baseline: baselineMs / 1000,
      extra: {
        baselineMethod: `path x position loop with the library's scalar pricers (BSM; BS2002 for American rows) on ${SUB} paths per horizon, scaled linearly to ${PATHS}`,
        threads: 1,
        positions: portfolio.n,
        optionRows: book.options.n,
        americanRows: american,
        scheme: 'grid-bicubic (per-underlying spot x vol grids)',
        var99_10d_usd: Math.round(v99?.var ?? 0),
        checkBoundRelative: Number(
          (result.approximationError?.varErrorBoundRelative ?? 0).toPrecision(3),
        ),
        varMaxAbsErrorVsFullUsd_2048paths: Number(maxAbs.toPrecision(3)),
        varMaxRelErrorVsFull_2048paths: Number(maxRel.toPrecision(3)),
        ...Object.fromEntries(
          Object.entries(result.timingsMs).map(([k, v]) => [`ms_${k}`, Math.round(v)]),
        ),
      },
    };
  },
};

const hsBench: Benchmark = {
  name: 'var.historical_500d',
  unit: 's',
  higherIsBetter: false,
  run() {
    const { file, book, portfolio } = setup();
    const history = syntheticHistory(file, 600);
    const opts = { windowDays: 500, horizonsDays: [1], confidences: CONFIDENCES };
    let grid = historicalVar(book, history, { ...opts, revaluation: 'grid' });
    const ours = medianMs(() => {
      grid = historicalVar(book, history, { ...opts, revaluation: 'grid' });
    }, 5);
    let full = historicalVar(book, history, { ...opts, revaluation: 'full' });
    const fullMs = medianMs(() => {
      full = historicalVar(book, history, { ...opts, revaluation: 'full' });
    }, 3);
    // Baseline: for each of the 500 days, reprice every position with the scalar pricers.
    const set = historicalScenarioSet(history, book.underlyings, { windowDays: 500 });
    let baselineVar = 0;
    const baseline = medianMs(() => {
      const f: HorizonFactors = {
        horizonDays: 1,
        x: set.daily,
        v: new Float64Array(set.daily.length),
      };
      baselineVar = varEsFromPnl(straightforwardPnl(portfolio, f, 500), CONFIDENCES)[1]
        ?.var as number;
    }, 1);
    const g99 = grid.horizons[0]?.results[1]?.var as number;
    const f99 = full.horizons[0]?.results[1]?.var as number;
    return {
      value: ours / 1000,
      baseline: baseline / 1000,
      extra: {
        baselineMethod:
          'day x position loop with the scalar pricers (BSM; BS2002 for American rows), 500 days',
        threads: 1,
        oursMethod:
          'per-underlying 1-D P&L grids (129 spot nodes) + check against full revaluation',
        fullRevaluationAggregatedS: Number((fullMs / 1000).toPrecision(4)),
        var99_1d_usd: Math.round(g99),
        gridVsFullVarAbsErrorUsd: Number(Math.abs(g99 - f99).toPrecision(3)),
        fullVsBaselineVarAbsDiffUsd: Number(Math.abs(f99 - baselineVar).toPrecision(3)),
        checkBoundRelative: Number(
          (grid.horizons[0]?.approximationError?.varErrorBoundRelative ?? 0).toPrecision(3),
        ),
      },
    };
  },
};

export const benchmarks: Benchmark[] = [mcBench, hsBench];
