/**
 * The basis hedge applied to a book. The book's MSTR delta D (shares: stock plus option deltas,
 * `deltaUnits` of every position on MSTR) behaves like D x h BTC, h = the hedge ratio in BTC
 * coins per MSTR share (beta x MSTR price / BTC price). So:
 *   BTC-equivalent MSTR exposure  E = D h          (coins; long MSTR = long BTC-equivalent)
 *   BTC needed to hedge the MSTR  -E
 *   the book's BTC delta          B = sum of deltaUnits on BTC (spot, perps, futures, options)
 *   residual                      E + B            (net BTC-equivalent exposure after what is held)
 *   to trade for a flat book      -(E + B)
 *   coverage                      -B / E           (1 = the BTC positions exactly offset the MSTR)
 */

export interface HedgeRiskRow {
  positionId: string;
  instrumentId: string;
  underlying: string;
  deltaUnits: number;
}

export interface HedgeLeg {
  positionId: string;
  instrumentId: string;
  deltaUnits: number;
}

export interface BookHedgeInput {
  risks: readonly HedgeRiskRow[];
  hedgeBtcPerShare: number;
  mstrSpotUsd: number;
  btcSpotUsd: number;
  mstrUnderlying?: string;
  btcUnderlying?: string;
}

export interface BookHedge {
  mstrDeltaShares: number;
  mstrDeltaUsd: number;
  hedgeBtcPerShare: number;
  btcEquivalentOfMstr: number;
  btcToHedgeMstr: number;
  bookBtcDelta: number;
  residualBtc: number;
  residualUsd: number;
  btcToTrade: number;
  /** Null when the book has no MSTR delta. */
  coverage: number | null;
  mstrLegs: HedgeLeg[];
  btcLegs: HedgeLeg[];
}

export function bookBasisHedge(input: BookHedgeInput): BookHedge {
  const mstrId = input.mstrUnderlying ?? 'MSTR';
  const btcId = input.btcUnderlying ?? 'BTC';
  const { hedgeBtcPerShare: h, btcSpotUsd, mstrSpotUsd } = input;
  if (!Number.isFinite(h)) throw new RangeError(`hedge ratio must be finite, got ${h}`);
  const leg = (r: HedgeRiskRow): HedgeLeg => ({
    positionId: r.positionId,
    instrumentId: r.instrumentId,
    deltaUnits: r.deltaUnits,
  });
  const mstrLegs = input.risks.filter((r) => r.underlying === mstrId).map(leg);
  const btcLegs = input.risks.filter((r) => r.underlying === btcId).map(leg);
  const sum = (legs: HedgeLeg[]) => legs.reduce((s, l) => s + l.deltaUnits, 0);
  const mstrDeltaShares = sum(mstrLegs);
  const bookBtcDelta = sum(btcLegs);
  const e = mstrDeltaShares * h;
  const residualBtc = e + bookBtcDelta;
  return {
    mstrDeltaShares,
    mstrDeltaUsd: mstrDeltaShares * mstrSpotUsd,
    hedgeBtcPerShare: h,
    btcEquivalentOfMstr: e,
    btcToHedgeMstr: -e + 0,
    bookBtcDelta,
    residualBtc,
    residualUsd: residualBtc * btcSpotUsd,
    btcToTrade: -residualBtc + 0,
    coverage: e !== 0 ? -bookBtcDelta / e : null,
    mstrLegs,
    btcLegs,
  };
}
