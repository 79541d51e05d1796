/**
 * Evaluates one validated option request (the `cerberus price` / `cerberus iv` line format):
 * European BSM and Black-76 in closed form, American by the high-accuracy ALO engine. Output in
 * the internal units of shared/quant/pricing/types.ts (vega per 1.00 vol, theta per year).
 */
import type { IvRequest, PriceRequest } from '../contract/option-request-schema';
import { americanGreeks, americanImpliedVol } from './american/index';
import type { AmericanInput } from './american/american-types';
import { impliedVolBlack76, impliedVolBsm } from './iv/index';
import { black76Greeks } from './pricing/black76';
import { bsmGreeks } from './pricing/bsm';
import type { Greeks } from './pricing/types';

export const PRICE_OUTPUT_KEYS = [
  'price',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'vanna',
  'volga',
  'charm',
  'speed',
  'zomma',
  'color',
] as const;
export type PriceOutput = Record<(typeof PRICE_OUTPUT_KEYS)[number], number>;

function americanInput(req: PriceRequest | IvRequest, volAnnual: number): AmericanInput {
  return {
    type: req.type,
    spot: req.S as number,
    strike: req.K,
    tYears: req.T,
    rate: req.r,
    carryYield: req.q,
    volAnnual,
    ...(req.dividends
      ? { dividends: req.dividends.map((d) => ({ tYears: d.t, amount: d.amount })) }
      : {}),
  };
}

/**
 * Second- and third-order American Greeks as central differences of the first-order ones
 * (which are themselves smooth finite differences on the ALO price). Bumps: 0.5% of spot,
 * 0.5 vol point, one day.
 */
function americanAllGreeks(input: AmericanInput): PriceOutput {
  const g = americanGreeks(input, 'accurate');
  const hS = input.spot * 0.005;
  const hV = Math.min(0.005, input.volAnnual / 4);
  const hT = Math.min(1 / 365, input.tYears / 4);
  const at = (patch: Partial<AmericanInput>) => americanGreeks({ ...input, ...patch }, 'accurate');
  const sUp = at({ spot: input.spot + hS });
  const sDn = at({ spot: input.spot - hS });
  const vUp = at({ volAnnual: input.volAnnual + hV });
  const vDn = at({ volAnnual: input.volAnnual - hV });
  const tUp = at({ tYears: input.tYears + hT });
  const tDn = at({ tYears: input.tYears - hT });
  return {
    price: g.price,
    delta: g.delta,
    gamma: g.gamma,
    vega: g.vega,
    theta: g.theta,
    rho: g.rho,
    vanna: (vUp.delta - vDn.delta) / (2 * hV),
    volga: (vUp.vega - vDn.vega) / (2 * hV),
    // Calendar-time derivatives are minus the T-derivatives.
    charm: -(tUp.delta - tDn.delta) / (2 * hT),
    speed: (sUp.gamma - sDn.gamma) / (2 * hS),
    zomma: (vUp.gamma - vDn.gamma) / (2 * hV),
    color: -(tUp.gamma - tDn.gamma) / (2 * hT),
  };
}

function pick(g: Greeks): PriceOutput {
  const out = {} as PriceOutput;
  for (const k of PRICE_OUTPUT_KEYS) out[k] = g[k];
  return out;
}

export function evaluatePriceRequest(req: PriceRequest): PriceOutput {
  let out: PriceOutput;
  if (req.style === 'american') out = americanAllGreeks(americanInput(req, req.sigma));
  else if (req.model === 'black76') {
    out = pick(
      black76Greeks({
        type: req.type,
        forward: req.F as number,
        strike: req.K,
        tYears: req.T,
        rate: req.r,
        volAnnual: req.sigma,
        discounted: req.discounted,
      }),
    );
  } else {
    out = pick(
      bsmGreeks({
        type: req.type,
        spot: req.S as number,
        strike: req.K,
        tYears: req.T,
        rate: req.r,
        carryYield: req.q,
        volAnnual: req.sigma,
      }),
    );
  }
  for (const k of PRICE_OUTPUT_KEYS) {
    if (!Number.isFinite(out[k])) throw new Error(`numerical failure computing ${k}`);
  }
  return out;
}

export function evaluateIvRequest(req: IvRequest): number {
  if (req.style === 'american')
    return americanImpliedVol({ ...americanInput(req, 0.2), price: req.price });
  if (req.model === 'black76') {
    const discountFactor = req.discounted ? Math.exp(-req.r * req.T) : 1;
    return impliedVolBlack76({
      type: req.type,
      forward: req.F as number,
      strike: req.K,
      tYears: req.T,
      price: req.price,
      discountFactor,
    });
  }
  return impliedVolBsm({
    type: req.type,
    spot: req.S as number,
    strike: req.K,
    tYears: req.T,
    rate: req.r,
    carryYield: req.q,
    price: req.price,
  });
}
