/**
 * The pricing model of a stress run: option rows revalued by Black-Scholes-Merton at their (SVI
 * surface) vol, the default, or under the Heston or Merton model calibrated to their underlying's
 * surface (model risk of a scenario).
 *
 * A row's BSM inputs (spot S, strike K, T, rate r, carry q) give its forward F = S e^((r - q) T)
 * and discount e^(-r T); coin-settled rows carry the basis as r with q = 0 (`portfolio.ts`), so
 * this is the book's USD convention for every row. A model prices the European option on F:
 *   value per unit = e^(-r T) model(F, K, T).
 * Scenario moves reach the model through its own state: spot and rate shift through F (and the
 * rate through the discount), the horizon through T, and the vol move through the model's vol:
 * Heston sqrt(v0) -> max(floor, sqrt(v0) m + a) with kappa, theta, xi, rho held, so a shock to
 * the instantaneous vol mean-reverts at kappa (short expiries move more than long ones); Merton's
 * diffusion vol the same way with the jumps held. Stickiness does not apply: each model carries
 * its own smile dynamics. American rows are valued as European under the models.
 * Scenario P&L under a model = model value shocked - model value at the base market (the model's
 * own base, not the market's), so the difference between columns is model risk only.
 * Underlyings without a usable calibration keep BSM/SVI for their rows, and say so.
 */
import type { HestonParams } from '../surface/heston';
import { hestonParamsProblem } from '../surface/heston';
import { hestonPrice } from '../surface/heston-price';
import { mertonPrice, type MertonParams } from '../surface/merton';
import { EXPIRY_T_YEARS } from '../pricing/validate';
import {
  NO_MOVE,
  optionRowValue,
  VOL_FLOOR,
  type RevalBook,
  type UnderlyingMove,
} from './reval-rows';

export type PricingModelId = 'bsm-svi' | 'heston' | 'merton';
export const PRICING_MODELS: readonly PricingModelId[] = ['bsm-svi', 'heston', 'merton'];

export const PRICING_MODEL_LABELS: Record<PricingModelId, string> = {
  'bsm-svi': 'BSM/SVI',
  heston: 'Heston',
  merton: 'Merton',
};

/** An underlying's latest model calibration (the surface feature's model-risk job). */
export interface RiskModelCalibration {
  underlying: string;
  /** Time of the SVI fit the models were calibrated to. */
  fitAsOfMs: number;
  heston?: HestonParams | undefined;
  merton?: MertonParams | undefined;
}

export interface RowPricing {
  model: PricingModelId;
  /** USD value per unit of each option row at the base market under this pricing. */
  value0: Float64Array;
  /** USD value per unit of row r when its underlying trades at `spot` after `move`. */
  value(r: number, spot: number, move: UnderlyingMove): number;
  /** Underlyings whose option rows the model values. */
  covered: string[];
  /** Underlyings with option rows valued by BSM/SVI instead, and why. */
  fallback: { underlying: string; reason: string }[];
}

/** The default: every revaluation's pricer (`reval-rows.ts`). */
export function bsmPricing(book: RevalBook): RowPricing {
  const o = book.options;
  const withOptions = new Set<string>();
  for (let r = 0; r < o.n; r++)
    withOptions.add(book.underlyings[o.underlyingIndex[r] as number] as string);
  return {
    model: 'bsm-svi',
    value0: o.value0,
    value: (r, spot, move) => optionRowValue(o, r, spot, move),
    covered: [...withOptions],
    fallback: [],
  };
}

const scaledVol = (vol: number, move: UnderlyingMove) =>
  Math.max(VOL_FLOOR, vol * move.volMultiplier + move.volAddAbs);

/** Heston parameters after a scenario's vol move (v0 only). */
export function hestonMoved(p: HestonParams, move: UnderlyingMove): HestonParams {
  if (move.volMultiplier === 1 && move.volAddAbs === 0) return p;
  const vol = scaledVol(Math.sqrt(p.v0), move);
  return { ...p, v0: vol * vol };
}

/** Merton parameters after a scenario's vol move (diffusion vol only). */
export function mertonMoved(p: MertonParams, move: UnderlyingMove): MertonParams {
  if (move.volMultiplier === 1 && move.volAddAbs === 0) return p;
  return { ...p, volAnnual: scaledVol(p.volAnnual, move) };
}

export interface ModelRowInput {
  right: number;
  spot: number;
  strike: number;
  tYears: number;
  rate: number;
  carryYield: number;
}

/** USD value per unit of a European option under a model (see header). */
export function modelUnitValue(
  model: 'heston' | 'merton',
  params: HestonParams | MertonParams,
  row: ModelRowInput,
): number {
  const { right, spot, strike, tYears, rate, carryYield } = row;
  if (tYears < EXPIRY_T_YEARS) return Math.max(right * (spot - strike), 0);
  const forward = spot * Math.exp((rate - carryYield) * tYears);
  const opt = {
    type: right > 0 ? ('call' as const) : ('put' as const),
    forward,
    strike,
    tYears,
    discountFactor: Math.exp(-rate * tYears),
  };
  return model === 'heston'
    ? hestonPrice(opt, params as HestonParams)
    : mertonPrice(opt, params as MertonParams);
}

function mertonProblem(p: MertonParams): string | undefined {
  for (const [name, v] of Object.entries(p))
    if (!Number.isFinite(v)) return `${name} is not finite`;
  if (!(p.volAnnual >= 0) || !(p.lambda >= 0) || !(p.sigmaJump >= 0))
    return 'negative vol, intensity or jump size';
  return undefined;
}

/**
 * Heston or Merton pricing of the book's option rows; rows of underlyings without a calibration
 * of that model keep BSM/SVI (listed in `fallback`).
 */
export function modelPricing(
  book: RevalBook,
  model: 'heston' | 'merton',
  calibrations: readonly RiskModelCalibration[],
): RowPricing {
  const o = book.options;
  const nU = book.underlyings.length;
  const params: (HestonParams | MertonParams | undefined)[] = new Array(nU);
  const reasons: (string | undefined)[] = new Array(nU);
  book.underlyings.forEach((name, u) => {
    const c = calibrations.find((x) => x.underlying === name);
    const p = model === 'heston' ? c?.heston : c?.merton;
    if (!p) {
      reasons[u] = `no ${model === 'heston' ? 'Heston' : 'Merton'} calibration`;
      return;
    }
    const problem =
      model === 'heston'
        ? hestonParamsProblem(p as HestonParams)
        : mertonProblem(p as MertonParams);
    if (problem) reasons[u] = `unusable calibration (${problem})`;
    else params[u] = p;
  });
  const rowInput = (r: number, spot: number, move: UnderlyingMove): ModelRowInput => ({
    right: o.right[r] as number,
    spot,
    strike: o.strike[r] as number,
    tYears: Math.max(0, (o.tYears[r] as number) - move.dtYears),
    rate: (o.rate[r] as number) + move.rateShift,
    carryYield: o.carryYield[r] as number,
  });
  const value = (r: number, spot: number, move: UnderlyingMove): number => {
    const p = params[o.underlyingIndex[r] as number];
    if (!p) return optionRowValue(o, r, spot, move);
    const moved =
      model === 'heston'
        ? hestonMoved(p as HestonParams, move)
        : mertonMoved(p as MertonParams, move);
    return modelUnitValue(model, moved, rowInput(r, spot, move));
  };
  const value0 = new Float64Array(o.n);
  const covered = new Set<number>();
  const fallback = new Set<number>();
  for (let r = 0; r < o.n; r++) {
    const u = o.underlyingIndex[r] as number;
    value0[r] = params[u] ? value(r, book.spot0[u] as number, NO_MOVE) : (o.value0[r] as number);
    (params[u] ? covered : fallback).add(u);
  }
  const name = (u: number) => book.underlyings[u] as string;
  return {
    model,
    value0,
    value,
    covered: [...covered].sort((a, b) => a - b).map(name),
    fallback: [...fallback]
      .sort((a, b) => a - b)
      .map((u) => ({ underlying: name(u), reason: reasons[u] ?? 'no calibration' })),
  };
}

export function rowPricing(
  book: RevalBook,
  model: PricingModelId,
  calibrations: readonly RiskModelCalibration[],
): RowPricing {
  return model === 'bsm-svi' ? bsmPricing(book) : modelPricing(book, model, calibrations);
}
