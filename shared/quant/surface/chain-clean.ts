import { black76Greeks } from '../pricing/black76';
import type { ChainExpiry, ChainQuote, OptionType } from './chain';
import { fillVolsFromPrices } from './quote-vols';

/**
 * Turns a raw expiry slice into the quotes a smile fit uses: one quote per strike (the
 * out-of-the-money side first, the other side only when the OTM quote is unusable), a target
 * implied vol and a weight. Missing bid/ask vols are solved from premiums where given. Bad quotes are skipped with a reason, never silently; a slice that is
 * left with too few strikes throws SliceUnusableError.
 */
export type FitTarget = 'auto' | 'mid' | 'mark';
export type FitWeighting = 'spread' | 'vega' | 'uniform';

export interface CleanOptions {
  /** 'auto' (default): the venue mark where given, else the bid/ask mid. */
  target?: FitTarget;
  /** Keep only quotes with a bid and an ask (default true): a strike nobody bids is not a market. */
  requireTwoSided?: boolean;
  /** Vol-space weights: inverse bid/ask spread (default), Black-76 vega, or uniform. */
  weighting?: FitWeighting;
  /** Fewest usable strikes a slice needs (default 5; never below 3). */
  minStrikes?: number;
}

export interface CleanQuote {
  strike: number;
  /** ln(strike / forward). */
  k: number;
  type: OptionType;
  /** The implied vol the fit aims at (decimal). */
  targetIv: number;
  bidIv?: number;
  askIv?: number;
  markIv?: number;
  midIv?: number;
  /** Vol-space weight, normalised so the slice's weights sum to 1. */
  weight: number;
}

export interface SkippedQuote {
  strike: number;
  type: OptionType;
  reason: string;
}

export interface CleanSlice {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
  quotes: CleanQuote[];
  skipped: SkippedQuote[];
}

export class SliceUnusableError extends Error {
  override name = 'SliceUnusableError';
  constructor(
    readonly expiry: string,
    readonly reason: string,
  ) {
    super(`expiry ${expiry}: ${reason}`);
  }
}

/** Floor on the bid/ask spread used for weights: half a vol point. */
const MIN_SPREAD_VOL = 0.005;

function isBad(v: number | undefined): boolean {
  return v !== undefined && !Number.isFinite(v);
}

function present(v: number | undefined): v is number {
  return v !== undefined && v > 0;
}

/** Why a quote cannot be used, or its target vol. */
function assess(
  q: ChainQuote,
  target: FitTarget,
  twoSided: boolean,
): { reason: string } | { iv: number; mid?: number } {
  if (!Number.isFinite(q.strike) || !(q.strike > 0)) return { reason: 'invalid strike' };
  if (isBad(q.bidIv) || isBad(q.askIv) || isBad(q.midIv) || isBad(q.markIv))
    return { reason: 'non-finite vol' };
  if (present(q.bidIv) && present(q.askIv) && q.bidIv > q.askIv)
    return { reason: 'crossed (bid > ask)' };
  const hasBid = present(q.bidIv);
  const hasAsk = present(q.askIv);
  if (twoSided && !hasBid) return { reason: 'no bid' };
  if (twoSided && !hasAsk) return { reason: 'no ask' };
  const mid = present(q.midIv)
    ? q.midIv
    : hasBid && hasAsk
      ? ((q.bidIv as number) + (q.askIv as number)) / 2
      : undefined;
  const mark = present(q.markIv) ? q.markIv : undefined;
  const iv = target === 'mark' ? mark : target === 'mid' ? mid : (mark ?? mid);
  if (iv === undefined)
    return {
      reason:
        target === 'mark'
          ? 'no mark vol'
          : target === 'mid'
            ? 'no two-sided mid'
            : 'no mark or mid vol',
    };
  return mid === undefined ? { iv } : { iv, mid };
}

export function cleanSlice(slice: ChainExpiry, options: CleanOptions = {}): CleanSlice {
  const target = options.target ?? 'auto';
  const twoSided = options.requireTwoSided ?? true;
  const weighting = options.weighting ?? 'spread';
  const minStrikes = Math.max(3, options.minStrikes ?? 5);
  const { forward, tYears } = slice;
  if (!Number.isFinite(forward) || !(forward > 0))
    throw new SliceUnusableError(slice.expiry, 'forward must be a positive number');
  if (!Number.isFinite(tYears) || !(tYears > 0))
    throw new SliceUnusableError(slice.expiry, 'expiry is not after the chain time (tYears <= 0)');

  const byStrike = new Map<number, ChainQuote[]>();
  const skipped: SkippedQuote[] = [];
  for (const q of slice.quotes) {
    if (!Number.isFinite(q.strike) || !(q.strike > 0)) {
      skipped.push({ strike: q.strike, type: q.type, reason: 'invalid strike' });
      continue;
    }
    const list = byStrike.get(q.strike);
    if (list) list.push(q);
    else byStrike.set(q.strike, [q]);
  }
  const quotes: CleanQuote[] = [];
  for (const strike of [...byStrike.keys()].sort((x, y) => x - y)) {
    const otm: OptionType = strike >= forward ? 'call' : 'put';
    const candidates = (byStrike.get(strike) as ChainQuote[])
      .slice()
      .sort((x, y) => Number(y.type === otm) - Number(x.type === otm));
    let used = false;
    for (const raw of candidates) {
      if (used) {
        skipped.push({ strike, type: raw.type, reason: 'other side of the strike used' });
        continue;
      }
      const filled = fillVolsFromPrices(raw, forward, tYears);
      if ('reason' in filled) {
        skipped.push({ strike, type: raw.type, reason: filled.reason });
        continue;
      }
      const q = filled.quote;
      const verdict = assess(q, target, twoSided);
      if ('reason' in verdict) {
        skipped.push({ strike, type: q.type, reason: verdict.reason });
        continue;
      }
      used = true;
      const cq: CleanQuote = {
        strike,
        k: Math.log(strike / forward),
        type: q.type,
        targetIv: verdict.iv,
        weight: 1,
      };
      if (present(q.bidIv)) cq.bidIv = q.bidIv;
      if (present(q.askIv)) cq.askIv = q.askIv;
      if (present(q.markIv)) cq.markIv = q.markIv;
      if (verdict.mid !== undefined) cq.midIv = verdict.mid;
      quotes.push(cq);
    }
  }
  if (quotes.length < minStrikes) {
    const counts = new Map<string, number>();
    for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
    const detail = [...counts].map(([r, n]) => `${r}: ${n}`).join(', ');
    throw new SliceUnusableError(
      slice.expiry,
      `only ${quotes.length} usable strike${quotes.length === 1 ? '' : 's'} (need ${minStrikes})` +
        (detail ? `; skipped ${detail}` : ''),
    );
  }
  applyWeights(quotes, weighting, tYears, forward);
  return { expiry: slice.expiry, expiryMs: slice.expiryMs, tYears, forward, quotes, skipped };
}

function applyWeights(
  quotes: CleanQuote[],
  weighting: FitWeighting,
  tYears: number,
  forward: number,
): void {
  const raw = quotes.map((q) => {
    if (weighting === 'uniform') return 1;
    if (weighting === 'vega') {
      return (
        black76Greeks({
          type: q.type,
          forward,
          strike: q.strike,
          tYears,
          rate: 0,
          volAnnual: q.targetIv,
          discounted: false,
        }).vega / forward
      );
    }
    return q.bidIv !== undefined && q.askIv !== undefined
      ? 1 / Math.max(q.askIv - q.bidIv, MIN_SPREAD_VOL)
      : NaN;
  });
  // One-sided quotes under spread weighting take the weakest two-sided weight.
  const finite = raw.filter((x) => Number.isFinite(x) && x > 0);
  const fill = finite.length > 0 ? Math.min(...finite) : 1;
  const filled = raw.map((x) => (Number.isFinite(x) && x > 0 ? x : fill));
  const total = filled.reduce((s, x) => s + x, 0);
  quotes.forEach((q, i) => {
    q.weight = (filled[i] as number) / total;
  });
}
