/**
 * The request map: every call the renderer (or a browser over WebSocket) can make to main.
 * Keys are `feature.verbNoun`; each has a zod input and output schema. Main's handlers are
 * declared `satisfies ApiHandlers`, so adding a key here without a handler fails to compile.
 */
import { z } from 'zod';
import {
  bookSnapshotSchema,
  candleBucketSchema,
  candleSchema,
  quoteSchema,
  riskLimitSchema,
  underlyingStateSchema,
} from './schemas';

const empty = z.object({}).strict();

export const appInfoSchema = z.object({
  name: z.literal('Cerberus'),
  version: z.string(),
  desk: z.enum(['demo', 'live']),
  dataDir: z.string(),
  transport: z.enum(['electron', 'websocket', 'in-process']),
  startedMs: z.number().int(),
  workers: z.number().int().nonnegative(),
});

export const api = {
  'app.getInfo': { input: empty, output: appInfoSchema },
  'book.getSnapshot': { input: empty, output: bookSnapshotSchema.nullable() },
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
  'limits.list': { input: empty, output: z.array(riskLimitSchema) },
} as const;

export type Api = typeof api;
export type ApiKey = keyof Api;
export type ApiInput<K extends ApiKey> = z.input<Api[K]['input']>;
export type ApiOutput<K extends ApiKey> = z.output<Api[K]['output']>;
export type AppInfo = z.infer<typeof appInfoSchema>;

export function isApiKey(key: unknown): key is ApiKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(api, key);
}
