import { describe, it, expect } from 'vitest';
import { fastExp, fastMills } from '../../../shared/quant/pricing/batch-math';
import { millsRatio } from '../../../shared/quant/pricing/lognormal-core';

function ulps(x: number, ref: number): number {
  return Math.abs(x - ref) / Math.max(Math.abs(ref) * Number.EPSILON, Number.MIN_VALUE);
}

describe('batch-math', () => {
  it('fastExp is within 2 ulp of Math.exp on [-708, 709] and correct into the subnormals', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -708 + (1417 * i) / 200_000;
      worst = Math.max(worst, ulps(fastExp(x), Math.exp(x)));
    }
    for (let i = 0; i <= 20_000; i++) {
      const x = -1 + i / 10_000; // the dense region of discount factors
      worst = Math.max(worst, ulps(fastExp(x), Math.exp(x)));
    }
    // ulp here = |ref| * 2^-52 (0.5..1 true ulp); Math.exp itself is within 1 ulp.
    expect(worst).toBeLessThan(3);
    expect(fastExp(0)).toBe(1);
    // Subnormal results: absolute agreement to the subnormal spacing.
    for (const x of [-710, -730, -744, -745]) {
      expect(Math.abs(fastExp(x) - Math.exp(x))).toBeLessThanOrEqual(2 * Number.MIN_VALUE);
    }
    expect(fastExp(-745.2)).toBe(0);
  });

  it('fastMills is within 2.5 ulp of 30-digit values of the Mills ratio', () => {
    // sqrt(pi/2) erfc(t/sqrt2) exp(t^2/2) from mpmath at 30 digits, rounded to double.
    const table: [number, number][] = [
      [0, 1.2533141373155003],
      [1e-9, 1.2533141363155003],
      [0.001, 1.252314763639392],
      [0.1, 1.1592623996187363],
      [0.3, 1.0018374009921558],
      [0.5148, 0.8681143242188696],
      [0.75, 0.7525711790634081],
      [1, 0.6556795424187984],
      [1.5, 0.5158156382179634],
      [2, 0.4213692292880545],
      [2.4624, 0.3586130726775087],
      [3, 0.3045902987101033],
      [3.1512, 0.2920578471493787],
      [4, 0.23665238291356067],
      [5.5932, 0.17354932870665848],
      [7, 0.14010418345305023],
      [10, 0.09902859647173193],
      [15, 0.06637423582325018],
      [20, 0.04987592598183679],
      [30, 0.03329641907249721],
      [38.5, 0.02595653794411066],
      [50, 0.019992009580853568],
      [60, 0.016662040889713754],
    ];
    for (const [t, ref] of table) expect(ulps(fastMills(t), ref), `t=${t}`).toBeLessThan(2.5);
  });

  it('fastMills agrees with sqrt(pi/2) erfcx(t/sqrt2) within 6 ulp on a dense grid (both err)', () => {
    let worst = 0;
    const ts: number[] = [];
    for (let i = 0; i <= 100_000; i++) ts.push((60 * i) / 100_000);
    for (let i = 0; i <= 10_000; i++) ts.push(Math.pow(10, -10 + (11.7 * i) / 10_000));
    for (const t of ts) {
      if (t > 60) continue;
      worst = Math.max(worst, ulps(fastMills(t), millsRatio(t)));
    }
    expect(worst).toBeLessThan(6);
    // Beyond the cap the value is frozen at m(60); phi(t) is 0 there, so the product is exact.
    expect(fastMills(1e3)).toBe(fastMills(60));
  });
});
