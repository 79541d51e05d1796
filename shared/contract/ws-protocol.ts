/**
 * Framing of the contract over WebSocket (headless host <-> browser). Requests and results are
 * matched by id; events are pushed unsolicited. Every incoming frame is validated.
 */
import { z } from 'zod';

export const clientFrameSchema = z.object({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  key: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('result'),
    id: z.number().int(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({
        ok: z.literal(false),
        error: z.object({ kind: z.string(), message: z.string() }),
      }),
    ]),
  }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Largest frame the host accepts from a client (requests are small; junk is cut off early). */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;
/** WebSocket close code the host uses when the token is wrong. */
export const WS_UNAUTHORIZED = 4401;
