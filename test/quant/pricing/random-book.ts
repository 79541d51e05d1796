import type { Rng } from '../../../shared/quant/math/rng';
import type { BsmBatchInput } from '../../../shared/quant/pricing/batch';
import type { BsmInput } from '../../../shared/quant/pricing/types';

/**
 * A random but realistic option book in structure-of-arrays form: spot log-uniform in
 * [0.01, 1e5], T log-uniform from 1 hour to 30 years, vol 1 %..300 % (log-uniform), rates
 * -2 %..15 %, yields 0..10 %, strikes within +-8 total standard deviations of the forward (capped at e^{+-30})
 * (so prices run from ~1e-16 S deep out of the money to deep in the money), calls and puts.
 */
export function randomBook(rng: Rng, n: number): BsmBatchInput {
  const book: BsmBatchInput = {
    type: new Int8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    tYears: new Float64Array(n),
    rate: new Float64Array(n),
    carryYield: new Float64Array(n),
    volAnnual: new Float64Array(n),
  };
  const logUniform = (lo: number, hi: number) => lo * Math.exp(rng.uniform() * Math.log(hi / lo));
  for (let i = 0; i < n; i++) {
    const S = logUniform(0.01, 1e5);
    const T = logUniform(1 / 8760, 30);
    const v = logUniform(0.01, 3);
    const r = -0.02 + 0.17 * rng.uniform();
    const q = 0.1 * rng.uniform();
    // +-8 standard deviations, capped at e^{+-30} of moneyness (long-dated high-vol rows).
    const zSd = Math.max(-30, Math.min(30, (-8 + 16 * rng.uniform()) * v * Math.sqrt(T)));
    book.type[i] = rng.uniform() < 0.5 ? 1 : -1;
    book.spot[i] = S;
    book.strike[i] = S * Math.exp((r - q) * T + zSd);
    book.tYears[i] = T;
    book.rate[i] = r;
    book.carryYield[i] = q;
    book.volAnnual[i] = v;
  }
  return book;
}

/** Row i of a batch input as a scalar input. */
export function rowInput(b: BsmBatchInput, i: number): BsmInput {
  return {
    type: b.type[i] === 1 ? 'call' : 'put',
    spot: b.spot[i] as number,
    strike: b.strike[i] as number,
    tYears: b.tYears[i] as number,
    rate: b.rate[i] as number,
    carryYield: b.carryYield[i] as number,
    volAnnual: b.volAnnual[i] as number,
  };
}

export function emptyBook(n: number): BsmBatchInput {
  return {
    type: new Int8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    tYears: new Float64Array(n),
    rate: new Float64Array(n),
    carryYield: new Float64Array(n),
    volAnnual: new Float64Array(n),
  };
}

export function setRow(b: BsmBatchInput, i: number, x: BsmInput): void {
  b.type[i] = x.type === 'call' ? 1 : -1;
  b.spot[i] = x.spot;
  b.strike[i] = x.strike;
  b.tYears[i] = x.tYears;
  b.rate[i] = x.rate;
  b.carryYield[i] = x.carryYield;
  b.volAnnual[i] = x.volAnnual;
}
