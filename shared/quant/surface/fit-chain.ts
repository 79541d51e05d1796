import {
  arbitrageGrid,
  butterflyReport,
  calendarViolations,
  type ButterflyReport,
  type CalendarViolation,
} from './arbitrage';
import type { OptionChain } from './chain';
import { cleanSlice, SliceUnusableError, type CleanOptions, type CleanSlice } from './chain-clean';
import { fitQuality, sliceLiquidity, type FitQuality, type SliceLiquidity } from './fit-quality';
import { calibrateSabr } from './sabr-calibrate';
import { sabrSmile, type SabrParams } from './sabr';
import { totalVarianceTargets } from './slice-targets';
import { sliceIv, sviSmile, type SmileSlice } from './smile-slice';
import { repairSviSlice } from './svi-arbitrage-free';
import { calibrateSviQuasiExplicit } from './svi-calibrate';
import type { SviRawParams } from './svi-raw';

/**
 * Fits every expiry of a chain with SVI or SABR, in increasing expiry order, and checks the result
 * for butterfly and calendar arbitrage. In arbitrage-free mode (SVI only) each slice is repaired
 * against its own butterfly condition and against the previous fitted slice (calendar).
 */
export type SmileModelName = 'svi' | 'sabr';

export interface ChainFitOptions extends CleanOptions {
  model?: SmileModelName;
  arbitrageFree?: boolean;
  /** SABR's fixed beta (default 1). */
  sabrBeta?: number;
}

export type SliceParams =
  { model: 'svi'; params: SviRawParams } | { model: 'sabr'; params: SabrParams };

export interface ExpiryFit {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
  fit: SliceParams;
  quality: FitQuality;
  liquidity: SliceLiquidity;
  /** Skipped quotes counted by reason. */
  skipped: Record<string, number>;
  butterfly: ButterflyReport;
  /** Arbitrage-free mode: whether the repair met every condition. */
  arbitrageFeasible?: boolean;
  slice: SmileSlice;
}

export interface ChainFit {
  model: SmileModelName;
  arbitrageFree: boolean;
  expiries: ExpiryFit[];
  /** Expiries that could not be fitted, with the reason. */
  unusable: { expiry: string; reason: string }[];
  /** Minimum of Durrleman's g over all fitted slices and the grid (Infinity if none fitted). */
  butterflyMinG: number;
  calendar: CalendarViolation[];
  grid: Float64Array;
}

function countReasons(slice: CleanSlice): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of slice.skipped) out[s.reason] = (out[s.reason] ?? 0) + 1;
  return out;
}

export function fitChain(chain: OptionChain, options: ChainFitOptions = {}): ChainFit {
  const model = options.model ?? 'svi';
  const arbitrageFree = options.arbitrageFree ?? false;
  if (arbitrageFree && model !== 'svi')
    throw new RangeError('arbitrage-free fitting is available for the SVI model only');
  const unusable: { expiry: string; reason: string }[] = [];
  const cleaned: CleanSlice[] = [];
  for (const e of [...chain.expiries].sort((x, y) => x.tYears - y.tYears)) {
    try {
      cleaned.push(cleanSlice(e, options));
    } catch (err) {
      if (!(err instanceof SliceUnusableError)) throw err;
      unusable.push({ expiry: e.expiry, reason: err.reason });
    }
  }
  let maxK = 0;
  for (const s of cleaned) for (const q of s.quotes) maxK = Math.max(maxK, Math.abs(q.k));
  const grid = arbitrageGrid(maxK);

  const expiries: ExpiryFit[] = [];
  let prevW: Float64Array | undefined;
  for (const s of cleaned) {
    const meta = { expiry: s.expiry, expiryMs: s.expiryMs, tYears: s.tYears, forward: s.forward };
    let fit: SliceParams;
    let slice: SmileSlice;
    let arbitrageFeasible: boolean | undefined;
    if (model === 'svi') {
      const targets = totalVarianceTargets(s);
      let params = calibrateSviQuasiExplicit(targets.k, targets.w, targets.weight, {
        slopeMax: arbitrageFree ? 2 : 4,
      }).params;
      if (arbitrageFree) {
        const repaired = repairSviSlice(
          params,
          targets,
          prevW === undefined ? { grid } : { grid, lowerW: prevW },
        );
        params = repaired.params;
        arbitrageFeasible = repaired.feasible;
      }
      fit = { model: 'svi', params };
      slice = sviSmile(meta, params);
    } else {
      const params = calibrateSabr(s, options.sabrBeta ?? 1).params;
      fit = { model: 'sabr', params };
      slice = sabrSmile(meta, params);
    }
    const w = new Float64Array(grid.length);
    for (let j = 0; j < grid.length; j++) w[j] = slice.totalVariance(grid[j] as number);
    prevW = w;
    const ef: ExpiryFit = {
      ...meta,
      fit,
      quality: fitQuality(s, (k) => sliceIv(slice, k)),
      liquidity: sliceLiquidity(s),
      skipped: countReasons(s),
      butterfly: butterflyReport(slice, grid),
      slice,
    };
    if (arbitrageFeasible !== undefined) ef.arbitrageFeasible = arbitrageFeasible;
    expiries.push(ef);
  }
  const slices = expiries.map((e) => e.slice);
  return {
    model,
    arbitrageFree,
    expiries,
    unusable,
    butterflyMinG: expiries.reduce((m, e) => Math.min(m, e.butterfly.minG), Infinity),
    calendar: calendarViolations(slices, grid),
    grid,
  };
}
