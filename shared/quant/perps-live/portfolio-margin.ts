/**
 * Binance Portfolio Margin view of an account: uniMMR = adjusted equity / maintenance margin,
 * where adjusted equity = margin balance (wallet + unrealised P&L of the USD-M positions) plus
 * the other assets held as collateral at their collateral rates (Binance's haircuts). The status
 * follows Binance's bands (`uniMmrStatus`): > 150% normal, (120%, 150%] margin call,
 * (105%, 120%] reduce-only (new risk-increasing orders refused), (100%, 105%] liquidation,
 * <= 100% liquidation with a claim for the loss.
 *
 * The maintenance margin is the same tiered USD-M maintenance the standard account uses (Binance
 * computes the UM part of the unified maintenance margin from the same brackets); borrowed
 * assets and the margin of other wallets (COIN-M, margin loans) are not modelled.
 */
import type { CollateralAsset } from '../../domain/derivatives';
import { uniMmrStatus, type UniMmrStatus } from '../perps/margin-levels';

export const UNI_MMR_BANDS = {
  marginCall: 1.5,
  reduceOnly: 1.2,
  liquidation: 1.05,
  liquidationWithLoss: 1.0,
} as const;

export interface PortfolioMarginView {
  uniMmr: number | null;
  status: UniMmrStatus;
  adjustedEquity: number;
  collateralValue: number;
  /** The uniMMR bands, for the gauge. */
  bands: typeof UNI_MMR_BANDS;
  /** Risk-increasing orders are refused at or below the reduce-only band. */
  reduceOnly: boolean;
}

export function collateralValue(collateral: readonly CollateralAsset[] | undefined): number {
  return (collateral ?? []).reduce(
    (s, c) => s + Math.max(0, c.amount) * c.price * Math.min(1, Math.max(0, c.collateralRate)),
    0,
  );
}

export function portfolioMarginView(
  marginBalance: number,
  maintenance: number,
  collateral: readonly CollateralAsset[] | undefined,
): PortfolioMarginView {
  const extra = collateralValue(collateral);
  const adjusted = marginBalance + extra;
  const uniMmr = maintenance > 0 ? adjusted / maintenance : null;
  const status = uniMmr === null ? 'normal' : uniMmrStatus(uniMmr);
  return {
    uniMmr,
    status,
    adjustedEquity: adjusted,
    collateralValue: extra,
    bands: UNI_MMR_BANDS,
    reduceOnly: status !== 'normal' && status !== 'marginCall',
  };
}
