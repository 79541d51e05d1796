/** The live book as a risk input: options keep the vol the live valuation used (fitted surface). */
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../shared/domain/quote';
import type { BookSnapshot, PositionRisk } from '../../../shared/domain/valuation';
import { quotesWithValuationVols } from '../../../src-main/services/risk/risk-inputs';

const quote = (instrumentId: string, markIv?: number): Quote => ({
  instrumentId,
  tsMs: 1,
  mark: 10,
  ...(markIv !== undefined ? { markIv } : {}),
});
const risk = (instrumentId: string, iv: number | undefined, ivSource: PositionRisk['ivSource']) =>
  ({ instrumentId, iv, ivSource }) as PositionRisk;

describe('quotesWithValuationVols', () => {
  it('replaces the quote IV by the surface vol only where the valuation used the surface', () => {
    const snapshot = {
      risks: [
        risk('opt-a', 0.61, 'surface'),
        risk('opt-b', 0.7, 'quote'),
        risk('opt-c', 0.55, 'surface'),
        risk('perp', undefined, undefined),
      ],
    } as BookSnapshot;
    const out = quotesWithValuationVols(
      [quote('opt-a', 0.5), quote('opt-b', 0.7), quote('opt-c'), quote('perp')],
      snapshot,
    );
    expect(out.map((q) => q.markIv)).toEqual([0.61, 0.7, 0.55, undefined]);
  });
});
