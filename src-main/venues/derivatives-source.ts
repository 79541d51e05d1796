/**
 * A source of crypto-derivatives data (funding, margin brackets, margin accounts): the demo desk
 * and the ccxt venue adapters implement it; the funding and margin features consume it.
 */
import type {
  AccountMarginState,
  FundingPoint,
  FundingSnapshot,
  FutureMarket,
  FutureSnapshot,
  MarginBracket,
  MarkInputs,
  PerpMarket,
} from '../../shared/domain/derivatives';
import type { InstrumentId } from '../../shared/domain/instrument';

/** Every method may be slow (network) and may throw a clear error when the venue is down. */
export interface DerivativesSource {
  readonly id: string;
  listPerps(): PerpMarket[];
  fundingSnapshot(instrumentId: InstrumentId): FundingSnapshot | undefined;
  fundingHistory(instrumentId: InstrumentId, fromMs: number, toMs: number): Promise<FundingPoint[]>;
  marginBrackets(instrumentId: InstrumentId): Promise<MarginBracket[]>;
  accountStates(): Promise<AccountMarginState[]>;
  /** Book top, last price and index constituents of a perp, to recompute its mark. */
  markInputs?(instrumentId: InstrumentId): MarkInputs | undefined;
  /** Dated futures the source lists (none when absent). */
  listFutures?(): FutureMarket[];
  futureSnapshot?(instrumentId: InstrumentId): FutureSnapshot | undefined;
  /** Standard or Binance Portfolio Margin for an account (the demo desk; venues decide it). */
  setMarginSystem?(accountId: string, system: 'standard' | 'portfolio'): void;
}
