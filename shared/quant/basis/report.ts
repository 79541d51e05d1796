/**
 * The result of `analyzeBasis`: plain data (numbers, strings, Float64Arrays), so it crosses worker
 * and IPC boundaries unchanged. Every scalar is finite; a metric that could not be computed is null
 * and its reason is in `warnings`. Only the `series` arrays use NaN, for "no value on this day".
 */
import type { CriticalValues } from '../stats/mackinnon';
import type { GarchSummary } from './dynamic-beta';
import type { HedgeRatio, ImpliedLeverage } from './leverage';
import type { RiskScore } from './risk-score';
import type { BasisWarning } from './types';

export interface BasisLatest {
  dateMs: number;
  mstrCloseUsd: number;
  btcPriceUsd: number;
  btcHoldings: number;
  marketCapUsd: number;
  sharesOutstanding: number;
  btcNavUsd: number;
  btcNavPerShareUsd: number;
}

/** OU fit of ln(mNAV) over the lookback window (dt = 1/252 year per trading day). */
export interface OuSummary {
  series: 'logMNav';
  /** kappa, per year. */
  speed: number;
  speedStdError: number;
  /** Long-run mean of ln(mNAV). */
  mean: number;
  /** exp(mean): the long-run mNAV. */
  meanMNav: number;
  /** OU diffusion of ln(mNAV), per sqrt(year). */
  volatility: number;
  /** Half-life in trading days. */
  halfLifeDays: number;
  /** Standard deviation of the stationary distribution of ln(mNAV). */
  stationaryStd: number;
  /** (ln mNAV now - mean) / stationaryStd. */
  zScore: number;
  current: number;
  nObs: number;
}

export interface AdfSummary {
  series: 'logMNav';
  trend: 'c';
  statistic: number;
  pValue: number;
  lags: number;
  nObs: number;
  criticalValues: CriticalValues;
}

export interface EngleGrangerSummary {
  y: 'logMstrClose';
  x: 'logBtcPrice';
  statistic: number;
  pValue: number;
  lags: number;
  nObs: number;
  criticalValues: CriticalValues;
  /** Slope of ln MSTR on ln BTC in the cointegrating regression. */
  cointegratingBeta: number;
}

export interface BetaSummary {
  /** The beta used for the hedge ratio and the instability score (the EWMA one). */
  current: number;
  source: 'ewma';
  ewma: number;
  dcc: number | null;
  /** OLS slope over the lookback window (= impliedLeverage.value). */
  ols: number | null;
  /** Standard deviation of the daily EWMA beta over the last 20 days. */
  instability20d: number | null;
}

export interface CorrelationSummary {
  current: number;
  source: 'ewma';
  ewma: number;
  dcc: number | null;
  /** Pearson correlation of returns over the lookback window. */
  sample: number | null;
}

export interface TailDependenceSummary {
  /** lambda_L = lambda_U of the fitted t copula. */
  coefficient: number;
  rho: number;
  nu: number;
  kendallTau: number;
  nuAtUpperBound: boolean;
  nObs: number;
  /** What the ranks were taken of. */
  margins: 'garchStandardizedResiduals' | 'logReturns';
}

export interface GarchDccSummary {
  mstr: GarchSummary;
  btc: GarchSummary;
  dcc: { a: number; b: number; converged: boolean };
  nObs: number;
}

export interface BasisSeries {
  dateMs: Float64Array;
  mNav: Float64Array;
  premium: Float64Array;
  /** NaN where no debt figure is known. */
  enterpriseMNav: Float64Array;
  /** Estimate after each day's return (NaN on the first day). */
  ewmaBeta: Float64Array;
  ewmaCorrelation: Float64Array;
  /** NaN when GARCH/DCC is unavailable. */
  dccBeta: Float64Array;
  dccCorrelation: Float64Array;
}

export interface BasisReport {
  asOfMs: number;
  /** Aligned trading days up to asOf. */
  n: number;
  lookbackDays: number;
  /** Returns actually in the lookback window (less than lookbackDays on a short history). */
  windowReturns: number;
  latest: BasisLatest;
  mNav: number;
  enterpriseMNav: number | null;
  premium: number;
  btcPerShare: number;
  btcNavPerShareUsd: number;
  ou: OuSummary | null;
  adf: AdfSummary | null;
  engleGranger: EngleGrangerSummary | null;
  beta: BetaSummary;
  correlation: CorrelationSummary;
  garchDcc: GarchDccSummary | null;
  tailDependence: TailDependenceSummary | null;
  impliedLeverage: ImpliedLeverage | null;
  hedgeRatio: HedgeRatio | null;
  riskScore: number;
  riskScoreComponents: RiskScore['components'];
  warnings: BasisWarning[];
  series: BasisSeries;
}
