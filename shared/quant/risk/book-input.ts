/**
 * From a saved book (BookFile JSON, as read from disk or received over the wire) to the inputs
 * of the risk methods: validated with the contract's zod schema, flattened with
 * `buildPortfolio`, compressed into the revaluation view. Errors are `BookInputError`s with one
 * readable message (the first schema issues with their paths, or the position that cannot be
 * priced), never a stack of zod internals.
 */
import { bookFileSchema } from '../../contract/book-file-schema';
import type { BookFile } from '../../domain/book-file';
import {
  buildPortfolio,
  MODEL_OPTION,
  PortfolioBuildError,
  type Portfolio,
} from '../book/portfolio';
import { buildRevalBook, type RevalBook } from './reval-rows';
import type { PositionLiquidity } from './stress';

export class BookInputError extends Error {
  override name = 'BookInputError';
}

export interface RiskBookInput {
  file: BookFile;
  portfolio: Portfolio;
  book: RevalBook;
}

export function parseBookFile(value: unknown): BookFile {
  const parsed = bookFileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more =
      parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new BookInputError(`invalid book file: ${issues.join('; ')}${more}`);
  }
  return parsed.data;
}

export function riskBookFromFile(file: BookFile): RiskBookInput {
  if (file.positions.length === 0) throw new BookInputError('the book has no positions');
  const instruments = new Map(file.instruments.map((i) => [i.id, i]));
  const quotes = new Map(file.quotes.map((q) => [q.instrumentId, q]));
  let portfolio: Portfolio;
  try {
    portfolio = buildPortfolio(
      file.positions,
      instruments,
      { underlyings: file.underlyings, quotes },
      file.asOfMs,
    );
  } catch (err) {
    if (err instanceof PortfolioBuildError) throw new BookInputError(err.message);
    throw err;
  }
  return { file, portfolio, book: buildRevalBook(portfolio) };
}

/** Parses and prepares in one step (CLI, worker jobs). */
export function riskBookFromJson(value: unknown): RiskBookInput {
  return riskBookFromFile(parseBookFile(value));
}

/**
 * Exit-cost inputs of liquidity stress: each position's absolute USD value, and its relative
 * half spread (ask - bid) / (ask + bid) where the quote has both sides (NaN otherwise).
 */
export function positionLiquidity(input: RiskBookInput): PositionLiquidity {
  const { portfolio: p, book, file } = input;
  const quotes = new Map(file.quotes.map((q) => [q.instrumentId, q]));
  const valueUsd = new Float64Array(p.n);
  const halfSpreadRel = new Float64Array(p.n).fill(Number.NaN);
  file.positions.forEach((pos, i) => {
    const row = book.positionRow[i] as number;
    valueUsd[i] =
      p.model[i] === MODEL_OPTION
        ? Math.abs((p.units[i] as number) * (book.options.value0[row] as number))
        : Math.abs((p.units[i] as number) * (p.linearPrice0[i] as number));
    const q = quotes.get(pos.instrumentId);
    if (q?.bid !== undefined && q.ask !== undefined && q.ask >= q.bid)
      halfSpreadRel[i] = (q.ask - q.bid) / (q.ask + q.bid);
  });
  return { valueUsd, halfSpreadRel };
}
