/** Formatting and series helpers of the Basis screen (never NaN: non-finite shows an em dash). */
import { fmtNumber, fmtPct } from '../../ui/format';
import type { LinePoint } from './line-chart';

const DASH = '\u2014';

/** A multiple such as mNAV: 1.40x. */
export function fmtMultiple(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${fmtNumber(x, digits)}x`;
}

export function fmtMaybe(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? DASH : fmtNumber(x, digits);
}

export function fmtPctMaybe(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? DASH : fmtPct(x, digits);
}

export function fmtBtc(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${fmtNumber(x, digits)} BTC`;
}

export function fmtSignedNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${x > 0 ? '+' : ''}${fmtNumber(x, digits)}`;
}

export function isoDay(tsMs: number | null | undefined): string {
  if (tsMs === null || tsMs === undefined || !Number.isFinite(tsMs)) return DASH;
  return new Date(tsMs).toISOString().slice(0, 10);
}

/** Pairs a report series with its dates; `from` drops earlier points. */
export function points(
  dates: readonly number[],
  values: readonly (number | null)[],
  fromMs = -Infinity,
): LinePoint[] {
  const out: LinePoint[] = [];
  for (let i = 0; i < dates.length; i++) {
    const t = dates[i] as number;
    if (t >= fromMs) out.push({ tsMs: t, value: values[i] ?? null });
  }
  return out;
}

/** A level drawn from `fromMs` to `toMs`. */
export function level(fromMs: number, toMs: number, value: number): LinePoint[] {
  return [
    { tsMs: fromMs, value },
    { tsMs: toMs, value },
  ];
}

export const DAY_MS = 86_400_000;
export const dayOf = (tsMs: number) => Math.floor(tsMs / DAY_MS) * DAY_MS;
