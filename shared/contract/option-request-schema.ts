/**
 * One option as the `cerberus price` / `cerberus iv` CLI reads it (JSON lines), validated with
 * zod so that bad input gets a message naming the field. Units: T in years (ACT/365), r, q and
 * sigma as decimals, prices in the underlying's currency.
 */
import { z } from 'zod';

const finite = (name: string) =>
  z.number({
    error: (i) =>
      i.input === undefined ? `${name} is required` : `${name} must be a finite number`,
  });
const positive = (name: string) => finite(name).positive({ error: `${name} must be > 0` });

const common = {
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  model: z.enum(['bsm', 'black76'], { error: 'model must be "bsm" or "black76"' }).default('bsm'),
  style: z
    .enum(['european', 'american'], { error: 'style must be "european" or "american"' })
    .default('european'),
  type: z.enum(['call', 'put'], { error: 'type must be "call" or "put"' }),
  S: positive('S').optional(),
  F: positive('F').optional(),
  K: positive('K'),
  T: positive('T'),
  r: finite('r').default(0),
  q: finite('q').default(0),
  discounted: z.boolean({ error: 'discounted must be true or false' }).default(true),
  dividends: z
    .array(
      z.object({
        t: finite('dividends[].t').nonnegative(),
        amount: finite('dividends[].amount').nonnegative(),
      }),
    )
    .optional(),
};

function checkUnderlying(
  v: { model: 'bsm' | 'black76'; style: string; S?: number | undefined; F?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.model === 'bsm' && v.S === undefined)
    ctx.addIssue({ code: 'custom', path: ['S'], message: 'S (spot) is required for model bsm' });
  if (v.model === 'black76' && v.F === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['F'],
      message: 'F (forward) is required for model black76',
    });
  if (v.model === 'black76' && v.style === 'american')
    ctx.addIssue({ code: 'custom', path: ['style'], message: 'american style needs model bsm' });
}

export const priceRequestSchema = z
  .object({ ...common, sigma: positive('sigma') })
  .superRefine(checkUnderlying);
export const ivRequestSchema = z
  .object({ ...common, price: finite('price') })
  .superRefine(checkUnderlying);

export type PriceRequest = z.output<typeof priceRequestSchema>;
export type IvRequest = z.output<typeof ivRequestSchema>;

/** First validation problem as one line: `sigma must be > 0`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  return issue.message;
}
