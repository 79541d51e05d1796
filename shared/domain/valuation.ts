import type { Account, Position } from './account';
import type { Instrument, UnderlyingId } from './instrument';
import type { Freshness, UnderlyingState } from './quote';

export type IvSource = 'surface' | 'quote' | 'underlying';

/**
 * Risk of one position in desk units (USD unless the name says otherwise):
 * delta in underlying units and in $, gamma as the $-delta change for a 1% move, vega in $ per
 * vol point, theta in $ per calendar day. Every number is finite; a value that could not be
 * computed is reported through `freshness` and `note`, never as NaN.
 */
export interface PositionRisk {
  positionId: string;
  accountId: string;
  instrumentId: string;
  underlying: UnderlyingId;
  quantity: number;
  /** Mark price per unit in the quote currency. */
  price: number;
  priceCurrency: string;
  marketValueUsd: number;
  unrealizedPnlUsd: number;
  dayPnlUsd: number;
  deltaUnits: number;
  deltaUsd: number;
  gammaUsdPer1Pct: number;
  vegaUsdPerVolPt: number;
  thetaUsdPerDay: number;
  /** Implied vol used for the valuation (options), decimal. */
  iv?: number | undefined;
  /** Where `iv` came from: the fitted surface, the option's quote, or the underlying's ATM vol. */
  ivSource?: IvSource | undefined;
  freshness: Freshness;
  note?: string | undefined;
}

export interface RiskTotals {
  marketValueUsd: number;
  unrealizedPnlUsd: number;
  dayPnlUsd: number;
  deltaUsd: number;
  gammaUsdPer1Pct: number;
  vegaUsdPerVolPt: number;
  thetaUsdPerDay: number;
}

export interface BookSnapshot {
  tsMs: number;
  /** Monotonic revaluation counter, so the UI can tell a new snapshot from a repeated one. */
  seq: number;
  accounts: Account[];
  instruments: Instrument[];
  positions: Position[];
  risks: PositionRisk[];
  underlyings: UnderlyingState[];
  totals: RiskTotals;
  /** Milliseconds the revaluation took in the worker pool. */
  computeMs: number;
}

export function emptyTotals(): RiskTotals {
  return {
    marketValueUsd: 0,
    unrealizedPnlUsd: 0,
    dayPnlUsd: 0,
    deltaUsd: 0,
    gammaUsdPer1Pct: 0,
    vegaUsdPerVolPt: 0,
    thetaUsdPerDay: 0,
  };
}

export function sumTotals(risks: readonly PositionRisk[]): RiskTotals {
  const t = emptyTotals();
  for (const r of risks) {
    t.marketValueUsd += r.marketValueUsd;
    t.unrealizedPnlUsd += r.unrealizedPnlUsd;
    t.dayPnlUsd += r.dayPnlUsd;
    t.deltaUsd += r.deltaUsd;
    t.gammaUsdPer1Pct += r.gammaUsdPer1Pct;
    t.vegaUsdPerVolPt += r.vegaUsdPerVolPt;
    t.thetaUsdPerDay += r.thetaUsdPerDay;
  }
  return t;
}
