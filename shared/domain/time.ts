/** Time conventions: UTC epoch milliseconds everywhere; year fractions ACT/365. */
export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365;
export const MS_PER_YEAR = MS_PER_DAY * DAYS_PER_YEAR;

/** ACT/365 year fraction between two UTC instants (negative when `toMs` is before `fromMs`). */
export function yearFraction(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_YEAR;
}

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or ISO strings with an offset into UTC ms.
 * Strings without an offset are read as UTC (never local time). Returns undefined when invalid.
 */
export function parseUtcMs(text: string): number | undefined {
  const t = text.trim();
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      t,
    );
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.round(Number(frac) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    ms -= sign * offsetMin * MS_PER_MINUTE;
  }
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  return Number.isFinite(ms) ? ms : undefined;
}

/** `YYYY-MM-DD` of a UTC instant. */
export function isoDate(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(0, 10);
}

/** Start of the UTC day containing `tsMs`. */
export function utcDayStartMs(tsMs: number): number {
  return Math.floor(tsMs / MS_PER_DAY) * MS_PER_DAY;
}
