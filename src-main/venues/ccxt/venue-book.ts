/**
 * A connected account's book: balances and positions through ccxt, mapped to the domain
 * (one live `Account` per connection, its positions and instruments, and one margin state per
 * settlement currency for the funding and margin features). Read-only calls only.
 */
import type { Position as CcxtPosition } from 'ccxt';
import type { Account, Position } from '../../../shared/domain/account';
import type { AccountMarginState, VenuePerpPosition } from '../../../shared/domain/derivatives';
import type { Instrument } from '../../../shared/domain/instrument';
import { errorMessage } from './backoff';
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import type { QualityCounter } from './data-quality';
import { walletBalances } from './map-balance';
import { instrumentId } from './map-instrument';
import { bookPosition, venuePerpPosition } from './map-position';

export interface LiveBook {
  /** When the venue was read. */
  tsMs: number;
  account: Account;
  instruments: Instrument[];
  positions: Position[];
  margin: AccountMarginState[];
  balances: Record<string, number>;
  /** Position queries that failed while others answered (their positions are missing). */
  warnings: string[];
}

/** One `fetchPositions` call per market family the venue keeps apart (Bybit categories). */
export function positionQueries(venue: CcxtVenueId): Record<string, string>[] {
  switch (venue) {
    case 'bybit':
      return [
        { subType: 'linear', settleCoin: 'USDT' },
        { subType: 'linear', settleCoin: 'USDC' },
        { subType: 'inverse' },
        { type: 'option' },
      ];
    default:
      return [{}];
  }
}

/** Deribit futures report size in USD (inverse) or coin (linear), not in contracts. */
function sizeUnit(venue: CcxtVenueId, inst: Instrument): number {
  return venue === 'deribit' && (inst.kind === 'perpetual' || inst.kind === 'future')
    ? inst.contractSize
    : 1;
}

export interface BookInputs {
  venue: CcxtVenueId;
  accountId: string;
  label: string;
  instrument: (id: string) => Instrument | undefined;
  nowMs: number;
  quality: QualityCounter;
}

export async function fetchLiveBook(ex: CcxtExchange, inp: BookInputs): Promise<LiveBook> {
  const balance = await ex.fetchBalance();
  const rows: CcxtPosition[] = [];
  const warnings: string[] = [];
  const queries = positionQueries(inp.venue);
  for (const [i, params] of queries.entries()) {
    try {
      rows.push(...(await ex.fetchPositions(undefined, params)));
    } catch (err) {
      // The first query is the main market family: without it the book is not worth showing.
      if (i === 0) throw err;
      warnings.push(`positions ${JSON.stringify(params)}: ${errorMessage(err)}`);
    }
  }
  return { ...liveBookFrom(inp, walletBalances(inp.venue, balance), rows), warnings };
}

/** Pure part, testable on recorded responses: balances + ccxt positions to the domain. */
export function liveBookFrom(
  inp: BookInputs,
  balances: Record<string, number>,
  rows: readonly CcxtPosition[],
): LiveBook {
  const positions: Position[] = [];
  const instruments = new Map<string, Instrument>();
  const perps = new Map<string, VenuePerpPosition[]>();
  for (const row of rows) {
    const id = row.symbol ? instrumentId(inp.venue, row.symbol) : undefined;
    const inst = id ? inp.instrument(id) : undefined;
    const unit = inst ? sizeUnit(inp.venue, inst) : 1;
    const leveraged = inst?.kind === 'perpetual' || inst?.kind === 'future';
    const pos = inst
      ? bookPosition(row, inst.id, inp.accountId, inp.nowMs, unit, leveraged)
      : undefined;
    if (!inst || !pos) {
      // Flat rows (size 0) are normal on Bybit/OKX; only malformed open rows count as dropped.
      if (Math.abs(Number(row.contracts ?? 0)) > 0) inp.quality.drop('unknown-symbol');
      continue;
    }
    inp.quality.kept();
    positions.push(pos);
    instruments.set(inst.id, inst);
    if (inst.kind === 'perpetual' || inst.kind === 'future') {
      const vp = venuePerpPosition(row, inst.id, unit);
      const ccy = inst.settlement === 'inverse' ? inst.underlying : inst.quoteCurrency;
      if (vp) perps.set(ccy, [...(perps.get(ccy) ?? []), vp]);
    }
  }
  const currencies = new Set([...perps.keys(), ...Object.keys(balances)]);
  const margin: AccountMarginState[] = [...currencies].sort().map((currency) => ({
    accountId: `${inp.accountId}/${currency}`,
    venue: inp.venue,
    tsMs: inp.nowMs,
    currency,
    walletBalance: balances[currency] ?? 0,
    positions: perps.get(currency) ?? [],
  }));
  const account: Account = {
    id: inp.accountId,
    venue: inp.venue,
    name: inp.label,
    baseCurrency: inp.venue === 'deribit' ? 'BTC' : 'USDT',
    source: 'live',
    marginMode: 'cross',
  };
  return {
    tsMs: inp.nowMs,
    account,
    instruments: [...instruments.values()],
    positions,
    margin,
    balances,
    warnings: [],
  };
}
