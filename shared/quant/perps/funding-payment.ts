/**
 * Funding cash flows. At each funding time a position pays or receives
 *
 *   cash flow = -side * notional * rate,  notional = mark * size (linear, quote currency)
 *                                          or face / mark (inverse, coin),
 *
 * so longs pay when the rate is positive and shorts receive (zero-sum between holders; Binance
 * FAQ "Funding Amount = Nominal Value of Positions x Funding Rate"). Deribit accrues the same
 * quantity continuously: over dt hours the flow is -side * notional * F8 * dt / 8.
 */
import { notionalAt } from './position-math';
import type { ContractSpec, PositionSide } from './types';
import { sideSign } from './types';

export const HOURS_PER_YEAR = 24 * 365;

/** Cash flow to the holder at one funding time (negative: the holder pays). */
export function fundingCashFlow(
  contract: ContractSpec,
  side: PositionSide,
  contracts: number,
  markPrice: number,
  rate: number,
): number {
  return -sideSign(side) * notionalAt(contract, contracts, markPrice) * rate;
}

/** Funding intervals per day for an interval of `intervalHours` (8 h -> 3, 4 h -> 6, 1 h -> 24). */
export function intervalsPerDay(intervalHours: number): number {
  return 24 / intervalHours;
}

/** Simple annualised carry of a per-interval rate (ACT/365): rate * intervals per day * 365. */
export function annualisedRate(ratePerInterval: number, intervalHours: number): number {
  return (ratePerInterval * HOURS_PER_YEAR) / intervalHours;
}

/** Per-interval rate equivalent to an annualised carry. */
export function perIntervalRate(annualRate: number, intervalHours: number): number {
  return (annualRate * intervalHours) / HOURS_PER_YEAR;
}

export interface FundingEvent {
  tsMs: number;
  rate: number;
  markPrice: number;
}

export interface FundingPnl {
  total: number;
  /** Sum of the flows that were payments (<= 0) and receipts (>= 0). */
  paid: number;
  received: number;
  flows: number[];
}

/** Funding P&L of a constant position over a series of funding events (settlement currency). */
export function fundingPnl(
  contract: ContractSpec,
  side: PositionSide,
  contracts: number,
  events: readonly FundingEvent[],
): FundingPnl {
  const flows = events.map((e) => fundingCashFlow(contract, side, contracts, e.markPrice, e.rate));
  let paid = 0;
  let received = 0;
  for (const f of flows) {
    if (f < 0) paid += f;
    else received += f;
  }
  return { total: paid + received, paid, received, flows };
}

export interface ContinuousFundingSample {
  /** Deribit's 8-hour funding rate in force over the sample. */
  rate8h: number;
  /** Duration of the sample in hours. */
  hours: number;
  markPrice: number;
}

/** Deribit-style continuous accrual: sum over samples of -side * notional * rate8h * hours / 8. */
export function continuousFunding(
  contract: ContractSpec,
  side: PositionSide,
  contracts: number,
  samples: readonly ContinuousFundingSample[],
): number {
  let total = 0;
  for (const s of samples) {
    total += fundingCashFlow(contract, side, contracts, s.markPrice, (s.rate8h * s.hours) / 8);
  }
  return total;
}
