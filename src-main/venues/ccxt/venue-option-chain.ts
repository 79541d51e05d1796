/**
 * Option chains with implied vols, for the vol-surface feature. Deribit and Bybit answer
 * `fetchOptionChain` with prices, mark IV and the expiry's forward (Deribit's book summary has
 * no bid/ask IV: the surface solves them from the premiums). OKX's chain has prices only, so its
 * vols and forwards come from `fetchAllGreeks` (opt-summary) merged in.
 */
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import type { OptionChain } from '../venue-gateway';
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import type { QualityCounter } from './data-quality';
import { instrumentId } from './map-instrument';
import {
  cleanQuote,
  mergePatch,
  patchFromGreeks,
  patchFromOption,
  type QuotePatch,
} from './map-quote';

export interface ChainInputs {
  venue: CcxtVenueId;
  underlying: string;
  instrument: (id: string) => Instrument | undefined;
  nowMs: number;
  quality: QualityCounter;
}

async function chainPatches(ex: CcxtExchange, inp: ChainInputs): Promise<Map<string, QuotePatch>> {
  const patches = new Map<string, QuotePatch>();
  const chain = await ex.fetchOptionChain(inp.underlying);
  for (const [key, row] of Object.entries(chain)) {
    patches.set(row.symbol ?? key, patchFromOption(inp.venue, row));
  }
  if (inp.venue === 'okx') {
    const greeks = await ex.fetchAllGreeks(undefined, { uly: `${inp.underlying}-USD` });
    for (const [key, g] of Object.entries(greeks)) {
      const symbol = g.symbol ?? key;
      patches.set(symbol, mergePatch(patches.get(symbol), patchFromGreeks(inp.venue, g)));
    }
  }
  return patches;
}

export async function fetchVenueOptionChain(
  ex: CcxtExchange,
  inp: ChainInputs,
): Promise<OptionChain> {
  const patches = await chainPatches(ex, inp);
  const instruments: Instrument[] = [];
  const quotes: Quote[] = [];
  for (const [symbol, patch] of patches) {
    const inst = inp.instrument(instrumentId(inp.venue, symbol));
    if (!inst || inst.kind !== 'option' || inst.underlying !== inp.underlying) continue;
    const result = cleanQuote(inst.id, patch, inp.nowMs);
    if ('reason' in result) {
      inp.quality.drop(result.reason);
      continue;
    }
    inp.quality.kept();
    instruments.push(inst);
    quotes.push(result.quote);
  }
  if (quotes.length === 0) {
    throw new Error(`${inp.venue} returned no usable ${inp.underlying} option quotes`);
  }
  return { underlying: inp.underlying, tsMs: inp.nowMs, instruments, quotes };
}
