/** Events main pushes to every renderer; names are `feature.pastTense`. */
import { z } from 'zod';
import { basisUpdatedSchema } from './features/basis.api';
import { surfaceFitSummarySchema } from './features/surface.api';
import { bookSnapshotSchema, underlyingStateSchema } from './schemas';

export const events = {
  /** A full revaluation of the book (throttled; a few per second at most). */
  'book.updated': bookSnapshotSchema,
  /** Underlying prices moved (every simulator or venue tick that changed something). */
  'market.ticked': z.object({
    tsMs: z.number().int(),
    underlyings: z.array(underlyingStateSchema),
  }),
  /** Basis: live mNAV/premium/z-score (throttled) or a new daily model report. */
  'basis.updated': basisUpdatedSchema,
  /** A surface was refitted (one event per underlying and model). */
  'surface.updated': surfaceFitSummarySchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
