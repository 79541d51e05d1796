/**
 * Recombining binomial trees for American (or European) vanilla options, used as the reference
 * method and as the baseline of the benchmarks.
 * - 'crr': Cox-Ross-Rubinstein, u = e^{v sqrt(dt)}, d = 1/u. Error O(1/N) with an oscillation in N.
 * - 'lr' : Leisen-Reimer (1996) with the Peizer-Pratt method-2 inversion; the tree is centred on
 *          the strike, so European prices converge at O(1/N^2) and American ones smoothly at ~O(1/N)
 *          (which makes Richardson extrapolation in N effective). N is rounded up to an odd number.
 * Greeks are read off the first two time steps of the tree (no re-pricing): delta and gamma from
 * the node values, theta from the middle node two steps ahead, corrected to the initial spot by
 * delta and gamma where u d != 1 (Leisen-Reimer).
 */
import type { BsmInput } from '../pricing/types';

export type TreeKind = 'crr' | 'lr';

export interface TreeSpec {
  steps: number;
  kind: TreeKind;
  /** 'american' (default) or 'european' (same tree without the exercise test). */
  exercise?: 'american' | 'european';
}

export interface TreeResult {
  price: number;
  /** dV/dS. */
  delta: number;
  /** d2V/dS2. */
  gamma: number;
  /** dV/dt per calendar year (t = calendar time, so negative for a decaying long option). */
  theta: number;
}

/** Peizer-Pratt method 2: the binomial probability that matches N(z) for an n-step tree. */
function peizerPratt(z: number, n: number): number {
  const a = z / (n + 1 / 3 + 0.1 / (n + 1));
  const root = Math.sqrt(0.25 - 0.25 * Math.exp(-a * a * (n + 1 / 6)));
  return z >= 0 ? 0.5 + root : 0.5 - root;
}

interface Lattice {
  steps: number;
  up: number;
  down: number;
  pUp: number;
  dt: number;
}

function lattice(input: BsmInput, spec: TreeSpec): Lattice {
  const { spot, strike, tYears, rate, carryYield, volAnnual } = input;
  if (!Number.isInteger(spec.steps) || spec.steps < 3 || spec.steps > 100_000) {
    throw new RangeError(
      `binomialTree: steps must be an integer in [3, 100000], got ${spec.steps}`,
    );
  }
  const growthRate = rate - carryYield;
  if (spec.kind === 'crr') {
    const n = spec.steps;
    const dt = tYears / n;
    const up = Math.exp(volAnnual * Math.sqrt(dt));
    const down = 1 / up;
    const pUp = (Math.exp(growthRate * dt) - down) / (up - down);
    if (!(pUp > 0 && pUp < 1)) {
      throw new RangeError(`binomialTree: CRR probability ${pUp} outside (0, 1); use more steps`);
    }
    return { steps: n, up, down, pUp, dt };
  }
  const n = spec.steps % 2 === 0 ? spec.steps + 1 : spec.steps;
  const dt = tYears / n;
  const sd = volAnnual * Math.sqrt(tYears);
  const d1 = (Math.log(spot / strike) + growthRate * tYears) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pUp = peizerPratt(d2, n);
  const pStar = peizerPratt(d1, n);
  const growth = Math.exp(growthRate * dt);
  const up = (growth * pStar) / pUp;
  const down = (growth - pUp * up) / (1 - pUp);
  return { steps: n, up, down, pUp, dt };
}

/** Prices by backward induction and reads delta, gamma, theta off the tree. */
export function binomialTree(input: BsmInput, spec: TreeSpec): TreeResult {
  const { type, spot, strike, tYears, rate } = input;
  if (!(tYears > 0) || !(input.volAnnual > 0)) {
    throw new RangeError('binomialTree: needs tYears > 0 and volAnnual > 0');
  }
  const { steps: n, up, down, pUp, dt } = lattice(input, spec);
  const american = spec.exercise !== 'european';
  const sign = type === 'call' ? 1 : -1;
  const disc = Math.exp(-rate * dt);
  const pu = disc * pUp;
  const pd = disc * (1 - pUp);
  const ratio = up / down;
  const values = new Float64Array(n + 1);
  let s = spot * down ** n;
  for (let j = 0; j <= n; j++) {
    values[j] = Math.max(sign * (s - strike), 0);
    s *= ratio;
  }
  // Values at steps 2 and 1 are kept for the Greeks.
  const level2 = new Float64Array(3);
  const level1 = new Float64Array(2);
  for (let i = n - 1; i >= 0; i--) {
    let sNode = spot * down ** i;
    for (let j = 0; j <= i; j++) {
      const cont = pu * (values[j + 1] as number) + pd * (values[j] as number);
      values[j] = american ? Math.max(cont, sign * (sNode - strike)) : cont;
      sNode *= ratio;
    }
    if (i === 2) level2.set(values.subarray(0, 3));
    if (i === 1) level1.set(values.subarray(0, 2));
  }
  const price = values[0] as number;
  const sU = spot * up;
  const sD = spot * down;
  const delta = ((level1[1] as number) - (level1[0] as number)) / (sU - sD);
  const sUU = spot * up * up;
  const sUD = spot * up * down;
  const sDD = spot * down * down;
  const deltaUp = ((level2[2] as number) - (level2[1] as number)) / (sUU - sUD);
  const deltaDown = ((level2[1] as number) - (level2[0] as number)) / (sUD - sDD);
  const gamma = (deltaUp - deltaDown) / (0.5 * (sUU - sDD));
  const shift = sUD - spot;
  const midAtSpot = (level2[1] as number) - delta * shift - 0.5 * gamma * shift * shift;
  const theta = (midAtSpot - price) / (2 * dt);
  return { price, delta, gamma, theta };
}

/**
 * Richardson-extrapolated Leisen-Reimer price from N and 2N steps, assuming O(1/N) error:
 * 2 V(2N) - V(N). Used to build converged references in the tests.
 */
export function leisenReimerExtrapolated(input: BsmInput, steps: number): number {
  const coarse = binomialTree(input, { steps, kind: 'lr' }).price;
  const fine = binomialTree(input, { steps: 2 * steps + 1, kind: 'lr' }).price;
  return 2 * fine - coarse;
}
