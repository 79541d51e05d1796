/**
 * Implied-vol surfaces as the app sees them: one fitted surface per (underlying, model), the
 * market points it was fitted to, its arbitrage report and smile metrics, the 3D grid of the
 * surface screen and the stored history of the metrics. Vols are decimals (0.55 = 55%), "vol
 * points" are 0.01 of vol, k = ln(K / F) is forward log-moneyness, T in ACT/365 years.
 * Every number is finite: a metric that cannot be computed is absent, never NaN.
 */
import type { OptionRight, UnderlyingId } from './instrument';

/**
 * svi: raw SVI fitted free of static arbitrage (the pricing surface); svi-free: the same fit
 * without the arbitrage constraints (to see what they cost); sabr: Hagan SABR, beta 1.
 */
export type SurfaceModel = 'svi' | 'svi-free' | 'sabr';

/**
 * How the book reads the surface when spot has moved since the fit (and how a spot shock should
 * move vols): sticky-strike keeps each strike's vol; sticky-delta keeps the vol at a given
 * moneyness K/F, so the smile travels with the forward.
 */
export type VolStickiness = 'sticky-strike' | 'sticky-delta';

export interface SurfaceMarketPoint {
  strike: number;
  k: number;
  type: OptionRight;
  bidIv?: number | undefined;
  askIv?: number | undefined;
  markIv?: number | undefined;
  midIv?: number | undefined;
  /** The vol the fit aimed at (the venue mark where given, else the bid/ask mid). */
  targetIv: number;
  fitIv: number;
  /** fitIv - targetIv, vol points. */
  residualVolPts: number;
  /** Whether the fitted vol lies within [bidIv, askIv]; absent for one-sided quotes. */
  inside?: boolean | undefined;
  /** Normalised fit weight (the slice's weights sum to 1). */
  weight: number;
}

export interface SurfaceSliceMetrics {
  atmVol: number;
  /** d vol / dk at k = 0. */
  skewSlope: number;
  /** 25-delta risk reversal (call vol - put vol) and butterfly ((call + put) / 2 - ATM). */
  rr25: number;
  bf25: number;
  vol25Call: number;
  vol25Put: number;
}

export interface SurfaceSliceView {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
  /** Raw parameters: SVI a, b, rho, m, sigma; SABR alpha, beta, rho, nu. */
  params: Record<string, number>;
  /** SVI jump-wings form (vt, psit, pt, ct, vtMin) where defined. */
  jw?: Record<string, number> | undefined;
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  /** Share 0..1 of two-sided quotes whose fitted vol lies inside bid/ask. */
  insideBidAsk: number;
  quotes: number;
  twoSided: number;
  /** Median bid/ask width in vol points; absent when no quote is two-sided. */
  medianSpreadVolPts?: number | undefined;
  liquid: boolean;
  /** Minimum of Durrleman's g on the arbitrage grid and where it is reached. */
  minG: number;
  kAtMinG: number;
  /** k ranges where g < 0 (butterfly arbitrage). */
  negativeG: [number, number][];
  /** SVI arbitrage-free mode: whether the repair met every condition. */
  arbitrageFeasible?: boolean | undefined;
  metrics?: SurfaceSliceMetrics | undefined;
  /** Skipped quotes counted by reason. */
  skipped: Record<string, number>;
  /** The fitted smile over the quoted strikes and a little beyond. */
  curve: { k: number[]; strike: number[]; iv: number[] };
  market: SurfaceMarketPoint[];
}

export interface SurfaceCalendarViolation {
  from: string;
  to: string;
  kMin: number;
  kMax: number;
  /** Largest w(shorter) - w(longer) on the grid. */
  worstExcess: number;
}

/** Constant-maturity smile metrics read off the interpolated surface. */
export interface SurfaceTenorMetrics {
  tenorDays: number;
  atmVol: number;
  rr25: number;
  bf25: number;
  skewSlope: number;
}

export interface SurfaceFitView {
  underlying: UnderlyingId;
  model: SurfaceModel;
  /** Where the chain came from (`demo`, `deribit`, `ib`). */
  source: string;
  asOfMs: number;
  spot: number;
  /** Milliseconds the fit took in the worker. */
  fitMs: number;
  arbitrageFree: boolean;
  slices: SurfaceSliceView[];
  unusable: { expiry: string; reason: string }[];
  arbitrage: {
    butterflyMinG: number;
    /** Slices with g < 0 somewhere on the grid. */
    butterflySlices: number;
    calendar: SurfaceCalendarViolation[];
    gridKMin: number;
    gridKMax: number;
  };
  summary: {
    /** Pooled over every quote used. */
    rmseVolPts: number;
    /** Pooled over liquid slices; absent when none is liquid. */
    rmseLiquidVolPts?: number | undefined;
    insideBidAsk: number;
    quotes: number;
  };
  atmTerm: { expiry: string; tYears: number; atmVol: number }[];
  tenors: SurfaceTenorMetrics[];
}

/** The 3D view: rows are expiries (days), columns moneyness K/F; each row spans its quoted range. */
export interface SurfaceGrid {
  underlying: UnderlyingId;
  model: SurfaceModel;
  asOfMs: number;
  days: number[];
  moneyness: number[][];
  iv: number[][];
  market: { moneyness: number[]; days: number[]; iv: number[] };
}

/** What `surface.updated` carries and the status list shows. */
export interface SurfaceFitSummary {
  underlying: UnderlyingId;
  model: SurfaceModel;
  source: string;
  asOfMs: number;
  spot: number;
  fitMs: number;
  rmseVolPts: number;
  insideBidAsk: number;
  butterflyMinG: number;
  calendarViolations: number;
  expiries: number;
  unusable: number;
}

/** One stored fit in the metric history. */
export interface SurfaceHistoryPoint {
  tsMs: number;
  spot: number;
  rmseVolPts: number;
  insideBidAsk: number;
  butterflyMinG: number;
  calendarViolations: number;
  tenors: SurfaceTenorMetrics[];
}
