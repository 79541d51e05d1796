/**
 * Delbourgo-Gregory rational cubic interpolation ("C^2 rational interpolation for shape
 * preserving curves", SIAM J. Sci. Stat. Comput. 6, 1985), as used by "Let's Be Rational" for
 * its initial guesses. On [xL, xR] with values yL, yR and slopes dL, dR, the control parameter
 * r > -1 bends the curve: r = 3 is the Hermite cubic, r -> infinity the straight line; large
 * enough r keeps monotone / convex data monotone / convex.
 */

const DBL_EPSILON = 2 ** -52;
/** Smallest admissible r (r > -1 keeps the denominator positive). */
const R_MIN = -(1 - Math.sqrt(DBL_EPSILON));
/** r at and above which the interpolant is evaluated as the straight line it has become. */
const R_MAX = 2 / (DBL_EPSILON * DBL_EPSILON);

export function rationalCubicInterpolation(
  x: number,
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  r: number,
): number {
  const h = xR - xL;
  if (!(Math.abs(h) > 0)) return 0.5 * (yL + yR);
  const t = (x - xL) / h;
  if (r >= R_MAX) return yR * t + yL * (1 - t);
  const omt = 1 - t;
  const t2 = t * t;
  const omt2 = omt * omt;
  return (
    (yR * t2 * t + (r * yR - h * dR) * t2 * omt + (r * yL + h * dL) * t * omt2 + yL * omt2 * omt) /
    (1 + (r - 3) * t * omt)
  );
}

/**
 * r matching the second derivative d2L at the left end. The interpolant's expansion at t = 0 has
 * second-order coefficient r (yR - yL - h dL) + h (dL - dR), hence
 * r = (h d2L / 2 + dR - dL) / (secant - dL).
 */
function controlForLeftCurvature(
  h: number,
  secant: number,
  dL: number,
  dR: number,
  d2L: number,
): number {
  const numerator = 0.5 * h * d2L + (dR - dL);
  if (numerator === 0) return 0;
  const denominator = secant - dL;
  if (denominator === 0) return numerator > 0 ? R_MAX : R_MIN;
  return numerator / denominator;
}

/** r matching the second derivative at the right end (mirror image of the left-end formula). */
function controlForRightCurvature(
  h: number,
  secant: number,
  dL: number,
  dR: number,
  d2R: number,
): number {
  const numerator = 0.5 * h * d2R + (dR - dL);
  if (numerator === 0) return 0;
  const denominator = dR - secant;
  if (denominator === 0) return numerator > 0 ? R_MAX : R_MIN;
  return numerator / denominator;
}

/**
 * Smallest r that preserves the shape the end slopes and the secant slope imply (monotonicity
 * and convexity/concavity, Delbourgo-Gregory conditions 3.8 and 3.18). Where the data are
 * inconsistent with the shape, `preferShape` forces the straight line.
 */
function minimumShapeControl(dL: number, dR: number, secant: number, preferShape: boolean): number {
  const monotonic = dL * secant >= 0 && dR * secant >= 0;
  const convex = dL <= secant && secant <= dR;
  const concave = dL >= secant && secant >= dR;
  if (!monotonic && !convex && !concave) return R_MIN;
  let r1 = -Number.MAX_VALUE;
  let r2 = -Number.MAX_VALUE;
  if (monotonic) {
    if (secant !== 0) r1 = (dR + dL) / secant;
    else if (preferShape) r1 = R_MAX;
  }
  if (convex || concave) {
    const sMinusL = Math.abs(secant - dL);
    const rMinusS = Math.abs(dR - secant);
    // max(|span / rMinusS|, |span / sMinusL|) with one division.
    if (sMinusL !== 0 && rMinusS !== 0) r2 = Math.abs(dR - dL) / Math.min(sMinusL, rMinusS);
    else if (preferShape) r2 = R_MAX;
  } else if (monotonic && preferShape) {
    r2 = R_MAX;
  }
  return Math.max(R_MIN, r1, r2);
}

/** Control parameter fitting the left-end curvature, raised where needed to keep the shape. */
export function convexControlForLeftCurvature(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  d2L: number,
  preferShape: boolean,
): number {
  const h = xR - xL;
  const secant = (yR - yL) / h;
  const r = controlForLeftCurvature(h, secant, dL, dR, d2L);
  return Math.max(r, minimumShapeControl(dL, dR, secant, preferShape));
}

/** Control parameter fitting the right-end curvature, raised where needed to keep the shape. */
export function convexControlForRightCurvature(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  d2R: number,
  preferShape: boolean,
): number {
  const h = xR - xL;
  const secant = (yR - yL) / h;
  const r = controlForRightCurvature(h, secant, dL, dR, d2R);
  return Math.max(r, minimumShapeControl(dL, dR, secant, preferShape));
}
