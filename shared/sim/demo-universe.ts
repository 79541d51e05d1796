/**
 * Parameters of the demo desk's market: four assets (BTC, ETH, QQQ simulated directly, MSTR as
 * BTC NAV per share times a mean-reverting mNAV), Heston-type variance, Merton jumps, and one
 * correlation matrix for the price shocks. Chosen to look like the real markets; not calibrated.
 */
export const SIMULATED_ASSETS = ['BTC', 'ETH', 'QQQ'] as const;
export type SimulatedAsset = (typeof SIMULATED_ASSETS)[number];
export const DEMO_UNDERLYINGS = ['BTC', 'ETH', 'MSTR', 'QQQ'] as const;
export type DemoUnderlying = (typeof DEMO_UNDERLYINGS)[number];

export interface HestonJumpParams {
  /** Long-run variance (vol^2 per year). */
  thetaVar: number;
  /** Mean-reversion speed of variance, per year. */
  kappa: number;
  /** Vol of variance. */
  xi: number;
  /** Correlation between price and variance shocks (leverage effect). */
  rhoSpotVol: number;
  /** Jump intensity per year, mean and std of log jump size. */
  jumpsPerYear: number;
  jumpMean: number;
  jumpStd: number;
}

export const ASSET_PARAMS: Record<SimulatedAsset, HestonJumpParams> = {
  BTC: {
    thetaVar: 0.45 ** 2,
    kappa: 3,
    xi: 0.8,
    rhoSpotVol: -0.3,
    jumpsPerYear: 6,
    jumpMean: -0.02,
    jumpStd: 0.05,
  },
  ETH: {
    thetaVar: 0.6 ** 2,
    kappa: 3,
    xi: 0.9,
    rhoSpotVol: -0.3,
    jumpsPerYear: 6,
    jumpMean: -0.03,
    jumpStd: 0.06,
  },
  QQQ: {
    thetaVar: 0.2 ** 2,
    kappa: 4,
    xi: 0.6,
    rhoSpotVol: -0.7,
    jumpsPerYear: 2,
    jumpMean: -0.02,
    jumpStd: 0.03,
  },
};

/** MSTR's log mNAV (market cap / BTC NAV) as an Ornstein-Uhlenbeck process. */
export const MNAV_PARAMS = {
  /** Speed per year: half-life ln2/8 years, about a month. */
  kappa: 8,
  /** Long-run log mNAV: mNAV ~ 1.2. */
  meanLog: Math.log(1.2),
  volAnnual: 0.35,
};

/** Price-shock correlation, order [BTC, ETH, QQQ, MSTR mNAV]. */
// prettier-ignore
export const SHOCK_CORRELATION = [
  1.0, 0.8, 0.35, 0.3,
  0.8, 1.0, 0.3, 0.2,
  0.35, 0.3, 1.0, 0.25,
  0.3, 0.2, 0.25, 1.0,
];

/** Carry inputs: USD rate, yields, the crypto futures basis Deribit forwards imply. */
export const DEMO_RATES = {
  usdRate: 0.04,
  qqqDividendYield: 0.006,
  mstrDividendYield: 0,
  /** Annualised basis of BTC/ETH forwards over spot (contango). */
  cryptoBasis: 0.05,
};

/** Smile shape per underlying (SSVI: rho skew, eta curvature, gamma decay) and quoted vol spread. */
export const SMILE_PARAMS: Record<
  DemoUnderlying,
  { rho: number; eta: number; gamma: number; halfSpreadVol: number }
> = {
  BTC: { rho: -0.15, eta: 1.1, gamma: 0.45, halfSpreadVol: 0.01 },
  ETH: { rho: -0.2, eta: 1.2, gamma: 0.45, halfSpreadVol: 0.012 },
  MSTR: { rho: -0.3, eta: 1.0, gamma: 0.45, halfSpreadVol: 0.015 },
  QQQ: { rho: -0.7, eta: 1.3, gamma: 0.5, halfSpreadVol: 0.005 },
};

/**
 * The reference perpetual premium (Binance BTCUSDT mark over index) as an OU process; the other
 * demo perps load on it (`demo-perp-markets.ts`), funding follows each venue's rule.
 */
export const PERP_PARAMS = {
  premiumMean: 0.0002,
  premiumKappa: 200,
  /** Stationary sd 0.006 / sqrt(400) = 3 bp: funding mostly at the 0.01% interest, as on Binance. */
  premiumVol: 0.006,
};
