/**
 * The demo desk's inputs to Cerberus' own mark and index (book top, last price and simulated
 * spot constituents, `shared/sim/demo-index.ts`) and its dated futures (`shared/sim/
 * demo-futures.ts`) as a DerivativesSource reports them.
 */
import type { FutureMarket, FutureSnapshot, MarkInputs } from '../../../shared/domain/derivatives';
import type { FutureInstrument } from '../../../shared/domain/instrument';
import { demoConstituents } from '../../../shared/sim/demo-index';
import { demoFutures, SETTLEMENT_WINDOW_MINUTES } from '../../../shared/sim/demo-futures';
import { quoteInstrument, type DemoMarketView } from '../../../shared/sim/demo-quotes';
import type { DemoUnderlying } from '../../../shared/sim/demo-universe';
import { demoPerp } from './demo-perp-markets';

export function demoMarkInputs(
  view: DemoMarketView,
  seed: number,
  instrumentId: string,
): MarkInputs | undefined {
  const perp = demoPerp(instrumentId);
  if (!perp) return undefined;
  const q = quoteInstrument(perp.instrument, view);
  const u = perp.market.underlying as DemoUnderlying;
  return {
    instrumentId,
    tsMs: view.tsMs,
    bid: q?.bid,
    ask: q?.ask,
    lastPrice: q?.last,
    constituents: demoConstituents(seed, u, view.tsMs, view.spot[u]),
  };
}

function marketOf(f: FutureInstrument): FutureMarket {
  return {
    instrumentId: f.id,
    venue: f.venue,
    symbol: f.symbol,
    underlying: f.underlying,
    settlement: f.settlement,
    contractSize: f.contractSize,
    expiryMs: f.expiryMs,
    settlementWindowMinutes: SETTLEMENT_WINDOW_MINUTES,
  };
}

export function demoFutureMarkets(nowMs: number): FutureMarket[] {
  return demoFutures(nowMs).map(marketOf);
}

export function demoFutureSnapshot(
  view: DemoMarketView,
  instrumentId: string,
): FutureSnapshot | undefined {
  const inst = demoFutures(view.tsMs).find((f) => f.id === instrumentId);
  if (!inst) return undefined;
  const q = quoteInstrument(inst, view);
  if (!q) return undefined;
  return {
    instrumentId,
    tsMs: view.tsMs,
    markPrice: q.mark,
    indexPrice: view.spot[inst.underlying as DemoUnderlying],
    bid: q.bid,
    ask: q.ask,
  };
}
