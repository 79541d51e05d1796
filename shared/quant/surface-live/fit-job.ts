/**
 * The surface job the compute workers run on a cadence: fit one underlying's chain with each
 * requested model (SVI in arbitrage-free mode, SVI unconstrained, SABR) and turn every fit into
 * what the app needs: the screen's view (slices, residuals, arbitrage, metrics), the 3D grid, the
 * Dupire local-vol grid and the constant-maturity metrics stored as history. One model failing
 * does not lose the others.
 */
import type { SurfaceLocalVolView } from '../../domain/vol-models';
import type {
  SurfaceFitView,
  SurfaceGrid,
  SurfaceModel,
  SurfaceSliceView,
} from '../../domain/vol-surface';
import type { OptionChain } from '../surface/chain';
import { cleanSlice, type CleanOptions, type CleanSlice } from '../surface/chain-clean';
import { fitChain, type ChainFit } from '../surface/fit-chain';
import { atmTermStructure } from '../surface/metrics';
import { buildSurface } from '../surface/surface';
import { localVolView } from './local-vol-grid';
import { sliceView, quotedRange } from './slice-view';
import { surfaceGrid } from './surface-grid';
import { DEFAULT_TENORS_DAYS, tenorMetrics } from './tenor-metrics';

export interface SurfaceFitJob {
  chain: OptionChain;
  /** Where the chain came from (`demo`, `deribit`, `ib`), carried into the view. */
  source: string;
  models: readonly SurfaceModel[];
  tenorsDays?: readonly number[];
  /** Fit target and weights (defaults: venue mark, else mid; inverse-spread weights). */
  clean?: Pick<CleanOptions, 'target' | 'weighting'>;
}

export interface SurfaceFitOutcome {
  model: SurfaceModel;
  view?: SurfaceFitView;
  grid?: SurfaceGrid;
  /** Dupire local vol of the fitted surface (heatmap and per-expiry slices). */
  localVol?: SurfaceLocalVolView;
  error?: string;
}

export class NoUsableExpiryError extends Error {
  override name = 'NoUsableExpiryError';
}

function pooled(slices: readonly SurfaceSliceView[]): { rmse: number; n: number } {
  let sq = 0;
  let n = 0;
  for (const s of slices) {
    sq += s.rmseVolPts * s.rmseVolPts * s.quotes;
    n += s.quotes;
  }
  return { rmse: n > 0 ? Math.sqrt(sq / n) : 0, n };
}

function buildView(
  job: SurfaceFitJob,
  model: SurfaceModel,
  fit: ChainFit,
  fitMs: number,
): { view: SurfaceFitView; grid: SurfaceGrid; localVol: SurfaceLocalVolView } {
  const { chain } = job;
  if (fit.expiries.length === 0) {
    const why = fit.unusable.map((u) => `${u.expiry}: ${u.reason}`).join('; ');
    throw new NoUsableExpiryError(
      `${chain.underlying}: no usable expiry in the chain${why ? ` (${why})` : ''}`,
    );
  }
  const raw = new Map(chain.expiries.map((e) => [e.expiry, e]));
  const cleaned: CleanSlice[] = fit.expiries.map((e) => {
    const source = raw.get(e.expiry);
    if (!source) throw new Error(`fitted expiry ${e.expiry} is not in the chain`);
    return cleanSlice(source, job.clean ?? {});
  });
  const slices = fit.expiries.map((e, i) => sliceView(e, cleaned[i] as CleanSlice));
  const spot = chain.spot ?? (fit.expiries[0]?.forward as number);
  const surface = buildSurface(
    fit.expiries.map((e) => e.slice),
    spot > 0 ? { spot } : {},
  );
  const all = pooled(slices);
  const liquid = pooled(slices.filter((s) => s.liquid));
  let inside = 0;
  let twoSided = 0;
  for (const s of slices) {
    inside += s.insideBidAsk * s.twoSided;
    twoSided += s.twoSided;
  }
  const view: SurfaceFitView = {
    underlying: chain.underlying,
    model,
    source: job.source,
    asOfMs: chain.asOfMs,
    spot,
    fitMs,
    arbitrageFree: fit.arbitrageFree,
    slices,
    unusable: fit.unusable.map((u) => ({ ...u })),
    arbitrage: {
      butterflyMinG: fit.butterflyMinG,
      butterflySlices: slices.filter((s) => s.minG < 0).length,
      calendar: fit.calendar.map((c) => ({ ...c })),
      gridKMin: fit.grid[0] as number,
      gridKMax: fit.grid[fit.grid.length - 1] as number,
    },
    summary: {
      rmseVolPts: all.rmse,
      insideBidAsk: twoSided > 0 ? inside / twoSided : 1,
      quotes: all.n,
    },
    atmTerm: atmTermStructure(surface.slices),
    tenors: tenorMetrics(surface, job.tenorsDays ?? DEFAULT_TENORS_DAYS),
  };
  if (liquid.n > 0) view.summary.rmseLiquidVolPts = liquid.rmse;
  const ranges = fit.expiries.map((e, i) => {
    const [kMin, kMax] = quotedRange(cleaned[i] as CleanSlice);
    return { tYears: e.tYears, kMin, kMax };
  });
  const market: SurfaceGrid['market'] = { moneyness: [], days: [], iv: [] };
  for (const s of slices) {
    for (const p of s.market) {
      market.moneyness.push(Math.exp(p.k));
      market.days.push(s.tYears * 365);
      market.iv.push(p.targetIv);
    }
  }
  const meta = { underlying: chain.underlying, model, asOfMs: chain.asOfMs };
  const grid = surfaceGrid(surface, ranges, meta, market);
  const kRange: [number, number] = [
    Math.min(...ranges.map((r) => r.kMin)),
    Math.max(...ranges.map((r) => r.kMax)),
  ];
  const localVol = localVolView(
    surface,
    meta,
    kRange,
    slices.map((s) => ({ expiry: s.expiry, tYears: s.tYears, forward: s.forward, k: s.curve.k })),
  );
  return { view, grid, localVol };
}

/**
 * Runs the job. `clockMs` times each fit (the worker passes performance.now); `cancelled` is
 * polled between models.
 */
export function runSurfaceFitJob(
  job: SurfaceFitJob,
  clockMs: () => number = () => 0,
  cancelled: () => boolean = () => false,
): SurfaceFitOutcome[] {
  const out: SurfaceFitOutcome[] = [];
  for (const model of job.models) {
    if (cancelled()) break;
    try {
      const t0 = clockMs();
      // svi-free is the same SVI fit without the arbitrage constraints.
      const fit = fitChain(job.chain, {
        ...job.clean,
        model: model === 'sabr' ? 'sabr' : 'svi',
        arbitrageFree: model === 'svi',
      });
      const fitMs = clockMs() - t0;
      out.push({ model, ...buildView(job, model, fit, fitMs) });
    } catch (err) {
      out.push({ model, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
