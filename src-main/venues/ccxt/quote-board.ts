/**
 * The latest cleaned quote of every subscribed instrument of one venue. Feeds deliver partial
 * patches; each is merged over what the instrument had, cleaned, and either accepted (the merged
 * state moves on) or dropped and counted (the previous state stays), so one junk message never
 * poisons later ones.
 */
import type { InstrumentId } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import { QualityCounter } from './data-quality';
import { cleanQuote, mergePatch, type QuotePatch } from './map-quote';
import type { PatchMap } from './quote-feeds';

export class QuoteBoard {
  readonly quality = new QualityCounter();
  private patches = new Map<InstrumentId, QuotePatch>();
  private quotes = new Map<InstrumentId, Quote>();

  constructor(private readonly resolve: (symbol: string) => InstrumentId | undefined) {}

  /** Applies a batch; returns the quotes that changed. */
  apply(batch: PatchMap, receivedMs: number): Quote[] {
    const changed: Quote[] = [];
    for (const [symbol, patch] of Object.entries(batch)) {
      const id = this.resolve(symbol);
      if (id === undefined) {
        // A symbol we did not subscribe (a venue broadcasting its whole list): not an error.
        continue;
      }
      const merged = mergePatch(this.patches.get(id), patch);
      const result = cleanQuote(id, merged, receivedMs);
      if ('reason' in result) {
        this.quality.drop(result.reason);
        continue;
      }
      this.quality.kept();
      this.patches.set(id, merged);
      this.quotes.set(id, result.quote);
      changed.push(result.quote);
    }
    return changed;
  }

  quote(id: InstrumentId): Quote | undefined {
    return this.quotes.get(id);
  }

  all(): Quote[] {
    return [...this.quotes.values()];
  }

  /** The venue's price 24 hours ago (live day P&L reference). */
  open24h(id: InstrumentId): number | undefined {
    return this.patches.get(id)?.open24h;
  }

  /** Forget instruments no longer subscribed. */
  retain(ids: ReadonlySet<InstrumentId>): void {
    for (const id of [...this.quotes.keys()]) {
      if (!ids.has(id)) {
        this.quotes.delete(id);
        this.patches.delete(id);
      }
    }
  }
}
