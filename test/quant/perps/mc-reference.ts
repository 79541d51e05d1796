/**
 * Straightforward liquidation Monte Carlo: every path, every hour, every position recomputed
 * from scratch (prices, notionals, tier lookup by scan, maintenance, P&L, funding, local variance),
 * with the plain Brownian-bridge correction exp(-2 X0 X1 / v) between hours. It is the oracle of
 * the tests and the baseline of `test/bench/perps.bench.ts`; the production engine
 * (`shared/quant/perps/liquidation-mc.ts`) must agree with it within Monte Carlo error.
 */
import type { Rng } from '../../../shared/quant/math/rng';
import type { LiquidationMcInput, McLeg } from '../../../shared/quant/perps/mc-model';
import { HOURS_PER_YEAR } from '../../../shared/quant/perps/mc-model';

export interface ReferenceResult {
  probability: number;
  standardError: number;
  pools: number[];
}

function maintenance(leg: McLeg, notional: number): { mm: number; mmr: number } {
  if (leg.fixedMaintenance !== undefined) return { mm: leg.fixedMaintenance, mmr: 0 };
  let tier = leg.tiers[leg.tiers.length - 1];
  for (const t of leg.tiers) {
    if (notional < t.cap) {
      tier = t;
      break;
    }
  }
  if (tier === undefined) throw new Error('no tiers');
  return { mm: notional * tier.mmr - tier.maintAmount, mmr: tier.mmr };
}

export function straightforwardLiquidationMc(input: LiquidationMcInput, rng: Rng): ReferenceResult {
  const K = input.underlyings.length;
  const H = input.horizonHours;
  const nu = input.studentTNu;
  const corr =
    input.correlation ?? Array.from({ length: K * K }, (_, i) => (i % (K + 1) === 0 ? 1 : 0));
  // Cholesky, written out here so the oracle shares no code with the engine.
  const L = new Array<number>(K * K).fill(0);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = corr[i * K + j] as number;
      for (let m = 0; m < j; m++) s -= (L[i * K + m] as number) * (L[j * K + m] as number);
      L[i * K + j] = i === j ? Math.sqrt(s) : s / (L[j * K + j] as number);
    }
  }
  const fundingInterval = input.fundingIntervalHours ?? 8;
  const pools = input.pools;
  const lossSum = new Array<number>(pools.length + 1).fill(0);
  let anySq = 0;
  for (let path = 0; path < input.paths; path++) {
    const logS = input.underlyings.map((u) => Math.log(u.spot));
    const alive = pools.map(() => 1);
    let anyAlive = 1;
    let prevX: number[] = [];
    let prevV: number[] = [];
    for (let h = 0; h <= H; h++) {
      if (h > 0) {
        const z = input.underlyings.map(() =>
          nu === undefined ? rng.normal() : rng.studentT(nu) * Math.sqrt((nu - 2) / nu),
        );
        input.underlyings.forEach((u, k) => {
          const vol = u.volAnnual;
          const lambda = u.jumpIntensityPerYear ?? 0;
          const jm = u.jumpMeanLog ?? 0;
          const jv = u.jumpVolLog ?? 0;
          const kappa = Math.exp(jm + 0.5 * jv * jv) - 1;
          let shock = 0;
          for (let m = 0; m <= k; m++) shock += (L[k * K + m] as number) * (z[m] as number);
          const drift = ((u.driftAnnual ?? 0) - 0.5 * vol * vol - lambda * kappa) / HOURS_PER_YEAR;
          let jump = 0;
          if (lambda > 0) {
            const n = rng.poisson(lambda / HOURS_PER_YEAR);
            for (let i = 0; i < n; i++) jump += jm + jv * rng.normal();
          }
          logS[k] = (logS[k] as number) + drift + (vol / Math.sqrt(HOURS_PER_YEAR)) * shock + jump;
        });
      }
      const xs: number[] = [];
      const vs: number[] = [];
      for (const pool of pools) {
        let x = pool.balance;
        const grad = new Array<number>(K).fill(0);
        for (const leg of pool.legs) {
          const price = Math.exp(logS[leg.underlying] as number);
          const u = pool.type === 'linear' ? price : 1 / price;
          const notional = leg.q * u;
          const { mm, mmr } = maintenance(leg, notional);
          const funding = (-leg.side * leg.q * leg.fundingRate * u * h) / fundingInterval;
          x += leg.su * leg.q * (u - leg.eu) - mm - leg.feeRate * notional - leg.fixedFee + funding;
          const dxdu =
            leg.su * leg.q -
            mmr * leg.q -
            leg.feeRate * leg.q -
            (leg.side * leg.q * leg.fundingRate * h) / fundingInterval;
          const dudy = pool.type === 'linear' ? u : -u;
          const k = leg.underlying;
          grad[k] =
            (grad[k] as number) +
            dxdu * dudy * ((input.underlyings[k]?.volAnnual ?? 0) / Math.sqrt(HOURS_PER_YEAR));
        }
        let v = 0;
        for (let m = 0; m < K; m++) {
          let g = 0;
          for (let k = m; k < K; k++) g += (grad[k] as number) * (L[k * K + m] as number);
          v += g * g;
        }
        xs.push(x);
        vs.push(v);
      }
      let worst = 1;
      pools.forEach((_, p) => {
        if (alive[p] === 0) return;
        const x1 = xs[p] as number;
        if (x1 <= 0) {
          alive[p] = 0;
          worst = 0;
          return;
        }
        if (h > 0) {
          const x0 = prevX[p] as number;
          const v = 0.5 * ((prevV[p] as number) + (vs[p] as number));
          const survive = v > 0 ? 1 - Math.exp((-2 * x0 * x1) / v) : 1;
          alive[p] = (alive[p] as number) * survive;
          worst = Math.min(worst, survive);
        }
      });
      anyAlive *= worst;
      prevX = xs;
      prevV = vs;
    }
    pools.forEach((_, p) => {
      lossSum[p] = (lossSum[p] as number) + 1 - (alive[p] as number);
    });
    lossSum[pools.length] = (lossSum[pools.length] as number) + 1 - anyAlive;
    anySq += (1 - anyAlive) ** 2;
  }
  const n = input.paths;
  const p = (lossSum[pools.length] as number) / n;
  return {
    probability: p,
    standardError: Math.sqrt(Math.max(0, anySq / n - p * p) / (n - 1)),
    pools: pools.map((_, i) => (lossSum[i] as number) / n),
  };
}
