/**
 * Structure-of-arrays BSM kernel for every Greek to third order (the Greeks interface, one
 * Float64Array per field). Same method, accuracy contract, input domain and invalid-row sentinel
 * as bsmGreeksBatch in batch.ts; the third-order formulas are those of lognormal-core.ts.
 */
import {
  BATCH_INVALID_PRICE,
  LOG_BLOCK,
  checkBatchRange,
  limitGreeks,
  type BsmBatchInput,
} from './batch';
import { fastExp, fastMills } from './batch-math';
import type { Greeks } from './types';
import {
  EXPIRY_T_YEARS,
  MAX_ABS_RATE,
  MAX_PRICE_LEVEL,
  MAX_T_YEARS,
  MAX_VOL_ANNUAL,
  MIN_PRICE_LEVEL,
  MIN_TOTAL_STD,
} from './validate';

export type BsmFullBatchOutput = { [K in keyof Greeks]: Float64Array };

const INV_SQRT_2PI = 0.3989422804014327;

export const GREEK_FIELDS: readonly (keyof Greeks)[] = [
  'price',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'phi',
  'vanna',
  'volga',
  'charm',
  'veta',
  'speed',
  'zomma',
  'color',
  'ultima',
  'dualDelta',
  'dualGamma',
];

function writeRow(out: BsmFullBatchOutput, i: number, g: Greeks): void {
  for (const f of GREEK_FIELDS) out[f][i] = g[f];
}

function writeInvalid(out: BsmFullBatchOutput, i: number): void {
  for (const f of GREEK_FIELDS) out[f][i] = 0;
  out.price[i] = BATCH_INVALID_PRICE;
}

/**
 * All Greeks of rows [start, end) into `out` (same indices). Returns the number of invalid rows
 * (price BATCH_INVALID_PRICE, every Greek 0).
 */
export function bsmFullGreeksBatch(
  inp: BsmBatchInput,
  out: BsmFullBatchOutput,
  start = 0,
  end = inp.spot.length,
): number {
  const { type, spot, strike, tYears, rate, carryYield, volAnnual } = inp;
  const outs = GREEK_FIELDS.map((f) => out[f]);
  checkBatchRange([type, spot, strike, tYears, rate, carryYield, volAnnual, ...outs], start, end);
  const { price, delta, gamma, vega, theta, rho, phi, vanna, volga } = out;
  const { charm, veta, speed, zomma, color, ultima, dualDelta, dualGamma } = out;
  const lo = MIN_PRICE_LEVEL;
  const hi = MAX_PRICE_LEVEL;
  const maxRate = MAX_ABS_RATE;
  const maxT = MAX_T_YEARS;
  const maxVol = MAX_VOL_ANNUAL;
  const expiryT = EXPIRY_T_YEARS;
  const minStd = MIN_TOTAL_STD;
  const lnMoneyness = new Float64Array(LOG_BLOCK);
  let invalid = 0;
  for (let b0 = start; b0 < end; b0 += LOG_BLOCK) {
    const b1 = Math.min(b0 + LOG_BLOCK, end);
    for (let i = b0; i < b1; i++) {
      lnMoneyness[i - b0] = Math.log((spot[i] as number) / (strike[i] as number));
    }
    for (let i = b0; i < b1; i++) {
      const sg = type[i] as number;
      const S = spot[i] as number;
      const K = strike[i] as number;
      const T = tYears[i] as number;
      const r = rate[i] as number;
      const q = carryYield[i] as number;
      const v = volAnnual[i] as number;
      const valid =
        sg * sg === 1 &&
        S >= lo &&
        S <= hi &&
        K >= lo &&
        K <= hi &&
        T >= 0 &&
        T <= maxT &&
        v >= 0 &&
        v <= maxVol &&
        r >= -maxRate &&
        r <= maxRate &&
        q >= -maxRate &&
        q <= maxRate;
      if (!valid) {
        invalid++;
        writeInvalid(out, i);
        continue;
      }
      const sqrtT = Math.sqrt(T);
      const a = v * sqrtT;
      if (T < expiryT || a < minStd) {
        writeRow(out, i, limitGreeks(sg, S, K, T, r, q, v));
        continue;
      }
      const invA = 1 / a;
      const b = r - q;
      const dfR = fastExp(-r * T);
      const dfQ = fastExp(-q * T);
      const fS = S * dfQ;
      const fK = K * dfR;
      const d1 = ((lnMoneyness[i - b0] as number) + b * T) * invA + 0.5 * a;
      const d2 = d1 - a;
      const halfD1Sq = 0.5 * d1 * d1;
      const pdf1 = INV_SQRT_2PI * fastExp(halfD1Sq < 745 ? -halfD1Sq : -745);
      const sPdf = fS * pdf1;
      const tail1 = pdf1 * fastMills(Math.abs(d1));
      const tailK = sPdf * fastMills(Math.abs(d2));
      const cdfS = tail1 + +(sg * d1 > 0) * (1 - 2 * tail1);
      const legS = fS * cdfS;
      const legK = tailK + +(sg * d2 > 0) * (fK - 2 * tailK);
      const p = sg * (legS - legK);
      const invT = 1 / T;
      const g = (sPdf * invA) / (S * S);
      const vg = sPdf * sqrtT;
      const d1d2 = d1 * d2;
      const invV = 1 / v;
      price[i] = p > 0 ? p : 0;
      delta[i] = sg * dfQ * cdfS;
      gamma[i] = g;
      vega[i] = vg;
      theta[i] = -0.5 * sPdf * v * v * invA + sg * (q * legS - r * legK);
      rho[i] = sg * T * legK;
      phi[i] = -sg * T * legS;
      vanna[i] = (-sPdf * d2 * invV) / S;
      volga[i] = vg * d1d2 * invV;
      charm[i] = sg * q * dfQ * cdfS - dfQ * pdf1 * (b * invA - 0.5 * d2 * invT);
      veta[i] = vg * (q + b * d1 * invA - 0.5 * (1 + d1d2) * invT);
      speed[i] = (-g / S) * (d1 * invA + 1);
      zomma[i] = g * (d1d2 - 1) * invV;
      color[i] = g * (q + b * d1 * invA + 0.5 * (1 - d1d2) * invT);
      ultima[i] = -vg * invV * invV * (d1d2 * (1 - d1d2) + d1 * d1 + d2 * d2);
      dualDelta[i] = (-sg * legK) / K;
      dualGamma[i] = (sPdf * invA) / (K * K);
    }
  }
  return invalid;
}
