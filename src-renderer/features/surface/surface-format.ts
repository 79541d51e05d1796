/** Formatting for the surface screen: vols in %, vol points, days; never NaN (em dash instead). */
import { fmtNumber } from '../../ui/format';

const DASH = '\u2014';

export const volPct = (x: number | undefined, digits = 1): string =>
  x === undefined || !Number.isFinite(x) ? DASH : `${(100 * x).toFixed(digits)}%`;

/** Fixed digits without a "-0.00" for a value that rounds to zero. */
function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** A value already in vol points. */
export const pts = (x: number | undefined, digits = 2): string =>
  x === undefined || !Number.isFinite(x) ? DASH : fixed(x, digits);

export const days = (tYears: number): string =>
  !Number.isFinite(tYears)
    ? DASH
    : tYears * 365 < 2
      ? `${(tYears * 365 * 24).toFixed(0)}h`
      : `${(tYears * 365).toFixed(0)}d`;

export const share = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? DASH : `${Math.round(100 * x)}%`;

export const strikeText = (x: number): string => fmtNumber(x, x >= 1000 ? 0 : x >= 10 ? 1 : 2);

export function timeText(tsMs: number | undefined): string {
  if (tsMs === undefined || !Number.isFinite(tsMs)) return DASH;
  return new Date(tsMs).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}
