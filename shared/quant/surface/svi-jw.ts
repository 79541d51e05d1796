import type { SviRawParams } from './svi-raw';

/**
 * SVI "jump-wings" parameters (Gatheral 2004; Gatheral & Jacquier 2014, section 3.3): the same
 * smile expressed in quantities a trader reads directly and that depend on the expiry.
 */
export interface SviJwParams {
  /** ATM (k = 0) implied variance, per year: sigma_ATM^2. */
  vt: number;
  /** ATM skew: d sigma_BS / dk at k = 0 times 2*sqrt(t) (dimensionless). */
  psit: number;
  /** Slope of the left (put) wing of w, divided by sqrt(w_ATM). */
  pt: number;
  /** Slope of the right (call) wing of w, divided by sqrt(w_ATM). */
  ct: number;
  /** Minimum implied variance, per year. */
  vtMin: number;
}

export function sviRawToJw(p: SviRawParams, tYears: number): SviJwParams {
  if (!(tYears > 0)) throw new RangeError('sviRawToJw: tYears must be > 0');
  const r = Math.sqrt(p.m * p.m + p.sigma * p.sigma);
  const wAtm = p.a + p.b * (-p.rho * p.m + r);
  if (!(wAtm > 0)) throw new RangeError('sviRawToJw: ATM total variance must be > 0');
  const sq = Math.sqrt(wAtm);
  return {
    vt: wAtm / tYears,
    psit: ((p.b / 2) * (p.rho - p.m / r)) / sq,
    pt: (p.b * (1 - p.rho)) / sq,
    ct: (p.b * (1 + p.rho)) / sq,
    vtMin: (p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho)) / tYears,
  };
}

/**
 * Inverse of sviRawToJw (Gatheral & Jacquier 2014, Lemma 3.2). Throws when the JW numbers do not
 * come from a raw SVI slice (e.g. |beta| > 1), or when m = 0 and rho = 0, where vt = vtMin and
 * sigma cannot be recovered from the five numbers.
 */
export function sviJwToRaw(jw: SviJwParams, tYears: number): SviRawParams {
  if (!(tYears > 0)) throw new RangeError('sviJwToRaw: tYears must be > 0');
  const wAtm = jw.vt * tYears;
  if (!(wAtm > 0)) throw new RangeError('sviJwToRaw: vt must be > 0');
  const sq = Math.sqrt(wAtm);
  const b = (sq / 2) * (jw.ct + jw.pt);
  if (!(b > 0)) throw new RangeError('sviJwToRaw: ct + pt must be > 0');
  const rho = 1 - (jw.pt * sq) / b;
  // beta = m / sqrt(m^2 + sigma^2), the normalised position of the ATM point on the hyperbola.
  const beta = rho - (2 * jw.psit * sq) / b;
  if (!(Math.abs(beta) <= 1) || !(Math.abs(rho) < 1)) {
    throw new RangeError('sviJwToRaw: parameters are not attainable by raw SVI');
  }
  const sr = Math.sqrt(1 - rho * rho);
  const dv = (jw.vt - jw.vtMin) * tYears;
  let m: number;
  let sigma: number;
  if (Math.abs(beta) < 1e-14) {
    // m = 0: then w_ATM - w_min = b * sigma * (1 - sqrt(1 - rho^2)).
    if (1 - sr < 1e-14)
      throw new RangeError('sviJwToRaw: m = 0 and rho = 0 leave sigma undetermined');
    m = 0;
    sigma = dv / (b * (1 - sr));
  } else {
    const alpha = Math.sign(beta) * Math.sqrt(1 / (beta * beta) - 1);
    m = dv / (b * (-rho + Math.sign(alpha) * Math.sqrt(1 + alpha * alpha) - alpha * sr));
    sigma = alpha * m;
  }
  const a = jw.vtMin * tYears - b * sigma * sr;
  return { a, b, rho, m, sigma };
}
