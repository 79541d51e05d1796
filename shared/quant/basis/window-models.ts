/**
 * The lookback-window models of the basis report, each turning a stats-library result into its
 * report summary: OU and ADF on ln(mNAV), Engle-Granger on log prices, t-copula tail dependence.
 */
import { adfTest } from '../stats/adf';
import { engleGrangerTest } from '../stats/engle-granger';
import { fitOrnsteinUhlenbeck } from '../stats/ornstein-uhlenbeck';
import { pseudoObservations } from '../stats/rank-correlation';
import { fitStudentTCopula } from '../stats/t-copula';
import type { AdfSummary, EngleGrangerSummary, OuSummary, TailDependenceSummary } from './report';

export const TRADING_DAYS_PER_YEAR = 252;

/** OU fit of ln(mNAV); throws with the reason when the window shows no mean reversion. */
export function ouSummary(logMNav: Float64Array): OuSummary {
  const fit = fitOrnsteinUhlenbeck(logMNav, 1 / TRADING_DAYS_PER_YEAR);
  if (!fit.meanReverting) throw new RangeError(fit.reason);
  return {
    series: 'logMNav',
    speed: fit.kappa,
    speedStdError: fit.kappaStdError,
    mean: fit.mean,
    meanMNav: Math.exp(fit.mean),
    volatility: fit.sigma,
    halfLifeDays: fit.halfLifeSteps,
    stationaryStd: fit.stationaryStd,
    zScore: fit.zScore,
    current: logMNav[logMNav.length - 1] as number,
    nObs: fit.nObs,
  };
}

export function adfSummary(logMNav: Float64Array): AdfSummary {
  const res = adfTest(logMNav, { trend: 'c' });
  return {
    series: 'logMNav',
    trend: 'c',
    statistic: res.statistic,
    pValue: res.pValue,
    lags: res.lags,
    nObs: res.nObs,
    criticalValues: res.criticalValues,
  };
}

export function engleGrangerSummary(
  logMstr: Float64Array,
  logBtc: Float64Array,
): EngleGrangerSummary {
  const res = engleGrangerTest(logMstr, logBtc, { trend: 'c' });
  return {
    y: 'logMstrClose',
    x: 'logBtcPrice',
    statistic: res.statistic,
    pValue: res.pValue,
    lags: res.lags,
    nObs: res.nObs,
    criticalValues: res.criticalValues,
    cointegratingBeta: res.beta,
  };
}

/** t-copula of two margins (GARCH-standardized residuals when available, else returns). */
export function tailDependenceSummary(
  mstr: Float64Array,
  btc: Float64Array,
  margins: TailDependenceSummary['margins'],
): TailDependenceSummary {
  const fit = fitStudentTCopula(pseudoObservations(mstr), pseudoObservations(btc));
  return {
    coefficient: fit.tailDependence,
    rho: fit.rho,
    nu: fit.nu,
    kendallTau: fit.kendallTau,
    nuAtUpperBound: fit.nuAtUpperBound,
    nObs: mstr.length,
    margins,
  };
}
