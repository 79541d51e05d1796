/**
 * What a trade does to a margin account's positions, as the venues book it (one-way mode): a
 * trade on the side of the position increases it at the size-weighted entry (linear: average
 * price; inverse: harmonic average, so the coin value of the face is kept); a trade against it
 * reduces, closes or flips it, realising P&L on the closed part into the wallet. The position
 * takes the ticket's leverage (venues set leverage per symbol). In hedge mode (a long and a short
 * leg on the symbol) a buy adds to the long leg and a sell to the short leg.
 *
 * Fill price: the limit price when given (the preview assumes the order fills there), else the
 * mark. Fees are not charged (the preview says so).
 */
import type { AccountMarginState, PerpMarket, VenuePerpPosition } from '../../domain/derivatives';

export type TradeSide = 'buy' | 'sell';

export interface TradeTicket {
  instrumentId: string;
  side: TradeSide;
  /** Contracts (> 0) in the market's contract size. */
  contracts: number;
  /** Leverage the position is set to (venues: per symbol). */
  leverage: number;
  limitPrice?: number | undefined;
}

export type TradeKind = 'open' | 'increase' | 'reduce' | 'close' | 'flip';

export interface AppliedTrade {
  account: AccountMarginState;
  kind: TradeKind;
  fillPrice: number;
  /** P&L realised into the wallet by the closed part, settlement currency. */
  realisedPnl: number;
  /** The position on the instrument after the trade (the traded leg in hedge mode); null: flat. */
  position: VenuePerpPosition | null;
  /** The position before the trade (same leg), null: none. */
  previous: VenuePerpPosition | null;
  /** Contracts added to exposure on the traded side (0 for a pure reduction). */
  addedContracts: number;
}

export class TradeError extends Error {
  override name = 'TradeError';
}

/** Exposure of `contracts` at `price`: coins (linear) or USD face / price (inverse) x price. */
function pnlOfClosed(
  market: PerpMarket,
  side: 'long' | 'short',
  contracts: number,
  entry: number,
  exit: number,
): number {
  const q = contracts * market.contractSize;
  const s = side === 'long' ? 1 : -1;
  return market.settlement === 'linear' ? s * q * (exit - entry) : s * q * (1 / entry - 1 / exit);
}

function averageEntry(
  market: PerpMarket,
  c1: number,
  e1: number,
  c2: number,
  price: number,
): number {
  return market.settlement === 'linear'
    ? (c1 * e1 + c2 * price) / (c1 + c2)
    : (c1 + c2) / (c1 / e1 + c2 / price);
}

function marginOf(market: PerpMarket, contracts: number, price: number, leverage: number): number {
  const q = contracts * market.contractSize;
  return (market.settlement === 'linear' ? q * price : q / price) / leverage;
}

/** Applies `ticket` to `account` at the mark `markPrice` of the instrument. */
export function applyTrade(
  account: AccountMarginState,
  market: PerpMarket,
  ticket: TradeTicket,
  markPrice: number,
): AppliedTrade {
  if (!(ticket.contracts > 0 && Number.isFinite(ticket.contracts)))
    throw new TradeError('size must be a positive number of contracts');
  if (!(ticket.leverage > 0 && Number.isFinite(ticket.leverage)))
    throw new TradeError('leverage must be positive');
  if (!(markPrice > 0)) throw new TradeError(`no mark price for ${ticket.instrumentId}`);
  const fillPrice = ticket.limitPrice ?? markPrice;
  if (!(fillPrice > 0)) throw new TradeError('limit price must be positive');
  const tradeSide = ticket.side === 'buy' ? 'long' : 'short';
  const legs = account.positions.filter((p) => p.instrumentId === ticket.instrumentId);
  const hedge = legs.some((p) => p.side === 'long') && legs.some((p) => p.side === 'short');
  const existing = hedge ? legs.find((p) => p.side === tradeSide) : legs[0];
  const mode: 'cross' | 'isolated' =
    existing?.marginMode ?? account.positions[0]?.marginMode ?? 'cross';
  const others = account.positions.filter((p) => p !== existing);
  let wallet = account.walletBalance;
  let kind: TradeKind;
  let realisedPnl = 0;
  let addedContracts = 0;
  let next: VenuePerpPosition | null;
  const fresh = (side: 'long' | 'short', contracts: number): VenuePerpPosition => ({
    instrumentId: ticket.instrumentId,
    side,
    contracts,
    entryPrice: fillPrice,
    markPrice,
    leverage: ticket.leverage,
    marginMode: mode,
    ...(mode === 'isolated'
      ? { isolatedMargin: marginOf(market, contracts, fillPrice, ticket.leverage) }
      : {}),
  });
  if (!existing) {
    kind = 'open';
    addedContracts = ticket.contracts;
    next = fresh(tradeSide, ticket.contracts);
  } else if (existing.side === tradeSide) {
    kind = 'increase';
    addedContracts = ticket.contracts;
    next = {
      ...existing,
      contracts: existing.contracts + ticket.contracts,
      entryPrice: averageEntry(
        market,
        existing.contracts,
        existing.entryPrice,
        ticket.contracts,
        fillPrice,
      ),
      markPrice,
      leverage: ticket.leverage,
      liquidationPriceReported: undefined,
      maintenanceMarginReported: undefined,
      ...(mode === 'isolated'
        ? {
            isolatedMargin:
              (existing.isolatedMargin ??
                marginOf(market, existing.contracts, existing.entryPrice, existing.leverage)) +
              marginOf(market, ticket.contracts, fillPrice, ticket.leverage),
          }
        : {}),
    };
  } else {
    const closed = Math.min(existing.contracts, ticket.contracts);
    realisedPnl = pnlOfClosed(market, existing.side, closed, existing.entryPrice, fillPrice);
    wallet += realisedPnl;
    const left = existing.contracts - closed;
    const beyond = ticket.contracts - closed;
    if (left > 0) {
      kind = 'reduce';
      const kept = left / existing.contracts;
      next = {
        ...existing,
        contracts: left,
        markPrice,
        leverage: ticket.leverage,
        liquidationPriceReported: undefined,
        maintenanceMarginReported: undefined,
        ...(existing.isolatedMargin !== undefined
          ? { isolatedMargin: existing.isolatedMargin * kept }
          : {}),
      };
    } else if (beyond > 0) {
      kind = 'flip';
      addedContracts = beyond;
      next = fresh(tradeSide, beyond);
    } else {
      kind = 'close';
      next = null;
    }
  }
  const positions = next ? [...others, next] : others;
  return {
    account: { ...account, walletBalance: wallet, positions },
    kind,
    fillPrice,
    realisedPnl,
    position: next,
    previous: existing ?? null,
    addedContracts,
  };
}

/** True when the trade only shrinks the position it meets (no new exposure). */
export function isReducing(applied: AppliedTrade): boolean {
  return applied.kind === 'reduce' || applied.kind === 'close';
}
