/**
 * Samples the sources each second for the Funding screen's checks: per perpetual the book top
 * and Cerberus' own index (a 30 s window of basis samples feeds the mark formula), per dated
 * future the index inside its delivery window (the settlement estimate). The maths is the pure
 * `mark-check.ts` and `futures-board.ts`; this keeps the rolling windows.
 */
import type { PerpMarket } from '../../../shared/domain/derivatives';
import type { PriceSample } from '../../../shared/quant/perps/delivery';
import {
  futureRow,
  keepsIndexSamples,
  type FutureRow,
} from '../../../shared/quant/perps-live/futures-board';
import {
  cerberusIndex,
  markCheck,
  pushBasisSample,
  type BasisSample,
  type MarkCheck,
} from '../../../shared/quant/perps-live/mark-check';
import type { DerivativesSource } from '../../venues/derivatives-source';

export class MarketChecks {
  private basis = new Map<string, BasisSample[]>();
  private index = new Map<string, PriceSample[]>();

  /** Takes this instant's samples and returns the checks (call about once a second). */
  update(
    nowMs: number,
    perps: readonly { market: PerpMarket; source: DerivativesSource }[],
    sources: readonly DerivativesSource[],
  ): { marks: MarkCheck[]; futures: FutureRow[] } {
    return { marks: this.marks(nowMs, perps), futures: this.futures(nowMs, sources) };
  }

  private marks(
    nowMs: number,
    perps: readonly { market: PerpMarket; source: DerivativesSource }[],
  ): MarkCheck[] {
    const out: MarkCheck[] = [];
    const seen = new Set<string>();
    for (const { market, source } of perps) {
      const id = market.instrumentId;
      const snap = source.fundingSnapshot(id);
      if (!snap || !(snap.markPrice > 0 && snap.indexPrice > 0)) continue;
      seen.add(id);
      const inputs = source.markInputs?.(id);
      let samples = this.basis.get(id) ?? [];
      if (inputs?.bid !== undefined && inputs.ask !== undefined) {
        const idx = cerberusIndex(market, inputs, snap.indexPrice, nowMs);
        samples = pushBasisSample(samples, {
          tsMs: nowMs,
          bid: inputs.bid,
          ask: inputs.ask,
          index: idx.price,
        });
        this.basis.set(id, samples);
      }
      out.push(markCheck(market, snap, inputs, samples, nowMs));
    }
    for (const id of this.basis.keys()) if (!seen.has(id)) this.basis.delete(id);
    return out;
  }

  private futures(nowMs: number, sources: readonly DerivativesSource[]): FutureRow[] {
    const out: FutureRow[] = [];
    const seen = new Set<string>();
    for (const source of sources) {
      for (const market of source.listFutures?.() ?? []) {
        const id = market.instrumentId;
        if (seen.has(id)) continue;
        const snap = source.futureSnapshot?.(id);
        if (!snap) continue;
        seen.add(id);
        let samples = this.index.get(id) ?? [];
        if (keepsIndexSamples(market, nowMs)) {
          const windowStart = market.expiryMs - market.settlementWindowMinutes * 60_000;
          samples = [
            ...samples.filter((s) => s.tsMs >= windowStart - 60_000 && s.tsMs < nowMs),
            { tsMs: nowMs, price: snap.indexPrice },
          ];
          this.index.set(id, samples);
        }
        const row = futureRow(market, snap, samples, nowMs);
        if (row) out.push(row);
      }
    }
    for (const id of this.index.keys()) if (!seen.has(id)) this.index.delete(id);
    return out.sort((a, b) => a.underlying.localeCompare(b.underlying) || a.expiryMs - b.expiryMs);
  }
}
