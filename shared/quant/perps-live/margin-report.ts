/**
 * The Margin & liquidation screen's numbers for one account: margin balance, maintenance,
 * Cerberus' margin ratio and band (`marginLevel`), the venue's own ratio, per position the
 * liquidation price (`evaluateAccount` -> `solveLiquidation` under the venue's rules) beside the
 * venue's reported one, distance in % and in 1-day sigmas, ADL lights, and a ladder of uniform
 * mark moves against the margin ratio with the moves that liquidate.
 *
 * Account ratio = (wallet + unrealised P&L) / total maintenance (1 = liquidation), which for a
 * cross-only account is exactly `evaluateAccount`'s ratio. Amounts are in the account currency.
 */
import { adlLightsWithoutPeers, adlScore } from '../perps/adl';
import { evaluateAccount, type AccountLiquidation } from '../perps/account-liquidation';
import { distanceInSigmas } from '../perps/barrier';
import { depositToReach, marginLevel, type MarginLevel } from '../perps/margin-levels';
import { venueMarginRatio, venueRules } from '../perps/venue-rules';
import { portfolioMarginView, type PortfolioMarginView } from './portfolio-margin';
import {
  accountSpecs,
  type AccountSpecs,
  type MarginAccountInput,
  type SpecPosition,
} from './margin-spec';

export const DEFAULT_LADDER_SHOCKS: readonly number[] = Array.from(
  { length: 25 },
  (_, i) => Math.round((-0.3 + i * 0.025) * 1000) / 1000,
);

export interface PositionMarginView {
  instrumentId: string;
  symbol: string;
  underlying: string;
  side: 'long' | 'short';
  contracts: number;
  marginMode: 'cross' | 'isolated';
  leverage: number;
  entryPrice: number;
  markPrice: number;
  /** Settlement currency. */
  notional: number;
  unrealisedPnl: number;
  maintenanceMargin: number;
  tierIndex: number;
  liquidationPrice: number | null;
  liquidationPriceReported: number | null;
  /** Cerberus minus venue. */
  liquidationDiff: number | null;
  /** liquidation / mark - 1. */
  distancePct: number | null;
  /** |ln(liq / mark)| / (vol sqrt(1 day)). */
  distanceSigmas1d: number | null;
  volAnnual: number | null;
  adlLights: 1 | 2 | 3 | 4 | 5;
  adlScore: number;
}

export interface LadderRow {
  shock: number;
  marginBalance: number;
  maintenanceMargin: number;
  marginRatio: number | null;
  level: MarginLevel;
}

export interface MarginAccountReport {
  accountId: string;
  name: string;
  venue: string;
  currency: string;
  contractType: 'linear' | 'inverse';
  tsMs: number;
  walletBalance: number;
  unrealisedPnl: number;
  marginBalance: number;
  maintenanceMargin: number;
  initialMargin: number;
  marginRatio: number | null;
  level: MarginLevel;
  venueRatio: number | null;
  venueRatioLabel: string;
  depositToSafe: number;
  /** Nearest uniform mark moves (all marks x (1 + s)) that liquidate a pool; null: none. */
  liquidationShockDown: number | null;
  liquidationShockUp: number | null;
  positions: PositionMarginView[];
  ladder: LadderRow[];
  /** Binance Portfolio Margin accounts: uniMMR and its status; null for standard accounts. */
  portfolioMargin: PortfolioMarginView | null;
  notes: string[];
}

interface Evaluated {
  specs: AccountSpecs;
  cross: AccountLiquidation | null;
  isolated: AccountLiquidation | null;
}

function evaluate(input: MarginAccountInput, scale: number): Evaluated | null {
  const specs = accountSpecs(input, scale);
  if (!specs) return null;
  return {
    specs,
    cross: specs.cross ? evaluateAccount(specs.cross) : null,
    isolated: specs.isolated ? evaluateAccount(specs.isolated) : null,
  };
}

function totals(e: Evaluated, wallet: number) {
  const margins = [...(e.cross?.margins ?? []), ...(e.isolated?.margins ?? [])];
  const upnl = margins.reduce((s, m) => s + m.unrealisedPnl, 0);
  const mm = margins.reduce((s, m) => s + m.maintenanceMargin + m.closeFee, 0);
  const balance = wallet + upnl;
  return { upnl, mm, balance, ratio: mm > 0 ? balance / mm : null };
}

/** Smallest pool surplus (balance - requirement): the cross pool and each isolated position. */
function worstSurplus(e: Evaluated): number {
  let worst = Infinity;
  if (e.cross) worst = Math.min(worst, e.cross.marginBalance - e.cross.maintenanceRequirement);
  for (const m of e.isolated?.margins ?? []) {
    worst = Math.min(worst, (m.margin ?? 0) + m.unrealisedPnl - m.maintenanceMargin - m.closeFee);
  }
  return worst;
}

/** Nearest root of the worst surplus in the uniform move s, scanning then bisecting. */
function liquidationShock(input: MarginAccountInput, direction: 1 | -1): number | null {
  const surplus = (s: number): number => {
    const e = evaluate(input, 1 + s);
    return e ? worstSurplus(e) : Infinity;
  };
  if (surplus(0) <= 0) return 0;
  // Half-percent steps where traders look, coarser beyond 30% (an inverse short may never go).
  const limit = direction === 1 ? 5 : 0.99;
  let prev = 0;
  for (let s = 0.005; s <= limit + 1e-12; s += s < 0.3 ? 0.005 : 0.02) {
    if (surplus(direction * s) <= 0) {
      let lo = prev;
      let hi = s;
      for (let i = 0; i < 50; i++) {
        const mid = 0.5 * (lo + hi);
        if (surplus(direction * mid) <= 0) hi = mid;
        else lo = mid;
      }
      return direction * hi;
    }
    prev = s;
  }
  return null;
}

function positionView(
  sp: SpecPosition,
  e: AccountLiquidation,
  index: number,
  input: MarginAccountInput,
  marginBalance: number,
): PositionMarginView {
  const m = e.margins[index];
  const sym = e.symbols.find((s) => s.positionIndices.includes(index));
  const p = sp.position;
  const liq = sym?.solution.liquidationPrice ?? null;
  const reported = p.liquidationPriceReported ?? null;
  const vol = input.vols[sp.market.underlying] ?? null;
  const score = adlScore({
    side: p.side,
    quantity: (m?.notional ?? 0) / p.markPrice,
    entryPrice: p.entryPrice,
    markPrice: p.markPrice,
    marginBalance:
      m?.margin !== null && m?.margin !== undefined ? m.margin + m.unrealisedPnl : marginBalance,
  });
  return {
    instrumentId: p.instrumentId,
    symbol: sp.market.symbol,
    underlying: sp.market.underlying,
    side: p.side,
    contracts: p.contracts,
    marginMode: p.marginMode,
    leverage: p.leverage,
    entryPrice: p.entryPrice,
    markPrice: p.markPrice,
    notional: m?.notional ?? 0,
    unrealisedPnl: m?.unrealisedPnl ?? 0,
    maintenanceMargin: (m?.maintenanceMargin ?? 0) + (m?.closeFee ?? 0),
    tierIndex: m?.tierIndex ?? 0,
    liquidationPrice: liq,
    liquidationPriceReported: reported,
    liquidationDiff: liq !== null && reported !== null ? liq - reported : null,
    distancePct: liq !== null ? liq / p.markPrice - 1 : null,
    distanceSigmas1d:
      liq !== null && liq > 0 && vol !== null && vol > 0
        ? distanceInSigmas(p.markPrice, liq, vol, 1 / 365)
        : null,
    volAnnual: vol,
    adlLights: adlLightsWithoutPeers(score.score),
    adlScore: Number.isFinite(score.score) ? score.score : 0,
  };
}

export function marginAccountReport(
  input: MarginAccountInput,
  ladderShocks: readonly number[] = DEFAULT_LADDER_SHOCKS,
): MarginAccountReport | null {
  const e = evaluate(input, 1);
  if (!e) return null;
  const wallet = input.account.walletBalance;
  const t = totals(e, wallet);
  const rules = venueRules(e.specs.venue);
  const positions: PositionMarginView[] = [];
  e.specs.crossPositions.forEach((sp, i) => {
    if (e.cross) positions.push(positionView(sp, e.cross, i, input, t.balance));
  });
  e.specs.isolatedPositions.forEach((sp, i) => {
    if (e.isolated) positions.push(positionView(sp, e.isolated, i, input, t.balance));
  });
  const ladder = ladderShocks.map((shock): LadderRow => {
    const shocked = evaluate(input, 1 + shock);
    const st = shocked ? totals(shocked, wallet) : t;
    return {
      shock,
      marginBalance: st.balance,
      maintenanceMargin: st.mm,
      marginRatio: st.ratio,
      level: marginLevel(st.ratio),
    };
  });
  return {
    accountId: input.account.accountId,
    name: input.name,
    venue: input.account.venue,
    currency: input.account.currency,
    contractType: e.specs.type,
    tsMs: input.account.tsMs,
    walletBalance: wallet,
    unrealisedPnl: t.upnl,
    marginBalance: t.balance,
    maintenanceMargin: t.mm,
    initialMargin: (e.cross?.initialMargin ?? 0) + (e.isolated?.initialMargin ?? 0),
    marginRatio: t.ratio,
    level: marginLevel(t.ratio),
    venueRatio: venueMarginRatio(rules, t.balance, t.mm),
    venueRatioLabel: rules.ratioLabel,
    depositToSafe: depositToReach(t.balance, t.mm, 1.5),
    liquidationShockDown: liquidationShock(input, -1),
    liquidationShockUp: liquidationShock(input, 1),
    positions,
    ladder,
    portfolioMargin:
      input.account.marginSystem === 'portfolio'
        ? portfolioMarginView(t.balance, t.mm, input.account.collateral)
        : null,
    notes: e.specs.notes,
  };
}
