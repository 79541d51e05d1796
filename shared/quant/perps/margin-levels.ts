/**
 * Margin ratio bands. Cerberus' margin ratio is defined as
 *
 *   marginRatio = margin balance / maintenance margin    (1.0 = liquidation; higher is safer),
 *
 * margin balance = wallet balance + unrealised P&L (cross) or position margin + its unrealised P&L
 * (isolated). The blueprint (contract-trading-principles.md, FuturesMarginManager.check_margin_call)
 * sets warning at <= 150%, danger at <= 120%, liquidation at <= 100% of this ratio.
 *
 * Binance Portfolio Margin's uniMMR = adjusted equity / unified maintenance margin uses the same
 * direction with its own bands (Binance FAQ "Portfolio Margin Pro ... uniMMR"): > 150% free,
 * (120%, 150%] reminder, (105%, 120%] new orders refused (reduce-only), (100%, 105%] liquidation,
 * <= 100% liquidation and a claim for loss.
 */

export type MarginLevel = 'safe' | 'warning' | 'danger' | 'liquidation';

export const BLUEPRINT_BANDS = { warning: 1.5, danger: 1.2, liquidation: 1.0 } as const;

/** Blueprint level of a margin ratio (balance / MM); null ratio (no maintenance) is safe. */
export function marginLevel(marginRatio: number | null): MarginLevel {
  if (marginRatio === null) return 'safe';
  if (marginRatio <= BLUEPRINT_BANDS.liquidation) return 'liquidation';
  if (marginRatio <= BLUEPRINT_BANDS.danger) return 'danger';
  if (marginRatio <= BLUEPRINT_BANDS.warning) return 'warning';
  return 'safe';
}

export type UniMmrStatus =
  'normal' | 'marginCall' | 'reduceOnly' | 'liquidation' | 'liquidationWithLoss';

/** Binance Portfolio Margin status for a uniMMR value (decimal, 1.5 = 150%). */
export function uniMmrStatus(uniMmr: number): UniMmrStatus {
  if (uniMmr <= 1.0) return 'liquidationWithLoss';
  if (uniMmr <= 1.05) return 'liquidation';
  if (uniMmr <= 1.2) return 'reduceOnly';
  if (uniMmr <= 1.5) return 'marginCall';
  return 'normal';
}

/** Balance / maintenance; null when there is no maintenance requirement. */
export function marginRatioOf(marginBalance: number, maintenance: number): number | null {
  return maintenance > 0 ? marginBalance / maintenance : null;
}

/**
 * Deposit needed to lift the ratio back to `target` (e.g. 1.5 to leave the warning band):
 * max(0, target * MM - balance).
 */
export function depositToReach(marginBalance: number, maintenance: number, target: number): number {
  return Math.max(0, target * maintenance - marginBalance);
}
