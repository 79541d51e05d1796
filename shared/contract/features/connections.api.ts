/**
 * Connections: live venue connections through ccxt (Binance USD-M, Bybit, OKX, Deribit), their
 * read-only API keys, health, and the desk switch (demo desk or live venues).
 *
 * Keys go in (`connections.save`) and never come out: every output carries at most the last four
 * characters of a key. Output objects are strict, so a stray secret field fails validation
 * instead of reaching a screen.
 */
import { z } from 'zod';
import { empty } from '../common';

export const liveVenueSchema = z.enum(['binanceusdm', 'bybit', 'okx', 'deribit']);
export type LiveVenue = z.infer<typeof liveVenueSchema>;
export const deskSchema = z.enum(['demo', 'live']);
export type Desk = z.infer<typeof deskSchema>;

const id = z.string().min(1).max(64);
const tsMs = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

export const venueStateSchema = z.enum([
  'idle',
  'connecting',
  'connected',
  'stale',
  'error',
  'stopped',
]);

export const venueHealthSchema = z.strictObject({
  state: venueStateSchema,
  stale: z.boolean(),
  /** How quotes arrive: websocket stream, or REST polling (no stream or after failures). */
  mode: z.enum(['stream', 'poll', 'idle']),
  lastMessageMs: tsMs.optional(),
  lastError: z.string().max(400).optional(),
  lastErrorMs: tsMs.optional(),
  consecutiveFailures: count,
  reconnects: count,
  rateLimited: z.boolean(),
  backoffMs: count.optional(),
  nextRetryMs: tsMs.optional(),
  subscribed: count,
  quality: z.strictObject({
    received: count,
    dropped: count,
    /** kept / received in [0, 1]. */
    score: z.number().min(0).max(1),
    reasons: z.record(z.string(), count),
  }),
});
export type VenueHealth = z.infer<typeof venueHealthSchema>;

export const keyPermissionsSchema = z.strictObject({
  checked: z.boolean(),
  canTrade: z.boolean().optional(),
  canWithdraw: z.boolean().optional(),
  detail: z.string().max(400),
  checkedMs: tsMs,
});

export const connectionViewSchema = z.strictObject({
  id,
  venue: liveVenueSchema,
  label: z.string(),
  sandbox: z.boolean(),
  hasKey: z.boolean(),
  /** `••••` and the key's last four characters; absent without a key. */
  apiKeyMasked: z.string().max(12).optional(),
  hasPassword: z.boolean(),
  createdMs: tsMs,
  updatedMs: tsMs,
  permissions: keyPermissionsSchema.optional(),
  /** Set when the key can trade or withdraw (Cerberus only reads). */
  warning: z.string().optional(),
  health: venueHealthSchema.optional(),
  /** Markets loaded from the venue; 0 until the venue answered. */
  instruments: count,
  positions: count,
  lastBookMs: tsMs.optional(),
  /** Why the venue is not open or the book not read (markets, keys, network). */
  problem: z.string().max(400).optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const venueInfoSchema = z.strictObject({
  venue: liveVenueSchema,
  label: z.string(),
  needsPassword: z.boolean(),
  keyHelp: z.string(),
});

export const connectionsStateSchema = z.strictObject({
  desk: deskSchema,
  storage: z.strictObject({
    kind: z.enum(['os-keychain', 'local-file']),
    description: z.string(),
    weaker: z.boolean(),
  }),
  venues: z.array(venueInfoSchema),
  connections: z.array(connectionViewSchema),
  /** Positions and accounts the live desk would show (all connected venues). */
  liveBook: z.strictObject({ accounts: count, positions: count, instruments: count }),
  nowMs: tsMs,
});
export type ConnectionsState = z.infer<typeof connectionsStateSchema>;

const secret = z.string().trim().min(1).max(512);

export const saveConnectionInputSchema = z
  .object({
    /** Absent: a new connection. */
    id: id.optional(),
    venue: liveVenueSchema,
    label: z.string().trim().min(1).max(60),
    sandbox: z.boolean(),
    /** Omitted on update: keep the stored key. Give both apiKey and secret to replace them. */
    apiKey: secret.optional(),
    secret: secret.optional(),
    password: secret.optional(),
    /** Drop the stored key (public data only). */
    clearKey: z.boolean().optional(),
  })
  .strict()
  .refine((v) => (v.apiKey === undefined) === (v.secret === undefined), {
    message: 'give the API key and its secret together',
  });
export type SaveConnectionInput = z.infer<typeof saveConnectionInputSchema>;

export const connectionTestSchema = z.strictObject({
  ok: z.boolean(),
  steps: z.array(
    z.strictObject({
      name: z.string(),
      ok: z.boolean(),
      ms: count,
      detail: z.string().max(400),
    }),
  ),
  connection: connectionViewSchema,
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const connectionsApi = {
  'connections.list': { input: empty, output: connectionsStateSchema },
  'connections.save': {
    input: saveConnectionInputSchema,
    output: z.strictObject({ saved: connectionViewSchema, state: connectionsStateSchema }),
  },
  'connections.remove': { input: z.object({ id }).strict(), output: connectionsStateSchema },
  'connections.test': { input: z.object({ id }).strict(), output: connectionTestSchema },
  'connections.setDesk': {
    input: z.object({ desk: deskSchema }).strict(),
    output: connectionsStateSchema,
  },
} as const;
