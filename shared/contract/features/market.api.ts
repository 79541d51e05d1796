import { z } from 'zod';
import { empty } from '../common';
import { candleBucketSchema, candleSchema, quoteSchema, underlyingStateSchema } from '../schemas';

export const marketApi = {
  'market.getQuotes': {
    input: z.object({ instrumentIds: z.array(z.string().min(1)).max(5000).optional() }).strict(),
    output: z.array(quoteSchema),
  },
  'market.getUnderlyings': { input: empty, output: z.array(underlyingStateSchema) },
  'market.getCandles': {
    input: z
      .object({
        /** An instrument id, or an underlying (`BTC`, `MSTR`) for its reference price. */
        series: z.string().min(1).max(200),
        bucket: candleBucketSchema,
        fromMs: z.number().int().nonnegative().optional(),
        toMs: z.number().int().nonnegative().optional(),
        limit: z.number().int().positive().max(10_000).optional(),
      })
      .strict(),
    output: z.array(candleSchema),
  },
} as const;
