/**
 * How each venue's published liquidation formula values the maintenance margin, and which
 * "margin ratio" it shows. Sources (read 2026; venues revise these pages):
 * - Binance USD-M / COIN-M FAQ "How to Calculate Liquidation Price": MM at the liquidation price
 *   (the tier is the one the liquidation-price notional falls in; recompute if it differs), no fee
 *   term; the UI margin ratio is maintenance margin / margin balance (liquidation at 100%).
 * - Bybit "Liquidation Price (USDT Contract)" and "Liquidation Price Calculation under Isolated
 *   Mode (UTA)": LP = Entry -/+ (IM - MM)/size with MM = entry value * MMR - deduction (valued at
 *   entry); IM and MM include an estimated fee to close = size * bankruptcy price * taker fee
 *   (seen in recorded `positionIM`/`positionMM`). The UI "MM rate" is MM / equity.
 * - OKX isolated margin: margin ratio = (margin + upl) / (notional at mark * (MMR + fee rate)),
 *   liquidation at ratio 1, so the close fee is charged on the notional at the liquidation price.
 * - Deribit: maintenance margin against equity at the mark (no fee term); shown as MM / equity.
 */
import type { PerpVenue } from './types';

/** 'liquidationPrice': tiers and MM at the liquidation price. 'entryPrice': MM fixed at entry. */
export type MmValuation = 'liquidationPrice' | 'entryPrice';
/** Fee added to the maintenance requirement when a taker fee rate is given. */
export type CloseFeeRule = 'none' | 'notionalAtLiquidation' | 'bankruptcyValue';
/** The venue's displayed ratio: MM / margin balance (100% = liquidation) or its reciprocal. */
export type VenueRatioConvention = 'mmOverBalance' | 'balanceOverMm';

export interface VenueLiquidationRules {
  venue: PerpVenue;
  mmValuation: MmValuation;
  closeFee: CloseFeeRule;
  ratioConvention: VenueRatioConvention;
  ratioLabel: string;
}

const RULES: Record<PerpVenue, VenueLiquidationRules> = {
  binance: {
    venue: 'binance',
    mmValuation: 'liquidationPrice',
    closeFee: 'none',
    ratioConvention: 'mmOverBalance',
    ratioLabel: 'Binance margin ratio = maintenance margin / margin balance (liquidation at 1)',
  },
  bybit: {
    venue: 'bybit',
    mmValuation: 'entryPrice',
    closeFee: 'bankruptcyValue',
    ratioConvention: 'mmOverBalance',
    ratioLabel: 'Bybit MM rate = maintenance margin / equity (liquidation at 1)',
  },
  okx: {
    venue: 'okx',
    mmValuation: 'liquidationPrice',
    closeFee: 'notionalAtLiquidation',
    ratioConvention: 'balanceOverMm',
    ratioLabel: 'OKX margin ratio = equity / (maintenance margin + close fee) (liquidation at 1)',
  },
  deribit: {
    venue: 'deribit',
    mmValuation: 'liquidationPrice',
    closeFee: 'none',
    ratioConvention: 'mmOverBalance',
    ratioLabel: 'Deribit maintenance margin / equity (liquidation at 1)',
  },
};

export function venueRules(venue: PerpVenue): VenueLiquidationRules {
  return RULES[venue];
}

/** The venue's displayed ratio from margin balance and maintenance requirement; null if undefined. */
export function venueMarginRatio(
  rules: VenueLiquidationRules,
  marginBalance: number,
  maintenance: number,
): number | null {
  if (rules.ratioConvention === 'mmOverBalance') {
    return marginBalance > 0 ? maintenance / marginBalance : null;
  }
  return maintenance > 0 ? marginBalance / maintenance : null;
}
