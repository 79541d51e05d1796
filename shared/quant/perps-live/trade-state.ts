/**
 * One side (before or after a trade) of the pre-trade check: the margin report's numbers for the
 * account and the traded instrument's position, the nearest account-liquidating uniform move as
 * the traded underlying's price, and the margin a new order could still use.
 */
import type { PerpMarket } from '../../domain/derivatives';
import { evaluateAccount } from '../perps/account-liquidation';
import type { MarginLevel, UniMmrStatus } from '../perps/margin-levels';
import type { MarginAccountReport } from './margin-report';
import { accountSpecs, type MarginAccountInput } from './margin-spec';

export interface TradePositionState {
  side: 'long' | 'short';
  contracts: number;
  entryPrice: number;
  leverage: number;
  notional: number;
  tierIndex: number;
  liquidationPrice: number | null;
  distancePct: number | null;
  distanceSigmas1d: number | null;
}

export interface TradeState {
  marginRatio: number | null;
  level: MarginLevel;
  venueRatio: number | null;
  marginBalance: number;
  maintenanceMargin: number;
  initialMargin: number;
  /** Margin balance left after initial margin (what a new order can use). */
  availableMargin: number;
  position: TradePositionState | null;
  /** Nearest uniform move of every mark that liquidates the account (null: none). */
  accountShock: number | null;
  /** The traded underlying's price at that move. */
  accountLiquidationPrice: number | null;
  accountDistanceSigmas1d: number | null;
  uniMmr: number | null;
  uniMmrStatus: UniMmrStatus | null;
}

function availableOf(input: MarginAccountInput): number {
  const specs = accountSpecs(input);
  if (!specs) return input.account.walletBalance;
  if (specs.cross) {
    const e = evaluateAccount(specs.cross);
    return e.marginBalance - e.initialMargin;
  }
  const posted = specs.isolated ? evaluateAccount(specs.isolated).initialMargin : 0;
  return input.account.walletBalance - posted;
}

export function stateOf(
  input: MarginAccountInput,
  report: MarginAccountReport | null,
  market: PerpMarket,
  markPrice: number,
): TradeState {
  const vol = input.vols[market.underlying] ?? null;
  const pos = report?.positions.find((p) => p.instrumentId === market.instrumentId) ?? null;
  const shocks = [report?.liquidationShockDown ?? null, report?.liquidationShockUp ?? null].filter(
    (x): x is number => x !== null,
  );
  const shock = shocks.length ? shocks.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a)) : null;
  const price = shock !== null ? markPrice * (1 + shock) : null;
  return {
    marginRatio: report?.marginRatio ?? null,
    level: report?.level ?? 'safe',
    venueRatio: report?.venueRatio ?? null,
    marginBalance: report?.marginBalance ?? input.account.walletBalance,
    maintenanceMargin: report?.maintenanceMargin ?? 0,
    initialMargin: report?.initialMargin ?? 0,
    availableMargin: availableOf(input),
    position: pos
      ? {
          side: pos.side,
          contracts: pos.contracts,
          entryPrice: pos.entryPrice,
          leverage: pos.leverage,
          notional: pos.notional,
          tierIndex: pos.tierIndex,
          liquidationPrice: pos.liquidationPrice,
          distancePct: pos.distancePct,
          distanceSigmas1d: pos.distanceSigmas1d,
        }
      : null,
    accountShock: shock,
    accountLiquidationPrice: price !== null && price > 0 ? price : null,
    accountDistanceSigmas1d:
      shock !== null && shock > -1 && vol !== null && vol > 0
        ? Math.abs(Math.log(1 + shock)) / (vol * Math.sqrt(1 / 365))
        : null,
    uniMmr: report?.portfolioMargin?.uniMmr ?? null,
    uniMmrStatus: report?.portfolioMargin?.status ?? null,
  };
}
