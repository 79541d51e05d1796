/**
 * Model risk beside the fitted smile surface: Heston and Merton jump-diffusion calibrated to the
 * arbitrage-free SVI surface, their smiles over SVI's per expiry, their misfit against the market,
 * and the book's options valued under each model; plus Dupire local vol read off a fitted
 * surface. Units as in `vol-surface.ts` (vols decimal, vol points 0.01, k = ln(K/F), T in years).
 * A number that cannot be computed is null or absent, never NaN.
 */
import type { OptionRight, UnderlyingId } from './instrument';
import type { SurfaceModel } from './vol-surface';

export type ComparisonModel = 'heston' | 'merton';

export interface HestonModelView {
  v0: number;
  kappa: number;
  theta: number;
  xi: number;
  rho: number;
  /** 2 kappa theta / xi^2; >= 1: the variance never reaches zero. */
  fellerRatio: number;
  fellerSatisfied: boolean;
  /** Misfit against the SVI surface at the calibration points, vol points. */
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  points: number;
  evals: number;
  calibMs: number;
}

export interface MertonModelView {
  volAnnual: number;
  /** Jumps per year. */
  lambda: number;
  muJump: number;
  sigmaJump: number;
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  points: number;
  evals: number;
  calibMs: number;
}

/** One expiry: the three smiles on SVI's curve grid and each model's miss against the market. */
export interface ModelSmileView {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
  /** Whether this expiry was among the calibration slices (short ones are left out). */
  calibrated: boolean;
  k: number[];
  strike: number[];
  sviIv: number[];
  /** null where the model price has no Black implied vol. */
  hestonIv: (number | null)[];
  mertonIv: (number | null)[];
  /**
   * RMSE against the market's target vols over the quotes within the calibration's domain
   * (|k| <= 2 ATM standard deviations), vol points; a model that failed has none.
   */
  rmseVolPts: ModelRmse;
  /** The same over every quote of the expiry (deep wings included). */
  rmseAllVolPts: ModelRmse;
  quotes: number;
  /** Quotes within |k| <= 2 ATM standard deviations. */
  quotesCore: number;
}

export interface ModelRmse {
  svi?: number | undefined;
  heston?: number | undefined;
  merton?: number | undefined;
}

/** One model's value of a position: vol, value and vega in USD. */
export interface ModelValue {
  /** Black implied vol of the model price (the surface's vol for SVI). */
  iv?: number | undefined;
  valueUsd: number;
  /** Change of value for a 1 vol-point rise of the model's vol level, USD. */
  vegaUsdPerVolPt: number;
}

export interface ModelRiskRow {
  positionId: string;
  symbol: string;
  right: OptionRight;
  strike: number;
  expiryMs: number;
  quantity: number;
  tYears: number;
  forward: number;
  svi: ModelValue;
  heston?: ModelValue | undefined;
  merton?: ModelValue | undefined;
}

export interface ModelRiskTotals {
  valueUsd: number;
  vegaUsdPerVolPt: number;
}

export interface SurfaceModelsView {
  underlying: UnderlyingId;
  /** The SVI fit the models were calibrated to. */
  fitAsOfMs: number;
  source: string;
  spot: number;
  /** Expiries shorter than this were left out of the calibration. */
  minTYears: number;
  heston?: HestonModelView | undefined;
  hestonError?: string | undefined;
  merton?: MertonModelView | undefined;
  mertonError?: string | undefined;
  slices: ModelSmileView[];
  book: ModelRiskRow[];
  totals: {
    svi: ModelRiskTotals;
    heston?: ModelRiskTotals | undefined;
    merton?: ModelRiskTotals | undefined;
  };
  /** Wall time of the whole job in the worker (calibrations, smiles, book). */
  computeMs: number;
}

/** Dupire local vol of one fitted surface: a k x T grid and one row per fitted expiry. */
export interface SurfaceLocalVolView {
  underlying: UnderlyingId;
  model: SurfaceModel;
  asOfMs: number;
  /** Columns: forward log-moneyness. */
  k: number[];
  /** Rows: days to expiry. */
  days: number[];
  /** [row][column]; null where local vol is undefined (g <= 0 or dw/dT < 0: arbitrage). */
  localVol: (number | null)[][];
  undefinedCells: number;
  slices: {
    expiry: string;
    tYears: number;
    k: number[];
    strike: number[];
    impliedVol: number[];
    localVol: (number | null)[];
    /** At the money (k = 0). */
    atmImpliedVol: number;
    atmLocalVol: number | null;
  }[];
}
