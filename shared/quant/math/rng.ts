/**
 * Seeded pseudo-random numbers for Monte Carlo: xoshiro128** (Blackman & Vigna, period 2^128 - 1)
 * on 32-bit integer arithmetic (`Math.imul`, shifts), seeded through a murmur3-style mixer.
 *
 * Determinism: the integer stream uses only exact 32-bit operations, and every transform to a
 * float uses `+ - * /`, `Math.sqrt` (correctly rounded IEEE) and the engine-independent
 * `detLog`/`detExp` (`./det-math`), so a seed gives bit-identical variates on every platform.
 *
 * Sequence contract (relied on by tests and by reproducible runs):
 * - `uniform()` consumes two 32-bit outputs and returns (k + 0.5) / 2^53 with k a 53-bit integer,
 *   so it is never exactly 0 or 1 (smallest 2^-54, largest 1 - 2^-54).
 * - `normal()` is the Marsaglia polar method; the second variate of each pair is kept, so
 *   `fillNormal(out)` returns exactly what `out.length` calls to `normal()` would.
 * - `createRng(seed, stream)`: different streams of one seed are statistically independent
 *   generators (distinct 128-bit states from the mixer), for workers sharing a seed.
 */
import { detExp, detLog } from './det-math';
import { poissonPtrs } from './rng-poisson';

export interface Rng {
  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform in the open interval (0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Student-t with `nu` > 0 degrees of freedom (unit scale, variance nu/(nu-2) for nu > 2). */
  studentT(nu: number): number;
  /** Gamma with shape > 0 and unit scale (mean = shape). */
  gamma(shape: number): number;
  /** Chi-square with `nu` > 0 degrees of freedom. */
  chiSquare(nu: number): number;
  /** Poisson with mean `lambda` >= 0, returned as an integer-valued number. */
  poisson(lambda: number): number;
  /** Fills `out` with standard normals (same values as repeated `normal()`); returns `out`. */
  fillNormal(out: Float64Array): Float64Array;
  /** Fills `out` with uniforms in (0, 1); returns `out`. */
  fillUniform(out: Float64Array): Float64Array;
}

const TWO_POW_M53 = 1 / 9007199254740992;

/** 32-bit finaliser of murmur3 (full avalanche): spreads seed bits over the whole state. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

class Xoshiro128ss implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seedLo: number, seedHi: number, stream: number) {
    // Weyl sequence over the mixer, keyed by every seed word, so nearby seeds/streams diverge.
    let w = mix32(seedLo ^ mix32(seedHi ^ mix32(stream ^ 0x5bd1e995)));
    const next = (): number => {
      w = (w + 0x9e3779b9) | 0;
      return mix32(w);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero state is a fixed point
  }

  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) * TWO_POW_M53;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * detLog(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new RangeError(`gamma: shape must be a finite number > 0, got ${shape}`);
    }
    if (shape < 1) {
      // Boost: G(a) = G(a + 1) * U^(1/a). Underflows to 0 for very small shapes (a < ~0.005),
      // where the true variate is itself below the smallest double most of the time.
      const g = this.marsagliaTsang(shape + 1);
      return g * detExp(detLog(this.uniform()) / shape);
    }
    return this.marsagliaTsang(shape);
  }

  chiSquare(nu: number): number {
    if (!(nu > 0) || !Number.isFinite(nu)) {
      throw new RangeError(`chiSquare: degrees of freedom must be a finite number > 0, got ${nu}`);
    }
    return 2 * this.gamma(nu / 2);
  }

  studentT(nu: number): number {
    if (!(nu > 0)) throw new RangeError(`studentT: degrees of freedom must be > 0, got ${nu}`);
    if (nu === Infinity) return this.normal();
    const z = this.normal();
    return z / Math.sqrt(this.chiSquare(nu) / nu);
  }

  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`poisson: lambda must be a finite number >= 0, got ${lambda}`);
    }
    if (lambda === 0) return 0;
    if (lambda >= 10) return poissonPtrs(lambda, () => this.uniform());
    // Inversion by sequential search: one uniform, about lambda + 1 steps.
    const u = this.uniform();
    let p = detExp(-lambda);
    let cdf = p;
    let k = 0;
    while (u > cdf && k < 200) {
      k += 1;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }

  /** Marsaglia & Tsang (2000) squeeze/rejection for shape >= 1. */
  private marsagliaTsang(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (detLog(u) < 0.5 * x2 + d * (1 - v + detLog(v))) return d * v;
    }
  }
}

/**
 * A new generator. `seed` is any safe integer (negative allowed: all 53 bits are used);
 * `stream` (a 32-bit integer, default 0) selects an independent sub-stream of the same seed.
 */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`createRng: seed must be a safe integer, got ${seed}`);
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
    throw new RangeError(`createRng: stream must be an integer in [0, 2^32), got ${stream}`);
  }
  const lo = seed | 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  return new Xoshiro128ss(lo, hi, stream | 0);
}
