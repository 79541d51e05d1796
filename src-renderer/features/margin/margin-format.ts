/** Formatting for the Margin screen: amounts in the account currency, ratios, moves. */
const DASH = '\u2014';

export function isUsd(currency: string): boolean {
  return currency === 'USD' || currency === 'USDT' || currency === 'USDC';
}

/** An amount in the account's currency: $ for USD-like, 4 decimals for coins. */
export function fmtCcy(x: number | null | undefined, currency: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (isUsd(currency)) return `${sign}$${a.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  return `${sign}${a.toFixed(4)} ${currency}`;
}

export function fmtRatio(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${(x * 100).toFixed(x < 10 ? 1 : 0)}%`;
}

export function fmtMove(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
}

export function fmtSigmas(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${x.toFixed(2)}\u03c3`;
}

export function fmtHours(h: number): string {
  if (h < 24) return `${h}h`;
  if (h % 168 === 0) return `${h / 168}w`;
  return `${(h / 24).toFixed(h % 24 === 0 ? 0 : 1)}d`;
}
