/**
 * From a source's account state (`AccountMarginState`, what a venue or the demo desk reports) to
 * the liquidation calculator's accounts (`AccountSpec`): the cross positions share the wallet,
 * each isolated position stands on its own margin. Contracts are folded into exposures (contract
 * size 1) so positions of different contract sizes can share one account.
 */
import type {
  AccountMarginState,
  MarginBracket,
  PerpMarket,
  VenuePerpPosition,
} from '../../domain/derivatives';
import type { AccountPosition, AccountSpec } from '../perps/account-liquidation';
import { flatTier, resolveTiers } from '../perps/tiers';
import type { ContractType, PerpVenue, ResolvedTier } from '../perps/types';

/** Maintenance rate assumed when a source gives no brackets (said in the report's notes). */
export const FALLBACK_MMR = 0.005;

export function perpVenueOf(venue: string): PerpVenue | null {
  switch (venue) {
    case 'binance':
    case 'binanceusdm':
      return 'binance';
    case 'bybit':
    case 'okx':
    case 'deribit':
      return venue;
    default:
      return null;
  }
}

export interface MarginAccountInput {
  account: AccountMarginState;
  name: string;
  markets: readonly PerpMarket[];
  brackets: Readonly<Record<string, readonly MarginBracket[]>>;
  /** Annual vol per underlying (the risk factors' ATM vols). */
  vols: Readonly<Record<string, number>>;
  takerFeeRate?: number;
}

export interface SpecPosition {
  /** Index into `account.positions`. */
  sourceIndex: number;
  position: VenuePerpPosition;
  market: PerpMarket;
}

export interface AccountSpecs {
  venue: PerpVenue;
  type: ContractType;
  cross: AccountSpec | null;
  crossPositions: SpecPosition[];
  isolated: AccountSpec | null;
  isolatedPositions: SpecPosition[];
  notes: string[];
}

function tiersFor(
  input: MarginAccountInput,
  instrumentId: string,
  notes: string[],
): ResolvedTier[] {
  const rows = input.brackets[instrumentId];
  if (rows && rows.length > 0) {
    return resolveTiers(
      rows.map((b) => ({
        floor: b.floor,
        cap: b.cap,
        mmr: b.mmr,
        ...(b.maintAmount !== undefined ? { maintAmount: b.maintAmount } : {}),
      })),
    );
  }
  notes.push(
    `${instrumentId}: no margin brackets from the source; flat ${FALLBACK_MMR * 100}% used`,
  );
  return flatTier(FALLBACK_MMR);
}

function toAccountPosition(
  p: VenuePerpPosition,
  market: PerpMarket,
  tiers: ResolvedTier[],
  markScale: number,
): AccountPosition {
  return {
    symbol: p.instrumentId,
    side: p.side,
    contracts: p.contracts * market.contractSize,
    entryPrice: p.entryPrice,
    markPrice: p.markPrice * markScale,
    leverage: p.leverage,
    tiers,
    ...(p.isolatedMargin !== undefined ? { margin: p.isolatedMargin } : {}),
  };
}

/**
 * The calculator accounts of one source account; `markScale` multiplies every mark (the ladder's
 * uniform move). Positions on an unknown market or another settlement type are left out (noted).
 */
export function accountSpecs(input: MarginAccountInput, markScale = 1): AccountSpecs | null {
  const venue = perpVenueOf(input.account.venue);
  const notes: string[] = [];
  if (venue === null) return null;
  const markets = new Map(input.markets.map((m) => [m.instrumentId, m]));
  const usable: SpecPosition[] = [];
  let type: ContractType | null = null;
  input.account.positions.forEach((position, sourceIndex) => {
    const market = markets.get(position.instrumentId);
    if (!market) {
      notes.push(`${position.instrumentId}: market not listed by the source; left out`);
      return;
    }
    if (position.contracts <= 0) return;
    type ??= market.settlement;
    if (market.settlement !== type) {
      notes.push(
        `${position.instrumentId}: ${market.settlement} contract in a ${type} account; left out`,
      );
      return;
    }
    usable.push({ sourceIndex, position, market });
  });
  if (type === null || usable.length === 0) return null;
  const tiers = new Map<string, ResolvedTier[]>();
  const tiersOf = (id: string): ResolvedTier[] => {
    let t = tiers.get(id);
    if (!t) tiers.set(id, (t = tiersFor(input, id, notes)));
    return t;
  };
  const crossPositions = usable.filter((u) => u.position.marginMode === 'cross');
  const isolatedPositions = usable.filter((u) => u.position.marginMode === 'isolated');
  const isolatedMargin = isolatedPositions.reduce(
    (s, u) =>
      s +
      (u.position.isolatedMargin ??
        (u.position.contracts *
          u.market.contractSize *
          (type === 'linear' ? u.position.entryPrice : 1 / u.position.entryPrice)) /
          u.position.leverage),
    0,
  );
  const spec = (mode: 'cross' | 'isolated', list: SpecPosition[]): AccountSpec | null => {
    if (list.length === 0) return null;
    const positions = list.map((u) =>
      toAccountPosition(u.position, u.market, tiersOf(u.position.instrumentId), markScale),
    );
    const sides = new Map<string, Set<string>>();
    for (const p of positions)
      (sides.get(p.symbol) ?? sides.set(p.symbol, new Set()).get(p.symbol))?.add(p.side);
    const hedge = [...sides.values()].some((s) => s.size > 1);
    return {
      venue,
      mode,
      positionMode: hedge ? 'hedge' : 'oneWay',
      contract: { type: type as ContractType, contractSize: 1 },
      ...(mode === 'cross' ? { walletBalance: input.account.walletBalance - isolatedMargin } : {}),
      takerFeeRate: input.takerFeeRate ?? 0,
      positions,
    };
  };
  return {
    venue,
    type,
    cross: spec('cross', crossPositions),
    crossPositions,
    isolated: spec('isolated', isolatedPositions),
    isolatedPositions,
    notes,
  };
}
