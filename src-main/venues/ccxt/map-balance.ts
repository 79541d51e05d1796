/**
 * Wallet balances per currency. The margin formulas want the wallet balance without unrealised
 * P&L, which each venue names differently in its raw account payload (Binance `walletBalance`,
 * Bybit `walletBalance`, OKX `cashBal`, Deribit `balance`); where it is absent, ccxt's unified
 * `total` is used.
 */
import type { Balances } from 'ccxt';
import type { CcxtVenueId } from './ccxt-exchange';
import { num } from './data-quality';

type Row = Record<string, unknown>;

function rows(x: unknown): Row[] {
  return Array.isArray(x) ? x.filter((r): r is Row => !!r && typeof r === 'object') : [];
}

function fromRows(list: Row[], ccyKey: string, valueKey: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of list) {
    const ccy = r[ccyKey];
    const value = num(r[valueKey]);
    if (typeof ccy === 'string' && value !== undefined && Number.isFinite(value)) out[ccy] = value;
  }
  return out;
}

function rawWallet(venue: CcxtVenueId, info: unknown): Record<string, number> {
  const i = (info && typeof info === 'object' ? info : {}) as Row;
  switch (venue) {
    case 'binanceusdm':
      return fromRows(rows(i['assets']), 'asset', 'walletBalance');
    case 'bybit': {
      const result = (i['result'] ?? {}) as Row;
      return fromRows(rows(rows(result['list'])[0]?.['coin']), 'coin', 'walletBalance');
    }
    case 'okx':
      return fromRows(rows(rows(i['data'])[0]?.['details']), 'ccy', 'cashBal');
    case 'deribit': {
      const summaries = rows(i['summaries']);
      return fromRows(summaries.length > 0 ? summaries : [i], 'currency', 'balance');
    }
  }
}

/** Wallet balance per currency, without zero rows. */
export function walletBalances(venue: CcxtVenueId, b: Balances): Record<string, number> {
  const out: Record<string, number> = {};
  const total = (b['total'] ?? {}) as unknown as Record<string, unknown>;
  for (const [ccy, value] of Object.entries(total)) {
    const v = num(value);
    if (v !== undefined && Number.isFinite(v) && v !== 0) out[ccy] = v;
  }
  for (const [ccy, value] of Object.entries(rawWallet(venue, b.info))) {
    if (value !== 0) out[ccy] = value;
    else delete out[ccy];
  }
  return out;
}
