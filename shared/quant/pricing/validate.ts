/**
 * Input checks shared by the scalar pricers and the batch kernels, and the limits that decide
 * which formula applies.
 *
 * Accepted domain (anything else throws PricingInputError, naming the field, the rule and the
 * value received; nothing is ever returned as NaN):
 * - spot / forward / strike: finite, in [1e-50, 1e50] (zero or negative is an error).
 * - tYears: finite, in [0, 100]. 0 means the option expires now: the value is the intrinsic
 *   value (undiscounted, T = 0), delta is 1 / 0 (0.5 exactly at the money) times the sign, and
 *   the other Greeks are 0. 0 < T < 1e-12 years (31 microseconds) is treated the same way.
 * - volAnnual: finite, in [0, 100]. The upper bound only rejects garbage (a vol of 10,000 %).
 * - rate, carryYield: finite, |x| <= 5 (500 % a year), so that e^{-rT} stays far from overflow.
 *
 * Deterministic limit: when the total standard deviation volAnnual * sqrt(tYears) is below 1e-10
 * (vol = 0 included) the option is priced as the discounted intrinsic value on the forward,
 * sign * max(sign * (S e^{-qT} - K e^{-rT}), 0). Its Greeks are the derivatives of that payoff
 * (delta = sign e^{-qT} in the money, 0 out of it, half at the forward), vega at F = K is the
 * vol -> 0 limit S e^{-qT} sqrt(T / 2 pi), and the Dirac-like gamma family is reported as 0.
 * The time value dropped is below 0.4e-10 * S.
 */
import type { Black76Input, BsmInput } from './types';

export const MIN_PRICE_LEVEL = 1e-50;
export const MAX_PRICE_LEVEL = 1e50;
export const MAX_T_YEARS = 100;
export const MAX_VOL_ANNUAL = 100;
export const MAX_ABS_RATE = 5;
/** Below this time to expiry (years) an option is treated as expired. */
export const EXPIRY_T_YEARS = 1e-12;
/** Below this total standard deviation vol * sqrt(T) the deterministic limit is used. */
export const MIN_TOTAL_STD = 1e-10;

export class PricingInputError extends Error {
  override name = 'PricingInputError';
  constructor(
    message: string,
    /** The offending input field, e.g. 'volAnnual'. */
    readonly field: string,
    /** The value received, as given. */
    readonly value: unknown,
  ) {
    super(message);
  }
}

function fail(model: string, field: string, rule: string, value: unknown): never {
  throw new PricingInputError(
    `${model}: ${field} must be ${rule}, got ${String(value)}`,
    field,
    value,
  );
}

function checkLevel(model: string, field: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(model, field, 'a finite number', x);
  if (!(x > 0)) fail(model, field, 'greater than 0', x);
  if (x < MIN_PRICE_LEVEL || x > MAX_PRICE_LEVEL) {
    fail(model, field, `within [${MIN_PRICE_LEVEL}, ${MAX_PRICE_LEVEL}]`, x);
  }
}

function checkRange(model: string, field: string, x: number, lo: number, hi: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(model, field, 'a finite number', x);
  if (x < lo || x > hi) fail(model, field, `within [${lo}, ${hi}]`, x);
}

function checkType(model: string, type: unknown): void {
  if (type !== 'call' && type !== 'put') fail(model, 'type', "'call' or 'put'", type);
}

function checkTime(model: string, tYears: number): void {
  if (typeof tYears !== 'number' || !Number.isFinite(tYears))
    fail(model, 'tYears', 'a finite number', tYears);
  if (tYears < 0) fail(model, 'tYears', '>= 0 (0 = expiring now)', tYears);
  if (tYears > MAX_T_YEARS) fail(model, 'tYears', `<= ${MAX_T_YEARS}`, tYears);
}

function checkVol(model: string, volAnnual: number): void {
  if (typeof volAnnual !== 'number' || !Number.isFinite(volAnnual)) {
    fail(model, 'volAnnual', 'a finite number', volAnnual);
  }
  if (volAnnual < 0) fail(model, 'volAnnual', '>= 0', volAnnual);
  if (volAnnual > MAX_VOL_ANNUAL) {
    fail(model, 'volAnnual', `<= ${MAX_VOL_ANNUAL} (a decimal: 0.5 = 50 %)`, volAnnual);
  }
}

/** Throws PricingInputError unless `input` is inside the accepted domain. */
export function validateBsmInput(input: BsmInput, model = 'bsm'): void {
  checkType(model, input.type);
  checkLevel(model, 'spot', input.spot);
  checkLevel(model, 'strike', input.strike);
  checkTime(model, input.tYears);
  checkRange(model, 'rate', input.rate, -MAX_ABS_RATE, MAX_ABS_RATE);
  checkRange(model, 'carryYield', input.carryYield, -MAX_ABS_RATE, MAX_ABS_RATE);
  checkVol(model, input.volAnnual);
}

/** Throws PricingInputError unless `input` is inside the accepted domain. */
export function validateBlack76Input(input: Black76Input, model = 'black76'): void {
  checkType(model, input.type);
  checkLevel(model, 'forward', input.forward);
  checkLevel(model, 'strike', input.strike);
  checkTime(model, input.tYears);
  checkRange(model, 'rate', input.rate, -MAX_ABS_RATE, MAX_ABS_RATE);
  checkVol(model, input.volAnnual);
  if (typeof input.discounted !== 'boolean')
    fail(model, 'discounted', 'a boolean', input.discounted);
}

/** Which formula prices an already validated input. */
export type PricingRegime = 'expired' | 'deterministic' | 'lognormal';

export function pricingRegime(tYears: number, volAnnual: number): PricingRegime {
  if (tYears < EXPIRY_T_YEARS) return 'expired';
  if (volAnnual * Math.sqrt(tYears) < MIN_TOTAL_STD) return 'deterministic';
  return 'lognormal';
}
