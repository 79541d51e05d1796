/**
 * What every risk job receives: the live book as a `BookFile` (positions, instruments, the
 * market's quotes and underlyings at `asOfMs`, and the daily history from the store) and the
 * run's settings. Jobs re-derive the revaluation view from it, so a job is a pure function of
 * plain data that any worker can run.
 */
import type { BookFile } from '../../domain/book-file';
import { riskBookFromJson, type RiskBookInput } from '../risk/book-input';
import type { Copula } from '../risk/factor-model';
import { volDynamicsNote, withStickyDelta, type RiskVolDynamics } from '../risk/sticky-delta';

export interface RiskJobSettings {
  horizonsDays: number[];
  confidences: number[];
  /** Historical window (1-day returns) and the factor model's estimation window. */
  windowDays: number;
  /** Age-weight decay of EWMA-weighted historical simulation. */
  ewmaWeightLambda: number;
  mcPaths: number;
  mcSeed: number;
  copula: Copula;
}

export const DEFAULT_RISK_SETTINGS: RiskJobSettings = {
  horizonsDays: [1, 5, 10, 21],
  confidences: [0.95, 0.99],
  windowDays: 500,
  ewmaWeightLambda: 0.97,
  mcPaths: 100_000,
  mcSeed: 1,
  copula: { kind: 'gaussian' },
};

export interface RiskJobInput {
  book: BookFile;
  settings: RiskJobSettings;
  /**
   * How option vols follow spot moves: absent or sticky-strike keeps each strike's vol;
   * sticky-delta moves them along the underlyings' fitted smiles (`risk/sticky-delta.ts`).
   */
  vols?: RiskVolDynamics | undefined;
}

export interface PreparedBook extends RiskBookInput {
  /** What the spot moves did to vols, for the run's notes. */
  volNote: string;
}

/** Progress and cancellation hooks of a job (checked between chunks). */
export interface JobHooks {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Clock in ms for compute timings (pure code reads none itself); timings are 0 without it. */
  clock?: () => number;
}

export class RiskJobCancelledError extends Error {
  override name = 'RiskJobCancelledError';
}

export function checkCancelled(hooks: JobHooks): void {
  if (hooks.isCancelled?.()) throw new RiskJobCancelledError('risk job cancelled');
}

/** Validates the book (zod) and builds the revaluation view under the run's vol dynamics. */
export function prepareBook(input: RiskJobInput): PreparedBook {
  const prepared = riskBookFromJson(input.book);
  const vols = input.vols;
  if (vols?.stickiness !== 'sticky-delta')
    return { ...prepared, volNote: volDynamicsNote('sticky-strike', undefined) };
  const sticky = withStickyDelta(prepared.book, vols.smiles, input.book.asOfMs);
  return { ...prepared, book: sticky.book, volNote: volDynamicsNote('sticky-delta', sticky) };
}

export function clockOf(hooks: JobHooks): () => number {
  return hooks.clock ?? (() => 0);
}
