/**
 * The trade ticket's view of one margin account: which perps it can trade (the source's perps on
 * the account's venue and in its settlement currency), the mark a trade is checked at, and the
 * account input completed with the traded instrument's brackets (a perp not held yet has none).
 */
import type { TicketInstruments } from '../../../shared/contract/features/margin-trade.schemas';
import type { MarginBracket, PerpMarket } from '../../../shared/domain/derivatives';
import { perpVenueOf, type MarginAccountInput } from '../../../shared/quant/perps-live/margin-spec';
import type { DerivativesSource } from '../../venues/derivatives-source';

export interface AccountEntry {
  input: MarginAccountInput;
  source: DerivativesSource;
}

function heldSettlement(input: MarginAccountInput): PerpMarket['settlement'] | undefined {
  const ids = new Set(input.account.positions.map((p) => p.instrumentId));
  return input.markets.find((m) => ids.has(m.instrumentId))?.settlement;
}

/** The perps a trade in this account can be on. */
export function tradableMarkets(input: MarginAccountInput): PerpMarket[] {
  const venue = perpVenueOf(input.account.venue);
  const settlement = heldSettlement(input);
  return input.markets.filter(
    (m) =>
      perpVenueOf(m.venue) === venue && (settlement === undefined || m.settlement === settlement),
  );
}

/** The mark a trade is checked at: the source's live mark, else the held position's. */
export function markOf(entry: AccountEntry, instrumentId: string): number {
  const live = entry.source.fundingSnapshot(instrumentId)?.markPrice;
  const held = entry.input.account.positions.find((p) => p.instrumentId === instrumentId);
  const mark = live ?? held?.markPrice;
  if (mark === undefined || !(mark > 0)) throw new Error(`no mark price for ${instrumentId}`);
  return mark;
}

export async function inputWithInstrument(
  entry: AccountEntry,
  instrumentId: string,
  bracketsFor: (source: DerivativesSource, id: string) => Promise<MarginBracket[]>,
): Promise<MarginAccountInput> {
  if (!entry.input.markets.some((m) => m.instrumentId === instrumentId))
    throw new Error(`${instrumentId} is not listed by ${entry.source.id}`);
  if (entry.input.brackets[instrumentId]) return entry.input;
  const rows = await bracketsFor(entry.source, instrumentId);
  return { ...entry.input, brackets: { ...entry.input.brackets, [instrumentId]: rows } };
}

export function ticketInstruments(entry: AccountEntry): TicketInstruments {
  const positions = entry.input.account.positions;
  return {
    accountId: entry.input.account.accountId,
    currency: entry.input.account.currency,
    instruments: tradableMarkets(entry.input).map((m) => {
      const held = positions.filter((p) => p.instrumentId === m.instrumentId);
      const signed = held.reduce((s, p) => s + (p.side === 'long' ? 1 : -1) * p.contracts, 0);
      const mark =
        entry.source.fundingSnapshot(m.instrumentId)?.markPrice ?? held[0]?.markPrice ?? null;
      return {
        instrumentId: m.instrumentId,
        symbol: m.symbol,
        underlying: m.underlying,
        settlement: m.settlement,
        contractSize: m.contractSize,
        markPrice: mark !== null && mark > 0 ? mark : null,
        heldContracts: signed,
        leverage: held[0]?.leverage ?? null,
      };
    }),
  };
}
