/**
 * The Funding screen's numbers from funding histories and live snapshots: per perpetual the
 * current, predicted and average rates side by side, and per position of the book the funding
 * paid and received since entry, the next payment and the annualised carry.
 *
 * Conventions: rates are decimals per funding interval (Deribit: per 8 hours, accrued
 * continuously; its history points are 8-hour averages, so a point's flow is the accrual over
 * the 8 hours before it). Flows follow `fundingCashFlow`: -side x notional x rate, notional in
 * the settlement currency (quote for linear, coin for inverse); USD figures convert coin at the
 * mark. Averages are `summariseFunding` over the stored history.
 */
import type {
  FundingPoint,
  FundingPointSource,
  FundingSnapshot,
  PerpMarket,
} from '../../domain/derivatives';
import { annualisedRate, fundingCashFlow } from '../perps/funding-payment';
import { summariseFunding, type FundingSummary } from '../perps/funding-summary';
import type { ContractSpec } from '../perps/types';
import type { FutureRow } from './futures-board';
import type { MarkCheck } from './mark-check';

export interface FundingPerpInput {
  market: PerpMarket;
  snapshot: FundingSnapshot | null;
  /** Recent history (any order): at least since the earliest position entry. */
  history: readonly FundingPoint[];
  /** `fundingStats` of the whole stored history (computed when it changes, in the pool). */
  stats: FundingStats | null;
}

export interface FundingPositionInput {
  positionId: string;
  accountId: string;
  instrumentId: string;
  /** Signed contracts (negative: short). */
  quantity: number;
  openedMs: number;
}

export interface FundingBoardInput {
  nowMs: number;
  perps: readonly FundingPerpInput[];
  positions: readonly FundingPositionInput[];
  /** Cerberus' mark and index beside the venues' (`mark-check.ts`), when sampled. */
  marks?: readonly MarkCheck[];
  /** Dated futures with basis and delivery estimate (`futures-board.ts`). */
  futures?: readonly FutureRow[];
}

export interface FundingStats {
  count: number;
  firstMs: number;
  lastMs: number;
  mean: number;
  annualised: number;
  sharePositive: number;
  last7dMean: number;
  last7dAnnualised: number;
  last30dMean: number;
  last30dAnnualised: number;
  min: number;
  max: number;
  sources: Record<FundingPointSource, number>;
}

export interface FundingBoardRow {
  instrumentId: string;
  venue: string;
  symbol: string;
  underlying: string;
  settlement: 'linear' | 'inverse';
  intervalHours: number;
  continuous: boolean;
  markPrice: number | null;
  indexPrice: number | null;
  /** mark / index - 1. */
  premium: number | null;
  lastRate: number | null;
  lastRateMs: number | null;
  predictedRate: number | null;
  predictedAnnualised: number | null;
  nextFundingMs: number | null;
  countdownMs: number | null;
  stats: FundingStats | null;
}

export interface PositionFunding {
  positionId: string;
  accountId: string;
  instrumentId: string;
  venue: string;
  symbol: string;
  side: 'long' | 'short';
  contracts: number;
  settlementCurrency: string;
  /** Notional at the current mark, settlement currency and USD. */
  notional: number;
  notionalUsd: number;
  openedMs: number;
  fundingEvents: number;
  /** Settlement currency: paid <= 0, received >= 0, net = paid + received. */
  paid: number;
  received: number;
  net: number;
  netUsd: number;
  nextPaymentMs: number | null;
  nextPayment: number | null;
  nextPaymentUsd: number | null;
  /** Carry at the predicted rate: fraction of notional per year (positive: received) and USD. */
  carryAnnualised: number | null;
  carryUsdPerYear: number | null;
}

export interface FundingBoard {
  tsMs: number;
  rows: FundingBoardRow[];
  positions: PositionFunding[];
  totals: { netUsd: number; nextPaymentsUsd: number; carryUsdPerYear: number };
  marks: MarkCheck[];
  futures: FutureRow[];
}

export function contractOf(market: PerpMarket): ContractSpec {
  return { type: market.settlement, contractSize: market.contractSize };
}

export function settlementCurrencyOf(market: PerpMarket): string {
  if (market.settlement === 'inverse') return market.underlying;
  const settle = market.symbol.split(':')[1];
  return settle && settle.length > 0 ? settle : 'USD';
}

/** Summary of a whole history: `summariseFunding` plus first/last times and provenance counts. */
export function fundingStats(
  market: PerpMarket,
  history: readonly FundingPoint[],
): FundingStats | null {
  if (history.length === 0) return null;
  const s: FundingSummary = summariseFunding(history, market.fundingIntervalHours);
  const sources: Record<FundingPointSource, number> = { recorded: 0, synthetic: 0, live: 0 };
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const p of history) {
    sources[p.source ?? 'recorded'] += 1;
    firstMs = Math.min(firstMs, p.tsMs);
    lastMs = Math.max(lastMs, p.tsMs);
  }
  return {
    count: s.count,
    firstMs,
    lastMs,
    mean: s.mean,
    annualised: s.annualised,
    sharePositive: s.sharePositive,
    last7dMean: s.last7dMean,
    last7dAnnualised: s.last7dAnnualised,
    last30dMean: s.last30dMean,
    last30dAnnualised: s.last30dAnnualised,
    min: s.min.rate,
    max: s.max.rate,
    sources,
  };
}

function latest(history: readonly FundingPoint[]): FundingPoint | null {
  let best: FundingPoint | null = null;
  for (const p of history) if (best === null || p.tsMs > best.tsMs) best = p;
  return best;
}

export function boardRow(input: FundingPerpInput, nowMs: number): FundingBoardRow {
  const { market, snapshot } = input;
  const last = latest(input.history);
  const mark = snapshot?.markPrice ?? null;
  const index = snapshot?.indexPrice ?? null;
  const predicted = snapshot?.fundingRate ?? null;
  const next = snapshot?.nextFundingMs ?? null;
  return {
    instrumentId: market.instrumentId,
    venue: market.venue,
    symbol: market.symbol,
    underlying: market.underlying,
    settlement: market.settlement,
    intervalHours: market.fundingIntervalHours,
    continuous: market.venue === 'deribit',
    markPrice: mark,
    indexPrice: index,
    premium: mark !== null && index !== null && index > 0 ? mark / index - 1 : null,
    lastRate: last?.rate ?? null,
    lastRateMs: last?.tsMs ?? null,
    predictedRate: predicted,
    predictedAnnualised:
      predicted === null ? null : annualisedRate(predicted, market.fundingIntervalHours),
    nextFundingMs: next,
    countdownMs: next === null ? null : Math.max(0, next - nowMs),
    stats: input.stats,
  };
}

function positionFunding(
  pos: FundingPositionInput,
  perp: FundingPerpInput,
  nowMs: number,
): PositionFunding {
  const { market, snapshot } = perp;
  const contract = contractOf(market);
  const side = pos.quantity >= 0 ? 'long' : 'short';
  const contracts = Math.abs(pos.quantity);
  const mark = snapshot?.markPrice ?? latest(perp.history)?.markPrice ?? null;
  const inverse = market.settlement === 'inverse';
  const toUsd = (x: number, price: number | null | undefined): number =>
    inverse ? x * (price ?? 0) : x;
  let paid = 0;
  let received = 0;
  let paidUsd = 0;
  let events = 0;
  for (const p of perp.history) {
    if (p.tsMs <= pos.openedMs || p.tsMs > nowMs) continue;
    const price = p.markPrice ?? mark;
    if (price === null || !(price > 0)) continue;
    const flow = fundingCashFlow(contract, side, contracts, price, p.rate);
    if (flow < 0) paid += flow;
    else received += flow;
    paidUsd += toUsd(flow, price);
    events += 1;
  }
  const notional =
    mark === null
      ? 0
      : inverse
        ? (contracts * market.contractSize) / mark
        : contracts * market.contractSize * mark;
  const predicted = snapshot?.fundingRate ?? null;
  const nextPayment =
    predicted === null || mark === null
      ? null
      : fundingCashFlow(contract, side, contracts, mark, predicted);
  const carryAnnualised =
    predicted === null
      ? null
      : (side === 'long' ? -1 : 1) * annualisedRate(predicted, market.fundingIntervalHours);
  const notionalUsd = toUsd(notional, mark);
  return {
    positionId: pos.positionId,
    accountId: pos.accountId,
    instrumentId: pos.instrumentId,
    venue: market.venue,
    symbol: market.symbol,
    side,
    contracts,
    settlementCurrency: settlementCurrencyOf(market),
    notional,
    notionalUsd,
    openedMs: pos.openedMs,
    fundingEvents: events,
    paid,
    received,
    net: paid + received,
    netUsd: paidUsd,
    nextPaymentMs: snapshot?.nextFundingMs ?? null,
    nextPayment,
    nextPaymentUsd: nextPayment === null ? null : toUsd(nextPayment, mark),
    carryAnnualised,
    carryUsdPerYear: carryAnnualised === null ? null : carryAnnualised * notionalUsd,
  };
}

export function fundingBoard(input: FundingBoardInput): FundingBoard {
  const byId = new Map(input.perps.map((p) => [p.market.instrumentId, p]));
  const rows = input.perps.map((p) => boardRow(p, input.nowMs));
  const positions: PositionFunding[] = [];
  for (const pos of input.positions) {
    const perp = byId.get(pos.instrumentId);
    if (perp && pos.quantity !== 0) positions.push(positionFunding(pos, perp, input.nowMs));
  }
  const totals = { netUsd: 0, nextPaymentsUsd: 0, carryUsdPerYear: 0 };
  for (const p of positions) {
    totals.netUsd += p.netUsd;
    totals.nextPaymentsUsd += p.nextPaymentUsd ?? 0;
    totals.carryUsdPerYear += p.carryUsdPerYear ?? 0;
  }
  return {
    tsMs: input.nowMs,
    rows,
    positions,
    totals,
    marks: [...(input.marks ?? [])],
    futures: [...(input.futures ?? [])],
  };
}
