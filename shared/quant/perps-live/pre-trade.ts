/**
 * Pre-trade check: what a trade does to a margin account. The after-state is the account with
 * the trade applied (`applyTrade`) evaluated exactly like the live account (`marginAccountReport`
 * -> `evaluateAccount` under the venue's rules), so before and after are comparable number for
 * number: margin ratio and band, initial and maintenance margin, the traded position's
 * liquidation price and distance (% and 1-day sigmas), and the uniform mark move that liquidates
 * the account, expressed as the traded underlying's price.
 *
 * Checks: refused when the venue would refuse (other venue or settlement currency, leverage above
 * the bracket's maximum, notional beyond the last bracket, not enough available margin, a
 * portfolio-margin account in reduce-only, an account left at or below maintenance); warned when
 * the ratio crosses into a worse band or the position moves into a higher maintenance tier.
 * Reductions are never refused for leverage or margin (venues accept reduce-only orders).
 */
import type { MarginBracket, PerpMarket } from '../../domain/derivatives';
import type { MarginLevel, UniMmrStatus } from '../perps/margin-levels';
import { marginAccountReport } from './margin-report';
import { perpVenueOf, type MarginAccountInput } from './margin-spec';
import { stateOf, type TradeState } from './trade-state';
import { applyTrade, isReducing, type TradeKind, type TradeTicket } from './trade-apply';
import { leverageLimit } from './venue-limits';

export type { TradePositionState, TradeState } from './trade-state';

export interface PreTradeInput {
  account: MarginAccountInput;
  ticket: TradeTicket;
  /** Mark of the traded instrument now. */
  markPrice: number;
}

export type TradeCheckCode =
  | 'venueMismatch'
  | 'settlementMismatch'
  | 'maxLeverage'
  | 'maxNotional'
  | 'insufficientMargin'
  | 'liquidatesNow'
  | 'reduceOnly'
  | 'bandCrossed'
  | 'bandImproved'
  | 'tierUp'
  | 'noBrackets';

export interface TradeCheck {
  code: TradeCheckCode;
  severity: 'refused' | 'warning' | 'info';
  message: string;
}

export interface TradePreview {
  accountId: string;
  instrumentId: string;
  symbol: string;
  underlying: string;
  currency: string;
  contractType: 'linear' | 'inverse';
  kind: TradeKind;
  fillPrice: number;
  markPrice: number;
  /** Notional of the traded contracts at the fill price, settlement currency. */
  tradeNotional: number;
  realisedPnl: number;
  maxLeverage: number | null;
  maxLeverageBasis: 'venue' | 'derived' | 'none';
  before: TradeState;
  after: TradeState;
  checks: TradeCheck[];
  refused: boolean;
  reducesRisk: boolean;
  notes: string[];
}

const LEVEL_RANK: Record<MarginLevel, number> = { safe: 0, warning: 1, danger: 2, liquidation: 3 };
const UNI_RANK: Record<UniMmrStatus, number> = {
  normal: 0,
  marginCall: 1,
  reduceOnly: 2,
  liquidation: 3,
  liquidationWithLoss: 4,
};

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

function notionalOf(m: PerpMarket, contracts: number, price: number): number {
  const q = contracts * m.contractSize;
  return m.settlement === 'linear' ? q * price : q / price;
}

function accountMarket(input: MarginAccountInput): PerpMarket | undefined {
  const ids = new Set(input.account.positions.map((p) => p.instrumentId));
  return input.markets.find((m) => ids.has(m.instrumentId));
}

export function previewTrade(input: PreTradeInput): TradePreview {
  const { account, ticket, markPrice } = input;
  const market = account.markets.find((m) => m.instrumentId === ticket.instrumentId);
  if (!market) throw new RangeError(`${ticket.instrumentId} is not listed by the account's source`);
  const checks: TradeCheck[] = [];
  const refuse = (code: TradeCheckCode, message: string) =>
    checks.push({ code, severity: 'refused', message });
  const venue = perpVenueOf(account.account.venue);
  if (venue === null) throw new RangeError(`venue ${account.account.venue} has no margin rules`);
  if (perpVenueOf(market.venue) !== venue)
    refuse('venueMismatch', `${market.symbol} trades on ${market.venue}, not in this account`);
  const held = accountMarket(account);
  if (held && held.settlement !== market.settlement)
    refuse(
      'settlementMismatch',
      `the account settles ${held.settlement} contracts in ${account.account.currency}; ${market.symbol} is ${market.settlement}`,
    );
  const applied = applyTrade(account.account, market, ticket, markPrice);
  const afterInput: MarginAccountInput = { ...account, account: applied.account };
  const beforeReport = marginAccountReport(account, []);
  const afterReport = refusedEarly(checks) ? null : marginAccountReport(afterInput, []);
  const before = stateOf(account, beforeReport, market, markPrice);
  const after = refusedEarly(checks) ? before : stateOf(afterInput, afterReport, market, markPrice);
  const reducing = isReducing(applied);
  const brackets: readonly MarginBracket[] = account.brackets[ticket.instrumentId] ?? [];
  const newNotional = applied.position
    ? notionalOf(market, applied.position.contracts, applied.fillPrice)
    : 0;
  const limit = leverageLimit(venue, brackets, newNotional);
  if (!refusedEarly(checks)) {
    if (limit.basis === 'none')
      checks.push({
        code: 'noBrackets',
        severity: 'warning',
        message: 'the source gave no margin brackets: leverage limits unknown, flat 0.5% MMR used',
      });
    if (!reducing && limit.maxLeverage !== null && ticket.leverage > limit.maxLeverage)
      refuse(
        'maxLeverage',
        `${ticket.leverage}x is above the ${limit.maxLeverage}x the venue allows for a ${fmtAmount(newNotional)} ${account.account.currency} position (tier ${limit.tierIndex + 1})`,
      );
    if (!reducing && newNotional >= limit.maxNotional)
      refuse(
        'maxNotional',
        `a ${fmtAmount(newNotional)} position is beyond the venue's largest bracket (${fmtAmount(limit.maxNotional)})`,
      );
    if (!reducing && after.availableMargin < 0)
      refuse(
        'insufficientMargin',
        `not enough margin: initial margin exceeds the margin balance by ${fmtAmount(-after.availableMargin)} ${account.account.currency}`,
      );
    if (!reducing && before.uniMmrStatus !== null && UNI_RANK[before.uniMmrStatus] >= 2)
      refuse('reduceOnly', 'uniMMR is at or below 120%: the account is reduce-only');
    if (after.marginRatio !== null && after.marginRatio <= 1)
      refuse('liquidatesNow', `the margin ratio would be ${pct(after.marginRatio)}: liquidation`);
    else if (LEVEL_RANK[after.level] > LEVEL_RANK[before.level])
      checks.push({
        code: 'bandCrossed',
        severity: 'warning',
        message: `margin ratio ${pct(before.marginRatio)} -> ${pct(after.marginRatio)}: enters the ${after.level} band`,
      });
    else if (LEVEL_RANK[after.level] < LEVEL_RANK[before.level])
      checks.push({
        code: 'bandImproved',
        severity: 'info',
        message: `margin ratio ${pct(before.marginRatio)} -> ${pct(after.marginRatio)}: back to ${after.level}`,
      });
    if (
      before.uniMmrStatus !== null &&
      after.uniMmrStatus !== null &&
      UNI_RANK[after.uniMmrStatus] > UNI_RANK[before.uniMmrStatus]
    )
      checks.push({
        code: 'bandCrossed',
        severity: 'warning',
        message: `uniMMR ${pct(before.uniMmr)} -> ${pct(after.uniMmr)}: ${after.uniMmrStatus}`,
      });
    const tierBefore = before.position?.tierIndex ?? 0;
    if (after.position && after.position.tierIndex > tierBefore)
      checks.push({
        code: 'tierUp',
        severity: 'warning',
        message: `the position moves into maintenance tier ${after.position.tierIndex + 1}`,
      });
  }
  return {
    accountId: account.account.accountId,
    instrumentId: market.instrumentId,
    symbol: market.symbol,
    underlying: market.underlying,
    currency: account.account.currency,
    contractType: market.settlement,
    kind: applied.kind,
    fillPrice: applied.fillPrice,
    markPrice,
    tradeNotional: notionalOf(market, ticket.contracts, applied.fillPrice),
    realisedPnl: applied.realisedPnl,
    maxLeverage: limit.maxLeverage,
    maxLeverageBasis: limit.basis,
    before,
    after,
    checks,
    refused: checks.some((c) => c.severity === 'refused'),
    reducesRisk: reducing,
    notes: [
      'fees not charged; a limit order is assumed filled at its price',
      ...(limit.basis === 'derived'
        ? ['max leverage derived as 1 / (2 x MMR) (the source publishes none)']
        : []),
      ...(afterReport?.notes ?? beforeReport?.notes ?? []),
    ],
  };
}

function refusedEarly(checks: readonly TradeCheck[]): boolean {
  return checks.some((c) => c.code === 'venueMismatch' || c.code === 'settlementMismatch');
}

function fmtAmount(x: number): string {
  if (!Number.isFinite(x)) return 'unbounded';
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4).replace(/\.?0+$/, '');
}
