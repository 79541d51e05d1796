/**
 * ccxt positions to the domain: a book `Position` (signed quantity in contracts) for every
 * instrument kind, and a `VenuePerpPosition` for perpetuals and futures with what the venue
 * reports (leverage, margin mode, entry, mark, liquidation price). A blank or zero reported
 * liquidation price (Binance cross, Bybit and OKX with ample margin) is left undefined, not 0.
 */
import type { Position as CcxtPosition } from 'ccxt';
import type { Position } from '../../../shared/domain/account';
import type { VenuePerpPosition } from '../../../shared/domain/derivatives';
import type { InstrumentId } from '../../../shared/domain/instrument';
import { num } from './data-quality';

function positive(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : undefined;
}

/**
 * Leverage as reported; where the venue leaves it out (Binance positionRisk v3) it is the
 * inverse of the initial-margin rate ccxt derives (notional / initial margin), rounded to 0.01.
 */
export function leverageOf(p: CcxtPosition): number | undefined {
  const reported = positive(num(p.leverage));
  if (reported !== undefined) return reported;
  const imr = positive(num(p.initialMarginPercentage));
  // Decimals only: ccxt's Deribit parser gives this one in percent.
  return imr === undefined || imr > 1 ? undefined : Math.round(100 / imr) / 100;
}

export function sideOf(p: CcxtPosition): 'long' | 'short' | undefined {
  if (p.side === 'long' || p.side === 'short') return p.side;
  return undefined;
}

/**
 * Open size in contracts; undefined for a flat or malformed row. `sizeUnit` converts what ccxt
 * calls contracts where it passes the venue's raw size through: Deribit futures report `size`
 * in USD (inverse) or coin (linear), so contracts = size / contract size.
 */
export function contractsOf(p: CcxtPosition, sizeUnit = 1): number | undefined {
  return positive(Math.abs(num(p.contracts) ?? NaN) / sizeUnit);
}

export function venuePerpPosition(
  p: CcxtPosition,
  id: InstrumentId,
  sizeUnit = 1,
): VenuePerpPosition | undefined {
  const side = sideOf(p);
  const contracts = contractsOf(p, sizeUnit);
  const entryPrice = positive(num(p.entryPrice));
  const markPrice = positive(num(p.markPrice));
  if (!side || contracts === undefined || entryPrice === undefined || markPrice === undefined) {
    return undefined;
  }
  const marginMode = p.marginMode === 'isolated' ? 'isolated' : 'cross';
  const out: VenuePerpPosition = {
    instrumentId: id,
    side,
    contracts,
    entryPrice,
    markPrice,
    leverage: leverageOf(p) ?? 1,
    marginMode,
  };
  if (marginMode === 'isolated') {
    const collateral = positive(num(p.collateral)) ?? positive(num(p.initialMargin));
    if (collateral !== undefined) out.isolatedMargin = collateral;
  }
  const liq = positive(num(p.liquidationPrice));
  if (liq !== undefined) out.liquidationPriceReported = liq;
  const mm = positive(num(p.maintenanceMargin));
  if (mm !== undefined) out.maintenanceMarginReported = mm;
  return out;
}

/** The book's view: signed contracts at the average entry price. */
export function bookPosition(
  p: CcxtPosition,
  id: InstrumentId,
  accountId: string,
  nowMs: number,
  sizeUnit = 1,
  leveraged = true,
): Position | undefined {
  const side = sideOf(p);
  const contracts = contractsOf(p, sizeUnit);
  const entry = positive(num(p.entryPrice));
  if (!side || contracts === undefined || entry === undefined) return undefined;
  const sign = side === 'long' ? 1 : -1;
  const hedgeLeg = p.hedged === true ? `:${side}` : '';
  return {
    id: `${accountId}:${id}${hedgeLeg}`,
    accountId,
    instrumentId: id,
    quantity: sign * contracts,
    avgPrice: entry,
    openedMs: positive(num(p.timestamp)) ?? nowMs,
    leverage: leveraged ? (leverageOf(p) ?? 1) : 1,
  };
}
