/**
 * Summary statistics of a funding-rate history, for the Funding screen and `cerberus funding
 * history`. Points are per-interval rates (one per funding time) or daily means of the
 * per-interval rates; either way `mean` is a per-interval rate and
 *
 *   annualised = mean * (24 / fundingIntervalHours) * 365   (simple, ACT/365).
 *
 * The 7- and 30-day means cover the points after last tsMs - window + half a spacing, i.e. the
 * last 21 / 90 points of an 8-hour history or 7 / 30 daily means (venue timestamps jitter by a
 * few milliseconds, so a bare "> last - window" would sometimes take one point too many).
 */
import { MS_PER_DAY, MS_PER_HOUR, isoDate } from '../../domain/time';
import { annualisedRate } from './funding-payment';

export interface FundingPoint {
  tsMs: number;
  rate: number;
}

export interface FundingExtreme {
  rate: number;
  tsMs: number;
  date: string;
}

export interface FundingSummary {
  count: number;
  firstDate: string;
  lastDate: string;
  /** Median spacing of the points in hours (8 for 8-hourly rates, 24 for daily means). */
  sampleIntervalHours: number;
  fundingIntervalHours: number;
  mean: number;
  median: number;
  stdev: number;
  annualised: number;
  sharePositive: number;
  shareNegative: number;
  last7dMean: number;
  last7dAnnualised: number;
  last30dMean: number;
  last30dAnnualised: number;
  min: FundingExtreme;
  max: FundingExtreme;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1
    ? (sorted[mid] as number)
    : 0.5 * ((sorted[mid - 1] as number) + (sorted[mid] as number));
}

function meanSince(points: readonly FundingPoint[], fromExclusiveMs: number): number {
  let sum = 0;
  let n = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as FundingPoint;
    if (p.tsMs <= fromExclusiveMs) break;
    sum += p.rate;
    n += 1;
  }
  return n > 0 ? sum / n : 0;
}

/**
 * Summarises a history (sorted here by time). `fundingIntervalHours` defaults to the median
 * spacing when that is an hourly-type interval (<= 8 h), else to 8 (daily means of 8-hour rates).
 */
export function summariseFunding(
  input: readonly FundingPoint[],
  fundingIntervalHours?: number,
): FundingSummary {
  if (input.length === 0) throw new RangeError('summariseFunding: empty history');
  const points = [...input].sort((a, b) => a.tsMs - b.tsMs);
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    gaps.push(
      ((points[i] as FundingPoint).tsMs - (points[i - 1] as FundingPoint).tsMs) / MS_PER_HOUR,
    );
  }
  gaps.sort((a, b) => a - b);
  // Rounded to the minute: venue timestamps jitter by milliseconds.
  const sampleIntervalHours = gaps.length > 0 ? Math.round(median(gaps) * 60) / 60 : 0;
  const interval =
    fundingIntervalHours ??
    (sampleIntervalHours > 0 && sampleIntervalHours <= 8 ? sampleIntervalHours : 8);
  let sum = 0;
  let pos = 0;
  let neg = 0;
  let lo = points[0] as FundingPoint;
  let hi = lo;
  for (const p of points) {
    sum += p.rate;
    if (p.rate > 0) pos += 1;
    if (p.rate < 0) neg += 1;
    if (p.rate < lo.rate) lo = p;
    if (p.rate > hi.rate) hi = p;
  }
  const n = points.length;
  const mean = sum / n;
  let ss = 0;
  for (const p of points) ss += (p.rate - mean) ** 2;
  const lastMs = (points[n - 1] as FundingPoint).tsMs;
  const halfGapMs = 0.5 * sampleIntervalHours * MS_PER_HOUR;
  const last7 = meanSince(points, lastMs - 7 * MS_PER_DAY + halfGapMs);
  const last30 = meanSince(points, lastMs - 30 * MS_PER_DAY + halfGapMs);
  const extreme = (p: FundingPoint): FundingExtreme => ({
    rate: p.rate,
    tsMs: p.tsMs,
    date: isoDate(p.tsMs),
  });
  return {
    count: n,
    firstDate: isoDate((points[0] as FundingPoint).tsMs),
    lastDate: isoDate(lastMs),
    sampleIntervalHours,
    fundingIntervalHours: interval,
    mean,
    median: median(points.map((p) => p.rate).sort((a, b) => a - b)),
    stdev: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    annualised: annualisedRate(mean, interval),
    sharePositive: pos / n,
    shareNegative: neg / n,
    last7dMean: last7,
    last7dAnnualised: annualisedRate(last7, interval),
    last30dMean: last30,
    last30dAnnualised: annualisedRate(last30, interval),
    min: extreme(lo),
    max: extreme(hi),
  };
}
