import { z } from 'zod';
import type { BookFile } from '../domain/book-file';
import {
  accountSchema,
  instrumentSchema,
  positionSchema,
  quoteSchema,
  underlyingStateSchema,
} from './schemas';

export const dailyCloseSeriesSchema = z.object({
  underlying: z.string().min(1),
  source: z.enum(['recorded', 'synthetic', 'mixed']),
  points: z.array(z.object({ tsMs: z.number().int(), close: z.number().positive() })),
});

export const bookFileSchema = z
  .object({
    format: z.literal('cerberus.book'),
    version: z.literal(1),
    asOfMs: z.number().int().nonnegative(),
    baseCurrency: z.literal('USD'),
    accounts: z.array(accountSchema),
    instruments: z.array(instrumentSchema),
    positions: z.array(positionSchema),
    underlyings: z.array(underlyingStateSchema),
    quotes: z.array(quoteSchema),
    history: z.array(dailyCloseSeriesSchema).optional(),
  })
  .superRefine((book, ctx) => {
    const instrumentIds = new Set(book.instruments.map((i) => i.id));
    const accountIds = new Set(book.accounts.map((a) => a.id));
    book.positions.forEach((p, i) => {
      if (!instrumentIds.has(p.instrumentId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['positions', i, 'instrumentId'],
          message: `unknown instrument "${p.instrumentId}"`,
        });
      }
      if (!accountIds.has(p.accountId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['positions', i, 'accountId'],
          message: `unknown account "${p.accountId}"`,
        });
      }
    });
  }) satisfies z.ZodType<BookFile>;
