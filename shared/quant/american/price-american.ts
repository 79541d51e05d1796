/**
 * Public entry of the American pricers: validation, the escrowed-dividend adjustment, the
 * expiry and zero-vol limits, then one of three methods:
 * - 'bs2002'  : Bjerksund-Stensland 2002, a lower bound, typically 1e-4..1e-3 relative low;
 * - 'accurate': ALO integral equation, ~1e-5 relative or better (alo-american.ts);
 * - 'tree'    : Leisen-Reimer (default, 1001 steps) or CRR binomial tree.
 * Every result is floored at the immediate-exercise value on the escrowed spot.
 */
import { bsmPrice } from '../pricing/bsm';
import { pricingRegime, validateBsmInput } from '../pricing/validate';
import type { BsmInput } from '../pricing/types';
import { americanAccurateSpotPricer, type SpotPricer } from './alo-american';
import type { AmericanInput, AmericanMethod, AmericanOptions } from './american-types';
import { binomialTree } from './binomial-tree';
import { deterministicAmerican, exerciseValue } from './american-limits';
import { americanBs2002Price } from './bjerksund-stensland-2002';
import { escrowedSpot, validateDividends } from './escrowed-dividends';

const MODEL = 'american';
const DEFAULT_TREE_STEPS = 1001;

function intrinsic(input: BsmInput, spot: number): number {
  return exerciseValue(input.type === 'call' ? 1 : -1, spot, input.strike);
}

/** Validates and returns the dividend-free input on the escrowed spot. */
export function escrowedInput(input: AmericanInput): BsmInput {
  validateBsmInput(input, MODEL);
  validateDividends(input.dividends, MODEL);
  const spot = escrowedSpot(input.spot, input.dividends, input.rate, input.tYears, MODEL);
  const { type, strike, tYears, rate, carryYield, volAnnual } = input;
  return { type, spot, strike, tYears, rate, carryYield, volAnnual };
}

/**
 * A price function of the (escrowed) spot for an already escrowed input. For 'accurate' the
 * ALO boundary is solved once and shared by every spot, which keeps spot Greeks cheap and smooth.
 */
export function escrowedSpotPricer(
  base: BsmInput,
  method: AmericanMethod,
  opts: AmericanOptions = {},
): SpotPricer {
  const regime = pricingRegime(base.tYears, base.volAnnual);
  if (regime === 'expired') return (spot) => intrinsic(base, spot);
  if (regime === 'deterministic') {
    const { type, strike, tYears, rate, carryYield } = base;
    const sign = type === 'call' ? 1 : -1;
    return (spot) => deterministicAmerican(sign, spot, strike, tYears, rate, carryYield);
  }
  let raw: SpotPricer;
  if (method === 'bs2002') {
    const fallback = (spot: number) => americanAccurateSpotPricer({ ...base, spot })(spot);
    raw = (spot) => {
      const v = americanBs2002Price({ ...base, spot });
      return Number.isNaN(v) ? fallback(spot) : v;
    };
  } else if (method === 'accurate') {
    raw = americanAccurateSpotPricer(base, opts.scheme);
  } else if (method === 'tree') {
    const spec = {
      steps: opts.treeSteps ?? DEFAULT_TREE_STEPS,
      kind: opts.treeKind ?? 'lr',
    } as const;
    // A coarse tree can dip below the European value; the exact European is a valid floor.
    raw = (spot) =>
      Math.max(binomialTree({ ...base, spot }, spec).price, bsmPrice({ ...base, spot }));
  } else {
    throw new RangeError(`priceAmerican: unknown method ${String(method)}`);
  }
  return (spot) => Math.max(raw(spot), intrinsic(base, spot));
}

/** Price of an American option per unit of underlying. Throws PricingInputError on bad input. */
export function priceAmerican(
  input: AmericanInput,
  method: AmericanMethod,
  opts: AmericanOptions = {},
): number {
  const base = escrowedInput(input);
  return escrowedSpotPricer(base, method, opts)(base.spot);
}
