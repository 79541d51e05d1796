/**
 * Stress scenario files (`assets/scenarios/*.json`, editable in the app), validated with zod.
 *
 * Units: `spot` is a relative change (-0.5 = spot halves); `vol` a relative change of every
 * option's implied vol on the underlying (0.5 = vols x 1.5); `volPoints` an absolute change
 * (0.10 = +10 vol points); `rateShiftBps` a parallel shift of every option's rate in basis points.
 * Underlyings a scenario does not name take `default`, or follow another underlying through
 * `proxies` (x = beta * x_of on log spot moves; vol moves copied), so one file serves any book.
 * `liquidity` adds the cost of exiting every position at `spreadMultiplier` times its half
 * spread (quoted bid/ask, or the per-kind default in bps of value when a quote has none).
 * `correlation` pairs are used only for a stressed Monte Carlo VaR (they move no price).
 * A `grid` scenario expands into the product of its spot x vol x rate axes (IB's risk navigator).
 */
import { z } from 'zod';

const relChange = z.number().gt(-1, 'a relative change must be > -1 (-100%)').lt(100);

export const underlyingShockSchema = z
  .object({
    spot: relChange.optional(),
    vol: relChange.optional(),
    volPoints: z.number().gt(-5).lt(5).optional(),
  })
  .strict();

export const proxySchema = z
  .object({ of: z.string().min(1), beta: z.number().min(-10).max(10) })
  .strict();

export const liquiditySchema = z
  .object({
    spreadMultiplier: z.number().min(0).max(1000),
    defaultHalfSpreadBps: z
      .object({ linear: z.number().min(0).max(10000), option: z.number().min(0).max(10000) })
      .strict()
      .optional(),
  })
  .strict();

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case kebab (a-z, 0-9, -)'),
  name: z.string().min(1).max(120),
  description: z.string().max(2000),
  /** Where the numbers come from (data file and window, or a published source). */
  source: z.string().max(2000),
};

export const shockScenarioSchema = z
  .object({
    ...common,
    kind: z.enum(['historical', 'hypothetical', 'custom']),
    window: z.object({ from: z.string(), to: z.string() }).strict().optional(),
    shocks: z.record(z.string(), underlyingShockSchema),
    default: underlyingShockSchema.optional(),
    proxies: z.record(z.string(), proxySchema).optional(),
    rateShiftBps: z.number().min(-2000).max(2000).optional(),
    liquidity: liquiditySchema.optional(),
    correlation: z
      .array(z.object({ a: z.string(), b: z.string(), value: z.number().min(-1).max(1) }).strict())
      .optional(),
    /** Days that pass (options decay); 0 = instantaneous (default). */
    horizonDays: z.number().min(0).max(365).optional(),
  })
  .strict();

const axisSchema = z
  .object({ from: z.number(), to: z.number(), step: z.number().positive() })
  .strict()
  .refine((a) => a.to >= a.from, 'axis: to must be >= from')
  .refine((a) => (a.to - a.from) / a.step <= 100, 'axis: at most 100 steps');

export const gridScenarioSchema = z
  .object({
    ...common,
    kind: z.literal('grid'),
    spot: axisSchema,
    vol: axisSchema,
    rateShiftBps: z.array(z.number().min(-2000).max(2000)).min(1).max(20),
  })
  .strict();

export const scenarioSchema = z.discriminatedUnion('kind', [
  shockScenarioSchema,
  gridScenarioSchema,
]);

export type UnderlyingShock = z.infer<typeof underlyingShockSchema>;
export type ShockScenario = z.infer<typeof shockScenarioSchema>;
export type GridScenario = z.infer<typeof gridScenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Parses one scenario file's JSON value, with the file name in the message on failure. */
export function parseScenario(value: unknown, fileName = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ScenarioError(`${fileName}: invalid scenario: ${first}`);
  }
  return r.data;
}
