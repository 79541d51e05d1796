/**
 * A `BasisReport` as plain JSON for the contract: the per-day series become arrays with null for
 * "no value that day" (never NaN), plus what the Basis screen draws and the stress library uses:
 * the OU mean and +-k sigma bands in mNAV and premium terms, the in-window z-score path, and the
 * decoupling scenarios.
 */
import { decouplingScenario, type DecouplingScenario } from './decoupling';
import type { BasisReport } from './report';

export type NullableSeries = (number | null)[];

export interface BasisSeriesView {
  dateMs: number[];
  mNav: NullableSeries;
  premium: NullableSeries;
  enterpriseMNav: NullableSeries;
  ewmaBeta: NullableSeries;
  ewmaCorrelation: NullableSeries;
  dccBeta: NullableSeries;
  dccCorrelation: NullableSeries;
  /** (ln mNAV - OU mean) / stationary sd inside the lookback window; null outside it. */
  zScore: NullableSeries;
}

export interface BandLevels {
  mean: number;
  upper: number;
  lower: number;
}

/** exp(mean +- k sd) of the OU fit of ln mNAV, over the window it was fitted on. */
export interface BasisBands {
  k: number;
  windowStartMs: number;
  windowEndMs: number;
  mNav: BandLevels;
  premium: BandLevels;
}

export interface BasisDataNotes {
  mstrDays: number;
  firstDayMs: number;
  lastRecordedDayMs: number | null;
  lastPurchaseDayMs: number | null;
  purchases: number;
  daysWithoutFundamentals: number;
  weekendRowsDropped: number;
}

export interface BasisReportView extends Omit<BasisReport, 'series' | 'warnings'> {
  warnings: { code: string; message: string }[];
  series: BasisSeriesView;
  bands: BasisBands | null;
  decoupling: { band: DecouplingScenario; sigma: DecouplingScenario } | null;
  data: BasisDataNotes;
}

function nullable(a: ArrayLike<number>): NullableSeries {
  const out: NullableSeries = new Array<number | null>(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

export const BAND_SIGMAS = 2;

export function basisReportView(report: BasisReport, data: BasisDataNotes): BasisReportView {
  const { series, warnings, ...scalars } = report;
  const n = series.dateMs.length;
  const windowStart = Math.max(0, n - 1 - report.windowReturns);
  const ou = report.ou;
  const zScore: NullableSeries = new Array<number | null>(n).fill(null);
  let bands: BasisBands | null = null;
  let decoupling: BasisReportView['decoupling'] = null;
  if (ou !== null && ou.stationaryStd > 0) {
    for (let i = windowStart; i < n; i++) {
      const m = series.mNav[i] as number;
      if (m > 0) zScore[i] = (Math.log(m) - ou.mean) / ou.stationaryStd;
    }
    const k = BAND_SIGMAS;
    const mNav = {
      mean: Math.exp(ou.mean),
      upper: Math.exp(ou.mean + k * ou.stationaryStd),
      lower: Math.exp(ou.mean - k * ou.stationaryStd),
    };
    bands = {
      k,
      windowStartMs: series.dateMs[windowStart] as number,
      windowEndMs: series.dateMs[n - 1] as number,
      mNav,
      premium: { mean: mNav.mean - 1, upper: mNav.upper - 1, lower: mNav.lower - 1 },
    };
    decoupling = {
      band: decouplingScenario(report, { mode: 'lowerBand', k }),
      sigma: decouplingScenario(report, { mode: 'sigmaMove', k, horizonDays: 10 }),
    };
  }
  return {
    ...scalars,
    warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
    series: {
      dateMs: Array.from(series.dateMs),
      mNav: nullable(series.mNav),
      premium: nullable(series.premium),
      enterpriseMNav: nullable(series.enterpriseMNav),
      ewmaBeta: nullable(series.ewmaBeta),
      ewmaCorrelation: nullable(series.ewmaCorrelation),
      dccBeta: nullable(series.dccBeta),
      dccCorrelation: nullable(series.dccCorrelation),
      zScore,
    },
    bands,
    decoupling,
    data,
  };
}
