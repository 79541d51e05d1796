/**
 * Data cleaning for everything a venue sends: a row that fails a rule is dropped, never
 * repaired, and counted by reason so the Connections screen can show a quality score
 * (kept / received). Rules: prices finite and > 0, bid <= ask, timestamps in UTC milliseconds
 * (not seconds, not in the future beyond a small clock skew), rates finite and bounded.
 */

export const DROP_REASONS = [
  'not-finite',
  'non-positive-price',
  'crossed',
  'bad-timestamp',
  'no-price',
  'bad-iv',
  'bad-rate',
  'unknown-symbol',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface QualityReport {
  received: number;
  dropped: number;
  /** kept / received in [0, 1]; 1 before anything arrived. */
  score: number;
  reasons: Partial<Record<DropReason, number>>;
}

/** A venue clock a little ahead of ours is normal; minutes ahead is a unit or clock error. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Any earlier "millisecond" timestamp is really seconds (or garbage). */
export const MIN_VALID_TS_MS = Date.UTC(2010, 0, 1);
/** Implied vols above 2000% are payload errors (Deribit sends percent, others decimals). */
export const MAX_IV = 20;
/** A funding rate of 100% per interval is garbage whatever the venue. */
export const MAX_ABS_RATE = 1;

export class QualityCounter {
  private received = 0;
  private dropped = 0;
  private reasons: Partial<Record<DropReason, number>> = {};

  kept(): void {
    this.received++;
  }

  drop(reason: DropReason): void {
    this.received++;
    this.dropped++;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
  }

  report(): QualityReport {
    return {
      received: this.received,
      dropped: this.dropped,
      score: this.received === 0 ? 1 : (this.received - this.dropped) / this.received,
      reasons: { ...this.reasons },
    };
  }
}

/** A venue number as a finite number, or undefined (ccxt gives null/undefined for blanks). */
export function num(x: unknown): number | undefined {
  if (x === null || x === undefined || x === '') return undefined;
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  return n;
}

export function isFiniteNumber(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x);
}

/** Why a timestamp is unusable, or undefined when it is a plausible UTC millisecond instant. */
export function timestampProblem(tsMs: number, nowMs: number): DropReason | undefined {
  if (!Number.isFinite(tsMs) || !Number.isInteger(Math.round(tsMs))) return 'bad-timestamp';
  if (tsMs < MIN_VALID_TS_MS || tsMs > nowMs + MAX_CLOCK_SKEW_MS) return 'bad-timestamp';
  return undefined;
}
