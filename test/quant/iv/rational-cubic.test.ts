import { describe, it, expect } from 'vitest';
import {
  convexControlForLeftCurvature,
  convexControlForRightCurvature,
  rationalCubicInterpolation,
} from '../../../shared/quant/iv/rational-cubic';

const [xL, xR, yL, yR] = [0.5, 2, 1, 4];

function interp(x: number, dL: number, dR: number, r: number): number {
  return rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, r);
}

/** Second derivative by central differences (step chosen for ~1e-6 relative accuracy). */
function secondDerivative(f: (x: number) => number, x: number): number {
  const h = 1e-4;
  return (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
}

describe('rational cubic interpolation', () => {
  it('hits the end values and slopes for any control parameter', () => {
    for (const r of [-0.5, 0, 3, 10, 1e3]) {
      expect(interp(xL, 0.7, 5, r)).toBeCloseTo(yL, 14);
      expect(interp(xR, 0.7, 5, r)).toBeCloseTo(yR, 14);
      const h = 1e-7;
      const slopeL = (interp(xL + h, 0.7, 5, r) - interp(xL - h, 0.7, 5, r)) / (2 * h);
      const slopeR = (interp(xR + h, 0.7, 5, r) - interp(xR - h, 0.7, 5, r)) / (2 * h);
      expect(slopeL).toBeCloseTo(0.7, 5);
      expect(slopeR).toBeCloseTo(5, 5);
    }
  });

  it('is the Hermite cubic at r = 3 and the straight line for huge r', () => {
    // Hermite cubic through (0,0), (1,1) with slopes 0 and 3 is x^3 on [0,1].
    for (const x of [0.1, 0.35, 0.8]) {
      expect(rationalCubicInterpolation(x, 0, 1, 0, 1, 0, 3, 3)).toBeCloseTo(x ** 3, 14);
    }
    expect(interp(1.25, 0.7, 5, 1e40)).toBeCloseTo(yL + ((yR - yL) * (1.25 - xL)) / (xR - xL), 14);
  });

  it('fits a prescribed second derivative at either end where the shape allows it', () => {
    const dL = 0.7;
    const dR = 5;
    // Convex data: smaller curvatures than these would need r below the convexity minimum.
    for (const d2 of [1, 2.5, 6]) {
      const r = convexControlForLeftCurvature(xL, xR, yL, yR, dL, dR, d2, false);
      const f = (x: number) => interp(x, dL, dR, r);
      expect(Math.abs(secondDerivative(f, xL + 1e-4) - d2)).toBeLessThan(0.01 * d2);
    }
    for (const d2 of [8, 12, 20]) {
      const r = convexControlForRightCurvature(xL, xR, yL, yR, dL, dR, d2, false);
      const f = (x: number) => interp(x, dL, dR, r);
      expect(Math.abs(secondDerivative(f, xR - 1e-4) - d2)).toBeLessThan(0.01 * d2);
    }
  });

  it('raises the control parameter to keep convex, monotone data convex and monotone', () => {
    // A requested negative curvature would make the convex data wiggle: r is raised instead.
    const r = convexControlForLeftCurvature(xL, xR, yL, yR, 0.7, 5, -50, true);
    let prevY = -Infinity;
    let prevSlope = -Infinity;
    for (let k = 0; k <= 100; k++) {
      const x = xL + ((xR - xL) * k) / 100;
      const y = interp(x, 0.7, 5, r);
      expect(y).toBeGreaterThanOrEqual(prevY);
      if (k > 0) {
        const slope = (y - prevY) / ((xR - xL) / 100);
        expect(slope).toBeGreaterThanOrEqual(prevSlope - 1e-9);
        prevSlope = slope;
      }
      prevY = y;
    }
  });
});
