/** Events main pushes to every renderer; names are `feature.pastTense`. */
import { z } from 'zod';
import { connectionsStateSchema } from './features/connections.api';
import { fundingBoardSchema } from './features/funding.api';
import { marginAlertSchema, marginReportSchema } from './features/margin.api';
import { basisUpdatedSchema } from './features/basis.api';
import { riskProgressSchema, riskSummarySchema } from './features/risk.api';
import { surfaceFitSummarySchema } from './features/surface.api';
import {
  surfaceModelsEventSchema,
  surfaceModelsProgressSchema,
} from './features/surface-models.schemas';
import { bookSnapshotSchema, underlyingStateSchema } from './schemas';

export const events = {
  /** A full revaluation of the book (throttled; a few per second at most). */
  'book.updated': bookSnapshotSchema,
  /** Underlying prices moved (every simulator or venue tick that changed something). */
  'market.ticked': z.object({
    tsMs: z.number().int(),
    underlyings: z.array(underlyingStateSchema),
  }),
  /** A surface was refitted (one event per underlying and model). */
  'surface.updated': surfaceFitSummarySchema,
  /** Basis: live mNAV/premium/z-score (throttled) or a new daily model report. */
  'basis.updated': basisUpdatedSchema,
  /** The funding board: rates side by side and the book's funding P&L (about once a second). */
  'funding.updated': fundingBoardSchema,
  /** Margin ratios, liquidation prices and ladders of every derivatives account (throttled). */
  'margin.updated': marginReportSchema,
  /** An account's margin ratio crossed a band (with hysteresis); persisted until acknowledged. */
  'margin.alerted': marginAlertSchema,
  /** Progress of a liquidation-probability run. */
  'margin.probabilityProgressed': z.object({
    requestId: z.string(),
    accountId: z.string(),
    pathsDone: z.number().int().nonnegative(),
    pathsTotal: z.number().int().positive(),
  }),
  /** Progress of a risk run (throttled, a few per second). */
  'risk.progressed': riskProgressSchema,
  /** A risk run ended (done, failed or cancelled): headline VaR and the dashboard heatmap. */
  'risk.updated': riskSummarySchema,
  /** A connection was added, changed or removed, a venue's health changed, or the desk switched. */
  'connections.changed': connectionsStateSchema,
  /** A Heston/Merton model-risk run of one underlying ended (done, cancelled or failed). */
  'surface.modelsCalibrated': surfaceModelsEventSchema,
  /** A model-risk run entered a stage (calibrating Heston, Merton, smiles, book). */
  'surface.modelsProgressed': surfaceModelsProgressSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
