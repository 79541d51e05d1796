import { describe, it, expect } from 'vitest';
import { detExp, detLog, pow2 } from '../../../shared/quant/math/det-math';

/** Distance in units of the last place of `ref` (Math.* is within ~1 ulp of the true value). */
function ulps(x: number, ref: number): number {
  const ulp = Math.max(Math.abs(ref) * Number.EPSILON, Number.MIN_VALUE);
  return Math.abs(x - ref) / ulp;
}

describe('det-math', () => {
  it('pow2 is exact over the whole double range', () => {
    expect(pow2(0)).toBe(1);
    expect(pow2(10)).toBe(1024);
    expect(pow2(-1074)).toBe(Number.MIN_VALUE);
    expect(pow2(1023)).toBe(2 ** 1023);
    expect(pow2(-1075)).toBe(Number.MIN_VALUE / 2);
    expect(pow2(1024)).toBe(Infinity);
  });

  it('detLog agrees with Math.log within 2 ulp over 1e-300..1e300 and (0,1)', () => {
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const x = Math.pow(10, -300 + (600 * i) / 20000) * (1 + ((i * 7919) % 1000) / 1000);
      worst = Math.max(worst, ulps(detLog(x), Math.log(x)));
    }
    for (let i = 1; i < 20000; i++) {
      const u = i / 20000;
      const ref = Math.log(u);
      // Near 1 the result is tiny; compare relative to its own size.
      worst = Math.max(worst, ulps(detLog(u), ref));
    }
    expect(worst).toBeLessThan(2);
    expect(detLog(1)).toBe(0);
    expect(detLog(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
    expect(detLog(0)).toBe(-Infinity);
    expect(Number.isNaN(detLog(-1))).toBe(true);
  });

  it('detExp agrees with Math.exp within 2 ulp over [-708, 709]', () => {
    let worst = 0;
    for (let i = 0; i <= 40000; i++) {
      const x = -708 + (1417 * i) / 40000;
      worst = Math.max(worst, ulps(detExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThan(2);
    expect(detExp(0)).toBe(1);
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(-746)).toBe(0);
    expect(detExp(-740)).toBeGreaterThan(0);
  });
});
