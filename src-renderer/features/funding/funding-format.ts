/** Formatting for the Funding screen: rates in % per interval or annualised, countdowns. */
const DASH = '\u2014';

/** A per-interval funding rate as a percentage with four decimals (0.0100%). */
export function fmtRate(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${(x * 100).toFixed(4)}%`;
}

/** An annualised rate as a percentage with one decimal (10.9%). */
export function fmtAnnual(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${(x * 100).toFixed(1)}%`;
}

/** hh:mm:ss until a time, never negative. */
export function fmtCountdown(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}

/** Signed amount in a currency: USD/USDT as $, coins with 5 decimals. */
export function fmtAmount(x: number | null | undefined, currency: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const sign = x > 0 ? '+' : x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (currency === 'USD' || currency === 'USDT' || currency === 'USDC') {
    return `${sign}$${a.toLocaleString('en-US', { maximumFractionDigits: a < 100 ? 2 : 0 })}`;
  }
  return `${sign}${a.toFixed(5)} ${currency}`;
}

export const VENUE_LABEL: Record<string, string> = {
  binanceusdm: 'Binance',
  binance: 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  deribit: 'Deribit',
};

export const VENUE_COLOR: Record<string, string> = {
  binanceusdm: '#f0b90b',
  binance: '#f0b90b',
  bybit: '#ff7a45',
  okx: '#e6edf3',
  deribit: '#2ea3f2',
};

export function venueLabel(venue: string): string {
  return VENUE_LABEL[venue] ?? venue;
}

/** `YYYY-MM-DD` (UTC) of a time, or an em dash. */
export function isoDateOf(tsMs: number | null | undefined): string {
  if (tsMs === null || tsMs === undefined || !Number.isFinite(tsMs)) return DASH;
  return new Date(tsMs).toISOString().slice(0, 10);
}
