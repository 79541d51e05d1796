// Monte Carlo VaR/ES under sticky-delta (100,000 paths, the 1,000-position synthetic book, every
// underlying with a negative-skew SVI smile, 1- and 10-day, 95/99%), single thread, against a
// straightforward path x position loop that moves each option's vol along its smile by hand.
// `extra` reports the grid's error against sticky-delta full revaluation and the VaR change from
// sticky-strike.
import { americanBs2002Price } from '../../shared/quant/american/bjerksund-stensland-2002';
import { MODEL_OPTION, type Portfolio } from '../../shared/quant/book/portfolio';
import { MS_PER_DAY, MS_PER_YEAR } from '../../shared/domain/time';
import { bsmPrice } from '../../shared/quant/pricing/bsm';
import { riskBookFromFile } from '../../shared/quant/risk/book-input';
import { buildFactorModel } from '../../shared/quant/risk/factor-model';
import { revalueRange } from '../../shared/quant/risk/mc-revalue';
import { simulateFactorsRange, type HorizonFactors } from '../../shared/quant/risk/mc-simulate';
import { monteCarloVar } from '../../shared/quant/risk/mc-var';
import {
  riskSmileSurface,
  withStickyDelta,
  type RiskSmile,
} from '../../shared/quant/risk/sticky-delta';
import { varEsFromPnl } from '../../shared/quant/risk/tail-measures';
import type { VolSurface } from '../../shared/quant/surface/surface';
import { AS_OF_MS, syntheticBook, syntheticCorrelation } from '../quant/risk/synthetic-book';
import { medianMs, type Benchmark } from './bench-types';

const PATHS = 100_000;
const HORIZONS = [1, 10];
const CONFIDENCES = [0.95, 0.99];
const EXPIRY_DAYS = [7, 14, 30, 60, 90, 180, 365];

/** Raw SVI per expiry: ATM total variance atmVol^2 T, half of it from the wings, rho -0.5. */
function smiles(file: ReturnType<typeof syntheticBook>): RiskSmile[] {
  return file.underlyings.map((u) => ({
    underlying: u.underlying,
    asOfMs: AS_OF_MS,
    spot: u.spot,
    slices: EXPIRY_DAYS.map((d) => {
      const tYears = (d * MS_PER_DAY) / MS_PER_YEAR;
      const w0 = u.atmVol * u.atmVol * tYears;
      const sigma = 0.2;
      const b = (0.5 * w0) / sigma;
      return {
        expiryMs: AS_OF_MS + d * MS_PER_DAY,
        tYears,
        forward: u.spot * Math.exp((u.rate - u.carryYield) * tYears),
        a: w0 - b * sigma,
        b,
        rho: -0.5,
        m: 0,
        sigma,
      };
    }),
  }));
}

/** Baseline: every path, every position, its vol moved along its smile, scalar pricers. */
function straightforwardPnl(
  p: Portfolio,
  surfaces: Map<string, VolSurface>,
  f: HorizonFactors,
  paths: number,
): Float64Array {
  const nU = p.underlyings.length;
  const smileVol = (i: number, spot: number): number => {
    const u = p.underlyingIndex[i] as number;
    const s = surfaces.get(p.underlyings[u] as string) as VolSurface;
    const t = p.tYears[i] as number;
    const k0 = Math.log((p.strike[i] as number) / s.forward(t));
    const k = k0 - Math.log(spot / (p.spot0[u] as number));
    return (p.volAnnual[i] as number) + s.iv(k, t) - s.iv(k0, t);
  };
  const value = (i: number, spot: number, m: number): number => {
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
      volAnnual: Math.max(0.01, smileVol(i, spot) * m),
    };
    return units * (p.american[i] === 1 ? americanBs2002Price(input) : bsmPrice(input));
  };
  const base = Float64Array.from({ length: p.n }, (_, i) =>
    value(i, p.spot0[p.underlyingIndex[i] as number] as number, 1),
  );
  const out = new Float64Array(paths);
  for (let s = 0; s < paths; s++) {
    let pnl = 0;
    for (let i = 0; i < p.n; i++) {
      const u = p.underlyingIndex[i] as number;
      const x = f.x[s * nU + u] as number;
      const spot = (p.spot0[u] as number) * Math.exp(x);
      pnl += value(i, spot, Math.exp(f.v[s * nU + u] as number)) - (base[i] as number);
    }
    out[s] = pnl;
  }
  return out;
}

const stickyBench: Benchmark = {
  name: 'var.mc_100k_1000pos_sticky_delta',
  unit: 's',
  higherIsBetter: false,
  run() {
    const file = syntheticBook({ positions: 1000, underlyings: 10 });
    const { book: strikeBook, portfolio } = riskBookFromFile(file);
    const list = smiles(file);
    const book = withStickyDelta(strikeBook, list, AS_OF_MS).book;
    const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
      volSource: 'implied',
      correlation: syntheticCorrelation(book.underlyings),
    });
    const opts = { paths: PATHS, horizonsDays: HORIZONS, confidences: CONFIDENCES };
    let result = monteCarloVar(book, model, opts);
    const ours = medianMs(() => {
      result = monteCarloVar(book, model, opts);
    }, 3);
    const strike = monteCarloVar(strikeBook, model, opts);
    const SUB = 50;
    const surfaces = new Map(list.map((s) => [s.underlying, riskSmileSurface(s)]));
    const sub = simulateFactorsRange(model, HORIZONS, 1, 0, SUB);
    const t0 = performance.now();
    for (const f of sub) varEsFromPnl(straightforwardPnl(portfolio, surfaces, f, SUB), CONFIDENCES);
    const baselineMs = ((performance.now() - t0) * PATHS) / SUB;
    // Accuracy: the grid against sticky-delta full revaluation of every path of a 2048-path run.
    const CHECK = 2048;
    const small = monteCarloVar(book, model, { ...opts, paths: CHECK, keepPnl: true });
    const fac = simulateFactorsRange(model, HORIZONS, 1, 0, CHECK);
    let maxAbs = 0;
    let maxRel = 0;
    let baselineGap = 0;
    small.horizons.forEach((h, hi) => {
      const f = fac[hi] as HorizonFactors;
      const full = new Float64Array(CHECK);
      revalueRange(
        { scheme: 'full', book, move: { volAddAbs: 0, rateShift: 0, dtYears: 0 } },
        f,
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
      // Full revaluation (aggregated rows) against the by-hand loop on the first 64 paths.
      const hand = straightforwardPnl(portfolio, surfaces, f, 64);
      for (let p = 0; p < 64; p++)
        baselineGap = Math.max(baselineGap, Math.abs((hand[p] as number) - (full[p] as number)));
    });
    const v = (r: typeof result, h: number, c: number) =>
      Math.round(r.horizons[h]?.results[c]?.var ?? 0);
    return {
      value: ours / 1000,
      baseline: baselineMs / 1000,
      extra: {
        baselineMethod: `path x position loop, each option's vol moved along its SVI smile by hand, scalar pricers (BSM; BS2002 for American rows), ${SUB} paths per horizon scaled to ${PATHS}`,
        threads: 1,
        positions: portfolio.n,
        optionRows: book.options.n,
        var99_1d_usd_sticky_delta: v(result, 0, 1),
        var99_1d_usd_sticky_strike: v(strike, 0, 1),
        var99_10d_usd_sticky_delta: v(result, 1, 1),
        var99_10d_usd_sticky_strike: v(strike, 1, 1),
        checkBoundRelative: Number(
          (result.approximationError?.varErrorBoundRelative ?? 0).toPrecision(3),
        ),
        varMaxAbsErrorVsFullUsd_2048paths: Number(maxAbs.toPrecision(3)),
        varMaxRelErrorVsFull_2048paths: Number(maxRel.toPrecision(3)),
        fullVsByHandMaxPathDiffUsd_64paths: Number(baselineGap.toPrecision(3)),
      },
    };
  },
};

export const benchmarks: Benchmark[] = [stickyBench];
