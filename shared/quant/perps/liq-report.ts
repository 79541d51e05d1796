/**
 * The JSON report of `cerberus liq`: account totals first (`liquidationPrice`,
 * `maintenanceMargin`, `marginRatio`), then one entry per symbol and per position. Numbers that
 * do not exist (no liquidation price, no maintenance) are null, never NaN or Infinity.
 */
import type { AccountLiquidation, AccountPosition, AccountSpec } from './account-liquidation';
import { evaluateAccount } from './account-liquidation';
import type { MarginLevel } from './margin-levels';
import { marginLevel } from './margin-levels';
import type { ResolvedTier } from './types';
import { venueMarginRatio, venueRules } from './venue-rules';

export interface LiqPositionReport {
  index: number;
  symbol: string;
  side: string;
  size: number;
  notional: number;
  unrealisedPnl: number;
  maintenanceMargin: number;
  closeFee: number;
  tierIndex: number;
  mmr: number;
  maintAmount: number;
  liquidationPrice: number | null;
  liquidationTierIndex: number | null;
  /** (liquidation price - mark) / mark; negative below the mark. */
  distanceToLiquidation: number | null;
  margin: number | null;
  marginRatio: number | null;
}

export interface LiqSymbolReport {
  symbol: string;
  liquidationPrice: number | null;
  liquidationPriceBelow: number | null;
  liquidationPriceAbove: number | null;
  alreadyLiquidated: boolean;
  positions: number[];
}

export interface LiqReport {
  liquidationPrice: number | null;
  maintenanceMargin: number;
  marginRatio: number | null;
  marginRatioDefinition: string;
  level: MarginLevel;
  venueMarginRatio: number | null;
  venueMarginRatioDefinition: string;
  marginBalance: number;
  initialMargin: number;
  settlementCurrency: 'quote' | 'coin';
  symbols: LiqSymbolReport[];
  positions: LiqPositionReport[];
}

function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

export function liqReport(
  spec: AccountSpec,
  result: AccountLiquidation = evaluateAccount(spec),
): LiqReport {
  const rules = venueRules(spec.venue);
  const symbolOf = new Map<
    number,
    { price: number | null; tiers: number[] | null; legIndex: number }
  >();
  for (const s of result.symbols) {
    s.positionIndices.forEach((pi, legIndex) =>
      symbolOf.set(pi, {
        price: s.solution.liquidationPrice,
        tiers: s.solution.tierIndices,
        legIndex,
      }),
    );
  }
  const positions = result.margins.map((m): LiqPositionReport => {
    const p = spec.positions[m.index] as AccountPosition;
    const tier = p.tiers[m.tierIndex] as ResolvedTier;
    const liq = symbolOf.get(m.index);
    const price = finite(liq?.price ?? null);
    return {
      index: m.index,
      symbol: p.symbol,
      side: p.side,
      size: p.contracts,
      notional: m.notional,
      unrealisedPnl: m.unrealisedPnl,
      maintenanceMargin: m.maintenanceMargin,
      closeFee: m.closeFee,
      tierIndex: m.tierIndex,
      mmr: tier.mmr,
      maintAmount: tier.maintAmount,
      liquidationPrice: price,
      liquidationTierIndex: liq?.tiers?.[liq.legIndex] ?? null,
      distanceToLiquidation: price === null ? null : (price - p.markPrice) / p.markPrice,
      margin: finite(m.margin),
      marginRatio: finite(m.marginRatio),
    };
  });
  const symbols = result.symbols.map((s): LiqSymbolReport => ({
    symbol: s.symbol,
    liquidationPrice: finite(s.solution.liquidationPrice),
    liquidationPriceBelow: finite(s.solution.priceBelow),
    liquidationPriceAbove: finite(s.solution.priceAbove),
    alreadyLiquidated: s.solution.alreadyLiquidated,
    positions: s.positionIndices,
  }));
  const ratio = finite(result.marginRatio);
  return {
    liquidationPrice: positions[0]?.liquidationPrice ?? null,
    maintenanceMargin: result.maintenanceRequirement,
    marginRatio: ratio,
    marginRatioDefinition:
      spec.mode === 'cross'
        ? 'margin balance / maintenance margin (account); 1 = liquidation'
        : '(margin + unrealised P&L) / maintenance margin of the worst position; 1 = liquidation',
    level: marginLevel(ratio),
    venueMarginRatio: finite(venueMarginRatio(rules, result.ratioBalance, result.ratioRequirement)),
    venueMarginRatioDefinition: rules.ratioLabel,
    marginBalance: result.marginBalance,
    initialMargin: result.initialMargin,
    settlementCurrency: spec.contract.type === 'linear' ? 'quote' : 'coin',
    symbols,
    positions,
  };
}
