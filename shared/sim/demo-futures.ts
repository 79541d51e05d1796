/**
 * Dated futures the demo desk lists, so the carry panel has a term structure offline: Deribit-style
 * BTC futures (inverse, 10 USD a contract, settled at 08:00 UTC on the last Friday of the month:
 * the front monthly and the next three quarterlies) and Binance USD-M BTCUSDT quarterlies
 * (linear, 1 BTC a contract, current and next quarter, 08:00 UTC). Delivery prices are the 30-minute
 * average of the index (Deribit; Binance since November 2024).
 *
 * Prices: the forward the desk's Deribit options use (`forwardOf`, the demo's 5% annual basis),
 * Binance's a little richer (+0.4% a year); bid/ask 1 bp either side.
 */
import type { FutureInstrument } from '../domain/instrument';
import { lastFriday } from './option-calendar';

export const SETTLEMENT_WINDOW_MINUTES = 30;
function yymmdd(tsMs: number): string {
  const d = new Date(tsMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
}

function future(venue: 'deribit' | 'binanceusdm', expiryMs: number): FutureInstrument {
  const inverse = venue === 'deribit';
  const symbol = inverse ? `BTC/USD:BTC-${yymmdd(expiryMs)}` : `BTC/USDT:USDT-${yymmdd(expiryMs)}`;
  return {
    id: `${venue}:${symbol}`,
    venue,
    symbol,
    underlying: 'BTC',
    quoteCurrency: inverse ? 'USD' : 'USDT',
    kind: 'future',
    settlement: inverse ? 'inverse' : 'linear',
    contractSize: inverse ? 10 : 1,
    expiryMs,
  };
}

/** Last-Friday expiries at 08:00 UTC after `nowMs`, month offsets 0..11, filtered. */
function lastFridays(nowMs: number, keep: (month: number) => boolean): number[] {
  const d = new Date(nowMs);
  const out: number[] = [];
  for (let i = 0; i < 13; i++) {
    const month = d.getUTCMonth() + i;
    if (!keep(((month % 12) + 12) % 12)) continue;
    const t = lastFriday(d.getUTCFullYear(), month, 8);
    if (t > nowMs) out.push(t);
  }
  return out;
}

const isQuarter = (m: number) => m % 3 === 2;

/** The futures listed at `nowMs`, nearest expiry first per venue. */
export function demoFutures(nowMs: number): FutureInstrument[] {
  const quarters = lastFridays(nowMs, isQuarter);
  const monthly = lastFridays(nowMs, (m) => !isQuarter(m))[0];
  const deribit = [...(monthly !== undefined ? [monthly] : []), ...quarters.slice(0, 3)]
    .sort((a, b) => a - b)
    .map((t) => future('deribit', t));
  const binance = quarters.slice(0, 2).map((t) => future('binanceusdm', t));
  return [...deribit, ...binance];
}

export { demoFuturePrice } from './demo-quotes';
