/**
 * Liquidation prices and margin ratios of an account of perpetual positions under one venue's
 * rules, in isolated or cross margin, one-way or hedge mode.
 *
 * - Isolated: each position is backed only by its own margin (given, or the venue default
 *   notional at entry / leverage) and liquidates on its own.
 * - Cross: every position shares the wallet balance. A symbol's liquidation price holds the other
 *   symbols at their marks: its balance is WB - (their maintenance) + (their unrealised P&L), as
 *   in Binance's formula (WB - TMM1 + UPNL1). In hedge mode a symbol's long and short legs share
 *   one liquidation price.
 */
import type { LiqLeg, LiqSolution } from './liquidation-solver';
import { solveLiquidation } from './liquidation-solver';
import { exposure, notionalAt, priceToU, uSideSign, unrealisedPnl } from './position-math';
import { maintenanceMarginForNotional, tierIndexForNotional } from './tiers';
import type {
  ContractSpec,
  MarginMode,
  PerpPosition,
  PerpVenue,
  PositionMode,
  ResolvedTier,
} from './types';
import type { VenueLiquidationRules } from './venue-rules';
import { venueRules } from './venue-rules';

export interface AccountPosition extends PerpPosition {
  symbol: string;
  tiers: readonly ResolvedTier[];
  /** Isolated margin including any extra margin added; isolated mode only. */
  margin?: number;
}

export interface AccountSpec {
  venue: PerpVenue;
  mode: MarginMode;
  positionMode: PositionMode;
  contract: ContractSpec;
  /** Cross: the wallet balance. Isolated: the margin of a single position given without `margin`. */
  walletBalance?: number;
  /** Taker fee rate used by the venues whose maintenance requirement includes a close fee. */
  takerFeeRate: number;
  positions: readonly AccountPosition[];
}

export interface PositionMargin {
  index: number;
  notional: number;
  unrealisedPnl: number;
  /** Tiered maintenance margin the venue compares against (at the mark; Bybit: at entry). */
  maintenanceMargin: number;
  /** Close-fee part of the requirement (0 unless the venue charges one and a fee rate is given). */
  closeFee: number;
  tierIndex: number;
  /** Isolated only: the position's margin and its balance / requirement. */
  margin: number | null;
  marginRatio: number | null;
}

export interface SymbolLiquidation {
  symbol: string;
  positionIndices: number[];
  solution: LiqSolution;
}

export class AccountSpecError extends Error {
  override name = 'AccountSpecError';
}

/** A position as a solver leg under the venue's rules (MM valuation, close fee). */
export function legFor(
  rules: VenueLiquidationRules,
  spec: AccountSpec,
  p: AccountPosition,
): LiqLeg {
  const type = spec.contract.type;
  const q = exposure(spec.contract, p.contracts);
  const su = uSideSign(type, p.side);
  const eu = priceToU(type, p.entryPrice);
  const leg: LiqLeg = { su, q, eu, tiers: p.tiers, feeRate: 0, fixedFee: 0 };
  if (rules.mmValuation === 'entryPrice')
    leg.fixedMaintenance = maintenanceMarginForNotional(p.tiers, q * eu);
  if (spec.takerFeeRate > 0 && rules.closeFee === 'notionalAtLiquidation')
    leg.feeRate = spec.takerFeeRate;
  if (spec.takerFeeRate > 0 && rules.closeFee === 'bankruptcyValue') {
    leg.fixedFee = spec.takerFeeRate * q * Math.max(0, eu * (1 - su / p.leverage));
  }
  return leg;
}

/** Requirement of one position at its mark under the venue rules (tiered MM + close fee). */
export function positionMargin(
  spec: AccountSpec,
  index: number,
  isolatedMargin: number | null,
): PositionMargin {
  const rules = venueRules(spec.venue);
  const p = spec.positions[index] as AccountPosition;
  const leg = legFor(rules, spec, p);
  const uMark = priceToU(spec.contract.type, p.markPrice);
  const notional = notionalAt(spec.contract, p.contracts, p.markPrice);
  const mm = leg.fixedMaintenance ?? maintenanceMarginForNotional(p.tiers, notional);
  const closeFee = leg.fixedFee + leg.feeRate * leg.q * uMark;
  const pnl = unrealisedPnl(spec.contract, p.side, p.contracts, p.entryPrice, p.markPrice);
  const requirement = mm + closeFee;
  return {
    index,
    notional,
    unrealisedPnl: pnl,
    maintenanceMargin: mm,
    closeFee,
    tierIndex: tierIndexForNotional(p.tiers, notional),
    margin: isolatedMargin,
    marginRatio:
      isolatedMargin === null || requirement <= 0 ? null : (isolatedMargin + pnl) / requirement,
  };
}

/** Margin backing an isolated position: given, else the lone position's wallet, else IM at entry. */
export function isolatedMarginOf(spec: AccountSpec, index: number): number {
  const p = spec.positions[index] as AccountPosition;
  if (p.margin !== undefined) return p.margin;
  if (spec.walletBalance !== undefined && spec.positions.length === 1) return spec.walletBalance;
  return notionalAt(spec.contract, p.contracts, p.entryPrice) / p.leverage;
}

function checkPositionMode(spec: AccountSpec): void {
  const seen = new Map<string, number>();
  for (const p of spec.positions) {
    const key = spec.positionMode === 'hedge' ? `${p.symbol}\u0000${p.side}` : p.symbol;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      const what =
        spec.positionMode === 'hedge' ? `${p.side} leg of ${p.symbol}` : `position in ${p.symbol}`;
      throw new AccountSpecError(
        `${spec.positionMode} mode holds one ${what}; merge them (or use hedge mode for long + short)`,
      );
    }
  }
}

/** Liquidation of each isolated position (one problem per position). */
function isolatedLiquidations(spec: AccountSpec): SymbolLiquidation[] {
  const rules = venueRules(spec.venue);
  return spec.positions.map((p, i) => ({
    symbol: p.symbol,
    positionIndices: [i],
    solution: solveLiquidation({
      type: spec.contract.type,
      balance: isolatedMarginOf(spec, i),
      legs: [legFor(rules, spec, p)],
      referencePrice: p.markPrice,
    }),
  }));
}

/** Liquidation of each symbol against the shared wallet (other symbols held at their marks). */
function crossLiquidations(
  spec: AccountSpec,
  margins: readonly PositionMargin[],
): SymbolLiquidation[] {
  const rules = venueRules(spec.venue);
  const wallet = spec.walletBalance;
  if (wallet === undefined) throw new AccountSpecError('cross margin needs walletBalance');
  const symbols = [...new Set(spec.positions.map((p) => p.symbol))];
  return symbols.map((symbol) => {
    const idx = spec.positions.flatMap((p, i) => (p.symbol === symbol ? [i] : []));
    let balance = wallet;
    for (const m of margins) {
      if ((spec.positions[m.index] as AccountPosition).symbol === symbol) continue;
      balance += m.unrealisedPnl - m.maintenanceMargin - m.closeFee;
    }
    const first = spec.positions[idx[0] as number] as AccountPosition;
    return {
      symbol,
      positionIndices: idx,
      solution: solveLiquidation({
        type: spec.contract.type,
        balance,
        legs: idx.map((i) => legFor(rules, spec, spec.positions[i] as AccountPosition)),
        referencePrice: first.markPrice,
      }),
    };
  });
}

export interface AccountLiquidation {
  margins: PositionMargin[];
  symbols: SymbolLiquidation[];
  marginBalance: number;
  maintenanceRequirement: number;
  initialMargin: number;
  /** Balance / requirement: the account's (cross) or the worst position's (isolated). */
  marginRatio: number | null;
  /** Balance and requirement that `marginRatio` is made of (for the venue's own ratio). */
  ratioBalance: number;
  ratioRequirement: number;
}

export function evaluateAccount(spec: AccountSpec): AccountLiquidation {
  if (spec.positions.length === 0) throw new AccountSpecError('at least one position is required');
  checkPositionMode(spec);
  const isolated = spec.mode === 'isolated';
  const margins = spec.positions.map((_, i) =>
    positionMargin(spec, i, isolated ? isolatedMarginOf(spec, i) : null),
  );
  const requirement = margins.reduce((s, m) => s + m.maintenanceMargin + m.closeFee, 0);
  const pnl = margins.reduce((s, m) => s + m.unrealisedPnl, 0);
  if (isolated) {
    let worst = margins[0] as PositionMargin;
    for (const m of margins) {
      if (
        m.marginRatio !== null &&
        (worst.marginRatio === null || m.marginRatio < worst.marginRatio)
      )
        worst = m;
    }
    const posMargin = margins.reduce((s, m) => s + (m.margin ?? 0), 0);
    return {
      margins,
      symbols: isolatedLiquidations(spec),
      marginBalance: posMargin + pnl,
      maintenanceRequirement: requirement,
      initialMargin: posMargin,
      marginRatio: worst.marginRatio,
      ratioBalance: (worst.margin ?? 0) + worst.unrealisedPnl,
      ratioRequirement: worst.maintenanceMargin + worst.closeFee,
    };
  }
  const balance = (spec.walletBalance ?? 0) + pnl;
  const initial = spec.positions.reduce(
    (s, p) => s + notionalAt(spec.contract, p.contracts, p.markPrice) / p.leverage,
    0,
  );
  return {
    margins,
    symbols: crossLiquidations(spec, margins),
    marginBalance: balance,
    maintenanceRequirement: requirement,
    initialMargin: initial,
    marginRatio: requirement > 0 ? balance / requirement : null,
    ratioBalance: balance,
    ratioRequirement: requirement,
  };
}
