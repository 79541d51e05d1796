/** A seeded job input for the risk-live tests: a synthetic book with 620 days of history. */
import type { BookFile } from '../../../shared/domain/book-file';
import {
  DEFAULT_RISK_SETTINGS,
  type RiskJobInput,
} from '../../../shared/quant/risk-live/job-input';
import { syntheticBook, syntheticHistory } from '../risk/synthetic-book';

export function fixtureBook(positions = 30, seed = 5): BookFile {
  const book = syntheticBook({ positions, underlyings: 4, seed });
  return { ...book, history: syntheticHistory(book, 620, seed + 1) };
}

export function fixtureInput(overrides: Partial<RiskJobInput['settings']> = {}): RiskJobInput {
  return {
    book: fixtureBook(),
    settings: {
      ...DEFAULT_RISK_SETTINGS,
      horizonsDays: [1, 10],
      mcPaths: 6000,
      mcSeed: 3,
      ...overrides,
    },
  };
}
