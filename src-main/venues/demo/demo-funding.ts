import { PERP_PARAMS } from './demo-universe';

/**
 * Binance USD-M funding for one 8-hour interval from the average premium index P:
 * F = P + clamp(I - P, -0.05%, +0.05%) with interest I = 0.01%.
 */
export function binanceFundingRate(premiumIndex: number): number {
  const i = PERP_PARAMS.interestPer8h;
  const c = PERP_PARAMS.clampPer8h;
  return premiumIndex + Math.min(c, Math.max(-c, i - premiumIndex));
}
