/**
 * A synthetic chain on an arbitrage-free SSVI surface (Gatheral-Jacquier 2014): every slice is an
 * exact raw-SVI smile, so an SVI fit must recover it and the metrics have closed-form references.
 */
import type { ChainExpiry, OptionChain } from '../../../shared/quant/surface/chain';
import { ssviTotalVariance } from '../../../shared/sim/demo-smile';

export const SSVI = { rho: -0.35, eta: 1.1, gamma: 0.4 };
export const AS_OF = Date.UTC(2026, 10, 20, 8);
export const SPOT = 90_000;
export const RATE_MINUS_CARRY = 0.03;
export const DAYS = [7, 30, 60, 120, 240];
/** ATM total variance theta(T) = 0.5^2 T + small term premium. */
export const theta = (t: number): number => (0.25 + 0.05 * t) * t;
export const forwardAt = (t: number): number => SPOT * Math.exp(RATE_MINUS_CARRY * t);
export const ssviVol = (k: number, t: number): number =>
  Math.sqrt(ssviTotalVariance(k, theta(t), SSVI.rho, SSVI.eta, SSVI.gamma) / t);

export function ssviChain(halfSpreadVol = 0.01, days = DAYS): OptionChain {
  const expiries: ChainExpiry[] = days.map((d) => {
    const t = d / 365;
    const f = forwardAt(t);
    const sd = Math.sqrt(theta(t));
    const quotes = [];
    for (let z = -2.5; z <= 2.5 + 1e-9; z += 0.25) {
      const strike = Math.round(f * Math.exp(z * sd));
      const iv = ssviVol(Math.log(strike / f), t);
      quotes.push({
        strike,
        type: strike >= f ? ('call' as const) : ('put' as const),
        bidIv: iv - halfSpreadVol,
        askIv: iv + halfSpreadVol,
        markIv: iv,
      });
    }
    const expiryMs = AS_OF + d * 86_400_000;
    return {
      expiry: new Date(expiryMs).toISOString().slice(0, 10),
      expiryMs,
      tYears: t,
      forward: f,
      quotes,
    };
  });
  return { underlying: 'BTC', asOfMs: AS_OF, spot: SPOT, expiries };
}
