/**
 * American Greeks. Method 'accurate' where the ALO boundary applies: alo-greeks.ts (one boundary
 * for the spot Greeks, theta from the PDE, vega from time-scaling invariance, warm-started
 * boundaries for rho and phi). Otherwise central finite differences on the chosen pricer (tree:
 * delta, gamma and theta straight from the tree nodes). Choices that keep the differences smooth:
 * - spot bumps reuse one ALO boundary (it does not depend on spot), so delta and gamma differ
 *   only through the final integral; bump h_S = S * max(1e-5, 0.01 vol sqrt(T));
 * - the ALO scheme is fixed from the unbumped input, so a bump never switches scheme;
 * - vol bump 1e-3 vol (min 1e-5), rate and yield bumps 1e-5 (absolute);
 * - theta moves the valuation date: expiry and every dividend date come h closer, with
 *   h = min(1 day, T/4, half the time to the next dividend), so no dividend crosses today.
 * Units: vega per 1.00 vol, rho and phi per 1.00 of rate and yield, theta per calendar year.
 */
import type { BsmInput } from '../pricing/types';
import { pricingRegime } from '../pricing/validate';
import { aloGreeks } from './alo-greeks';
import { chooseAloScheme } from './alo-american';
import type {
  AmericanGreeks,
  AmericanInput,
  AmericanMethod,
  AmericanOptions,
} from './american-types';
import { binomialTree } from './binomial-tree';
import { dividendsPresentValue } from './escrowed-dividends';
import { escrowedInput, escrowedSpotPricer, priceAmerican } from './price-american';

const ONE_DAY = 1 / 365;

function withFixedScheme(
  base: BsmInput,
  method: AmericanMethod,
  opts: AmericanOptions,
): AmericanOptions {
  if (method !== 'accurate' || opts.scheme !== undefined) return opts;
  const rPut = base.type === 'put' ? base.rate : base.carryYield;
  const qPut = base.type === 'put' ? base.carryYield : base.rate;
  return { ...opts, scheme: chooseAloScheme(rPut, qPut, base.volAnnual, base.tYears) };
}

function thetaStep(input: AmericanInput): number {
  let h = Math.min(ONE_DAY, input.tYears / 4);
  for (const d of input.dividends ?? []) if (d.tYears > 0) h = Math.min(h, d.tYears / 2);
  return h;
}

/** The same option seen `h` years later (expiry and dividend dates h closer). */
function later(input: AmericanInput, h: number): AmericanInput {
  const shifted: AmericanInput = { ...input, tYears: input.tYears - h };
  if (input.dividends !== undefined) {
    shifted.dividends = input.dividends.map((d) => ({ tYears: d.tYears - h, amount: d.amount }));
  }
  return shifted;
}

function central(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** Price and first/second-order Greeks of an American option. Throws PricingInputError on bad input. */
export function americanGreeks(
  input: AmericanInput,
  method: AmericanMethod,
  opts: AmericanOptions = {},
): AmericanGreeks {
  const base = escrowedInput(input);
  const o = withFixedScheme(base, method, opts);
  const reprice = (changed: AmericanInput) => priceAmerican(changed, method, o);
  const { tYears: t, volAnnual: vol } = base;
  if (t === 0) {
    const price = priceAmerican(input, method, o);
    const itm = base.type === 'call' ? base.spot > base.strike : base.spot < base.strike;
    return {
      price,
      delta: itm ? (base.type === 'call' ? 1 : -1) : 0,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
      phi: 0,
    };
  }
  if (method === 'accurate' && o.scheme !== undefined && pricingRegime(t, vol) === 'lognormal') {
    const fast = aloGreeks(input, base, o.scheme);
    if (fast !== undefined) return fast;
  }
  let price: number;
  let delta: number;
  let gamma: number;
  let theta: number;
  if (method === 'tree' && vol * Math.sqrt(t) > 1e-10) {
    const tree = binomialTree(base, { steps: o.treeSteps ?? 1001, kind: o.treeKind ?? 'lr' });
    price = Math.max(tree.price, priceAmerican(input, method, o));
    delta = tree.delta;
    gamma = tree.gamma;
    // The tree holds S* fixed; S* = S - PV(D) drifts by -r PV(D) per year at fixed S.
    theta = tree.theta - delta * base.rate * dividendsPresentValue(input.dividends, base.rate, t);
  } else {
    const pricer = escrowedSpotPricer(base, method, o);
    const s = base.spot;
    const hS = s * Math.max(1e-5, 0.01 * vol * Math.sqrt(t));
    price = pricer(s);
    const up = pricer(s + hS);
    const down = pricer(s - hS);
    delta = (up - down) / (2 * hS);
    gamma = (up - 2 * price + down) / (hS * hS);
    const h = thetaStep(input);
    theta = (reprice(later(input, h)) - reprice(later(input, -h))) / (2 * h);
  }
  const hVol = Math.max(1e-5, 1e-3 * vol);
  const vega =
    vol > hVol
      ? central((v) => reprice({ ...input, volAnnual: v }), vol, hVol)
      : (reprice({ ...input, volAnnual: vol + hVol }) - price) / hVol;
  const hRate = 1e-5;
  const rho = central((r) => reprice({ ...input, rate: r }), input.rate, hRate);
  const phi = central((q) => reprice({ ...input, carryYield: q }), input.carryYield, hRate);
  return { price, delta, gamma, vega, theta, rho, phi };
}
