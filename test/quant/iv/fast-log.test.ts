import { describe, it, expect } from 'vitest';
import { createLogScratch, fastLog } from '../../../shared/quant/iv/fast-log';

const EPS = 2 ** -52;

/** ln v from mpmath 1.3 at 40 digits, rounded to double: next to 1, binade edges, extremes. */
const REFERENCE: readonly (readonly [number, number])[] = [
  [1.0000000000000002, 2.2204460492503128e-16],
  [0.9999999999999999, -1.1102230246251565e-16],
  [1.001953125, 0.0019512201312617493],
  [0.998046875, -0.0019550348358033506],
  [1.00390625, 0.003898640415657323],
  [0.99609375, -0.003913899321136329],
  [1.005859375, 0.005842275624228361],
  [0.9921875, -0.007843177461025893],
  [0.998, -0.0020020026706730793],
  [1.0039139545444709, 0.003906314951906588],
  [1.0078125, 0.007782140442054949],
  [2.0, 0.6931471805599453],
  [1.9999999999999998, 0.6931471805599452],
  [2.2250738585072014e-308, -708.3964185322641],
  [1.7976931348623157e308, 709.782712893384],
  [0.5, -0.6931471805599453],
  [0.75, -0.2876820724517809],
  [1.5, 0.4054651081081644],
  [1.9999, 0.6930971793099037],
  [3.0, 1.0986122886681098],
  [10.0, 2.302585092994046],
  [0.1, -2.3025850929940455],
  [1e-300, -690.7755278982137],
  [1e300, 690.7755278982137],
  [6.675221575521604e-308, -707.297806243596],
  [0.6931471805599453, -0.36651292058166435],
  [1.4142135623730951, 0.3465735902799727],
  [0.3678794411714424, -0.9999999999999998],
  [123456.789, 11.723646487185881],
  [7.3e-42, -94.72069955759558],
  [0.999999, -1.000000500029089e-6],
  [1.000001, 9.999994999180668e-7],
  [1.2533141373155003, 0.2257913526447275],
  [0.05, -2.995732273553991],
];

/** Error in units of |ref| 2^-52 (between half an ulp and one ulp of ref). */
function ulps(got: number, ref: number): number {
  return Math.abs(got - ref) / (Math.abs(ref) * EPS);
}

describe('fastLog', () => {
  const { f64, i32 } = createLogScratch();

  it('is exact at 1 and within 1 ulp of 40-digit values, including next to 1', () => {
    expect(fastLog(1, f64, i32)).toBe(0);
    for (const [v, ref] of REFERENCE)
      expect(ulps(fastLog(v, f64, i32), ref), `v=${v}`).toBeLessThan(1);
  });

  it('stays within 2 ulp of Math.log (itself within 1) over the normal range', () => {
    let worst = 0;
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 200_000; i++) {
      const k = i % 4;
      // Near 1 (where the table's shifted slice 0 matters), near powers of two, anywhere.
      const v =
        k === 0
          ? 1 + (next() - 0.5) / 32
          : k === 1
            ? 2 ** Math.floor(2040 * next() - 1020) * (1 + (next() - 0.5) / 64)
            : Math.exp(1400 * next() - 700);
      const ref = Math.log(v);
      if (ref === 0) continue;
      worst = Math.max(worst, ulps(fastLog(v, f64, i32), ref));
    }
    expect(worst).toBeLessThan(2);
  });
});
