/**
 * Coin-settled ("inverse") European options as Deribit lists them: the option is on the coin's
 * USD forward F (Deribit's `underlying_price`, the synthetic or real future of the expiry), pays
 * max(s (F_T - K), 0) USD converted into coin at settlement, and is quoted in coin:
 *
 *   priceCoin = B / F,   B = Black-76 USD price, UNDISCOUNTED (Deribit's interest_rate is 0 and
 *   its mark price is B / F; checked against 600+ recorded Deribit marks in the tests).
 *
 * Greeks come in two currencies (F fixed when t or vol move, as in black76.ts):
 * - `usd`: derivatives of the USD value B with respect to F. These are what Deribit publishes:
 *   its `delta` is dB/dF = N(d1) for calls and N(d1) - 1 for puts (a number of coins), its gamma
 *   d2B/dF2, its vega dB/dvol per 1 vol POINT (use toDeribitUnits), its theta per DAY.
 * - `coin`: derivatives of the coin value V = B / F, the P&L of a coin-denominated account.
 *   dV/dF = (delta - V) / F, so the coin delta per relative move of F is
 *   deltaCash = F dV/dF = delta - priceCoin ("cash" or premium-adjusted delta: the premium,
 *   held in coin, itself moves with F). Hedging a coin account takes -deltaCash coins of inverse
 *   futures, not -delta.
 */
import { black76Greeks } from './black76';
import type { Black76Input, Greeks } from './types';
import { validateBlack76Input } from './validate';

/** Black-76 inputs without rate or discounting; forward and strike in USD per coin. */
export type InverseOptionInput = Omit<Black76Input, 'rate' | 'discounted'>;

/** Sensitivities of the coin value V = B / F (coin per coin of underlying). */
export interface CoinGreeks {
  price: number;
  /** dV/dF, coin per USD. */
  delta: number;
  /** d2V/dF2, coin per USD^2. */
  gamma: number;
  /** dV/dvol per 1.00 vol, coin. */
  vega: number;
  /** dV/dt per calendar year, coin. */
  theta: number;
  /** d2V/dF dvol. */
  vanna: number;
  /** d2V/dvol2. */
  volga: number;
}

export interface InverseOptionGreeks {
  /** Black-76 undiscounted Greeks of the USD value B (w.r.t. F; rho = phi = 0). */
  usd: Greeks;
  coin: CoinGreeks;
  /** Deribit's reported delta, = usd.delta = s N(s d1): coins of exposure. */
  deltaDeribit: number;
  /** F dV/dF = deltaDeribit - coin.price: coin delta net of the coin premium. */
  deltaCash: number;
}

/** Validated (errors name the 'inverse' model) and mapped to undiscounted Black-76. */
function toBlack76(input: InverseOptionInput): Black76Input {
  const b76: Black76Input = { ...input, rate: 0, discounted: false };
  validateBlack76Input(b76, 'inverse');
  return b76;
}

/** Price in coin per option on one coin (Deribit's mark price convention). */
export function inverseOptionPriceCoin(input: InverseOptionInput): number {
  return black76Greeks(toBlack76(input)).price / input.forward;
}

/** Coin Greeks from USD Greeks of B at forward F (V = B / F, F fixed in time and vol). */
export function usdToCoinGreeks(usd: Greeks, forward: number): CoinGreeks {
  const F = forward;
  const price = usd.price / F;
  const delta = (usd.delta - price) / F;
  return {
    price,
    delta,
    gamma: (usd.gamma - 2 * delta) / F,
    vega: usd.vega / F,
    theta: usd.theta / F,
    vanna: (usd.vanna - usd.vega / F) / F,
    volga: usd.volga / F,
  };
}

/** USD Greeks (derivatives of B = F V) from coin Greeks at forward F. */
export function coinToUsdGreeks(coin: CoinGreeks, forward: number): Pick<Greeks, keyof CoinGreeks> {
  const F = forward;
  return {
    price: F * coin.price,
    delta: coin.price + F * coin.delta,
    gamma: 2 * coin.delta + F * coin.gamma,
    vega: F * coin.vega,
    theta: F * coin.theta,
    vanna: coin.vega + F * coin.vanna,
    volga: F * coin.volga,
  };
}

/** Price and Greeks of an inverse option in USD and in coin. */
export function inverseOptionGreeks(input: InverseOptionInput): InverseOptionGreeks {
  const usd = black76Greeks(toBlack76(input));
  const coin = usdToCoinGreeks(usd, input.forward);
  return { usd, coin, deltaDeribit: usd.delta, deltaCash: usd.delta - coin.price };
}

/** Deribit's display units for its `greeks` field: vega per vol point, theta per day (USD). */
export function toDeribitUnits(usd: Greeks): {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
} {
  return { delta: usd.delta, gamma: usd.gamma, vega: usd.vega / 100, theta: usd.theta / 365 };
}
