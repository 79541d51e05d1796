/**
 * Number formatting for the screens. Every formatter turns a non-finite value into an em dash:
 * the UI never shows NaN or Infinity.
 */
const DASH = '\u2014';

export function fmtNumber(x: number | undefined, digits = 2): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  return x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** $1,234,567 style; compact ($1.23M) when `compact`. */
export function fmtUsd(x: number | undefined, compact = false): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (compact) {
    if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
    if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(2)}M`;
    if (a >= 1e4) return `${sign}$${(a / 1e3).toFixed(1)}k`;
  }
  return `${sign}$${a.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

export function fmtPct(x: number | undefined, digits = 2): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  return `${(x * 100).toFixed(digits)}%`;
}

/** Price with precision that suits its size (BTC-quoted option premiums need 4+ decimals). */
export function fmtPrice(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const a = Math.abs(x);
  const digits = a >= 1000 ? 2 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6;
  return fmtNumber(x, digits);
}

export function fmtSigned(x: number | undefined, format: (v: number) => string): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  return x > 0 ? `+${format(x)}` : format(x);
}

export function fmtTime(tsMs: number | undefined): string {
  if (tsMs === undefined || !Number.isFinite(tsMs)) return DASH;
  return new Date(tsMs).toISOString().slice(11, 19) + ' UTC';
}

export function pnlClass(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x) || x === 0) return '';
  return x > 0 ? 'pos' : 'neg';
}
