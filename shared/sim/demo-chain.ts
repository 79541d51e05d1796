/**
 * The demo desk's full option chain of one underlying at one market view: every listed strike
 * and expiry, calls and puts, quoted like the book's instruments. Pure (it prices hundreds of
 * American options), so the app runs it in a compute worker, never on main.
 */
import type { Instrument } from '../domain/instrument';
import type { Quote } from '../domain/quote';
import { chainSpec, listChain } from './demo-instruments';
import { quoteInstrument, type DemoMarketView } from './demo-quotes';
import { DEMO_UNDERLYINGS, type DemoUnderlying } from './demo-universe';

export interface QuotedChain {
  underlying: string;
  tsMs: number;
  instruments: Instrument[];
  quotes: Quote[];
}

export function quoteDemoChain(view: DemoMarketView, underlying: string): QuotedChain {
  if (!(DEMO_UNDERLYINGS as readonly string[]).includes(underlying)) {
    throw new Error(`the demo desk lists no options on "${underlying}"`);
  }
  const u = underlying as DemoUnderlying;
  const instruments = listChain(chainSpec(u, view.spot[u], view.tsMs));
  const quotes = instruments.flatMap((i) => quoteInstrument(i, view) ?? []);
  return { underlying, tsMs: view.tsMs, instruments, quotes };
}
