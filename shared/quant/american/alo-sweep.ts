/**
 * One sweep of the ALO collocation system (alo-engine.ts) and the scratch memory of a solve.
 *
 * Everything in the integrands that does not depend on the boundary (abscissae, e^{qu}, e^{ru},
 * 1/(v sqrt(tau - u)), the drift part of d+, quadrature and kernel weights) is tabulated once per
 * solve by the engine; a sweep then costs, per (node, abscissa), an n-term interpolation dot
 * product, one square root, two table exponentials and one Mills ratio (pricing/batch-math.ts,
 * a few ulp; the method's own error is >= 1e-9).
 */
import type { AloScheme } from './alo-scheme';
import { cdfFromGaussian, gaussianFactor } from './qd-plus';
import { fastExp } from '../pricing/batch-math';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Scratch memory of one boundary solve (node times, H, the sweep tables, the Jacobian and its LU
 * pivots): one Float64Array, so a batch solving many boundaries allocates it once.
 */
export type AloWorkspace = Float64Array;

/** Doubles needed by a solve with this scheme. */
export function workspaceSize(scheme: AloScheme): number {
  const n = scheme.chebyshevNodes;
  return 8 * n + 4 * n * scheme.fixedPointOrder + n * n + 1;
}

export function createAloWorkspace(scheme: AloScheme): AloWorkspace {
  return new Float64Array(workspaceSize(scheme));
}

/** Offsets of the regions of a workspace. */
export interface Layout {
  tau: number;
  h: number;
  next: number;
  tab: number;
  jac: number;
  dN: number;
  dD: number;
  rhs: number;
  piv: number;
  /** 1 while jac / piv hold a usable LU factorisation. */
  factored: number;
}

export function layout(n: number, l: number): Layout {
  const tab = 3 * n;
  const jac = tab + 4 * n * l;
  const dN = jac + n * n;
  const piv = dN + 3 * n;
  return {
    tau: 0,
    h: n,
    next: 2 * n,
    tab,
    jac,
    dN,
    dD: dN + n,
    rhs: dN + 2 * n,
    piv,
    factored: piv + n,
  };
}

/**
 * One sweep of FP-B (smooth pasting) or FP-A (value matching): next = G(H). With `withJacobian`,
 * also dG_j/dH_i (row-major n x n at ly.jac) for a Newton step (alo-newton.ts); its entries come
 * from the same Gaussians as the sweep, so it adds 2n multiply-adds per (node, abscissa) to the n
 * of the interpolation.
 */
export function sweep(
  scheme: AloScheme,
  r: number,
  q: number,
  vol: number,
  logX: number,
  ws: Float64Array,
  ly: Layout,
  withJacobian: boolean,
): void {
  const { chebyshevNodes: n, fixedPointOrder: l, fpInterp } = scheme;
  const valueMatching = scheme.equation === 'value-matching';
  const { h: oh, tab: ot, dN: oN, dD: oD } = ly;
  for (let j = 0; j < n; j++) {
    const t = ws[ly.tau + j] as number;
    const sv = vol * Math.sqrt(t);
    const sHt = Math.sqrt(ws[oh + j] as number);
    const logB = logX - sHt;
    const dPlus0 = (logB + (r - q) * t) / sv + 0.5 * sv;
    const dMinus0 = dPlus0 - sv;
    const eP0 = gaussianFactor(dPlus0);
    const eM0 = gaussianFactor(dMinus0);
    const cdfP0 = cdfFromGaussian(dPlus0, eP0);
    let nInt = 0;
    let dInt = 0;
    // Sums over k of d(integrand)/d(ln x): their share through sqrt(H_j) is on the diagonal.
    let nDiag = 0;
    let dDiag = 0;
    if (withJacobian) ws.fill(0, oN, oN + 2 * n);
    for (let k = 0; k < l; k++) {
      const jk = j * l + k;
      const row = jk * n;
      let hu = 0;
      for (let i = 0; i < n; i++) hu += (fpInterp[row + i] as number) * (ws[oh + i] as number);
      const sqHu = hu > 0 ? Math.sqrt(hu) : 0;
      const lnx = sqHu - sHt;
      const c = ot + jk * 4;
      const alpha = ws[c] as number;
      const dp = lnx * alpha + (ws[c + 1] as number);
      const ep = gaussianFactor(dp);
      const cdfP = cdfFromGaussian(dp, ep);
      // d(integrand)/d(ln x) of the N and D integrals (used by Newton sweeps only).
      let nK: number;
      let dK: number;
      if (valueMatching) {
        const dm = dp - 1 / alpha;
        const em = gaussianFactor(dm);
        nInt += (ws[c + 3] as number) * cdfFromGaussian(dm, em);
        dInt += (ws[c + 2] as number) * cdfP;
        nK = (ws[c + 3] as number) * INV_SQRT_2PI * em * alpha;
        dK = (ws[c + 2] as number) * INV_SQRT_2PI * ep * alpha;
      } else {
        // e^{ru} phi(d-) = e^{qu} phi(d+) B(tau)/B(u) e^{(r-q) tau}: the last factor is applied below.
        const a = (ws[c + 3] as number) * ep;
        const an = a * fastExp(lnx);
        nInt += an;
        dInt += a + (ws[c + 2] as number) * cdfP;
        nK = an * (1 - dp * alpha);
        dK = alpha * ep * ((ws[c + 2] as number) * INV_SQRT_2PI - (ws[c + 3] as number) * dp);
      }
      if (withJacobian) {
        nDiag += nK;
        dDiag += dK;
        if (sqHu > 0) {
          const half = 0.5 / sqHu;
          const nH = nK * half;
          const dH = dK * half;
          for (let i = 0; i < n; i++) {
            const w = fpInterp[row + i] as number;
            ws[oN + i] = (ws[oN + i] as number) + nH * w;
            ws[oD + i] = (ws[oD + i] as number) + dH * w;
          }
        }
      }
    }
    const growth = Math.exp((r - q) * t);
    const phiP0 = INV_SQRT_2PI * eP0;
    const phiM0 = INV_SQRT_2PI * eM0;
    const numer = valueMatching
      ? cdfFromGaussian(dMinus0, eM0) + r * nInt
      : phiM0 / sv + r * growth * nInt;
    const denom = valueMatching ? cdfP0 + q * dInt : phiP0 / sv + cdfP0 + q * dInt;
    let b = numer / (growth * denom);
    if (scheme.newtonDamping > 0 && withJacobian && !valueMatching) {
      // Jacobi-Newton on the explicit B(tau) dependence of the non-integral terms.
      const bOld = Math.exp(logB);
      const dNum = (-dMinus0 * phiM0) / (bOld * sv * sv);
      const dDen = (-dPlus0 * phiP0) / (bOld * sv * sv) + phiP0 / (bOld * sv);
      const fPrime = (dNum / denom - (numer * dDen) / (denom * denom)) / growth;
      const newton = bOld - (b - bOld) / (fPrime - 1);
      if (newton > 0 && Number.isFinite(newton)) b = bOld + scheme.newtonDamping * (newton - bOld);
    }
    // Deep in the tails (vol sqrt(tau) ~ 1e-6) N or D can underflow: keep the node's value.
    const lnb = Math.log(b) - logX;
    ws[ly.next + j] = lnb < 0 ? (lnb > -Infinity ? lnb * lnb : (ws[oh + j] as number)) : 0;
    if (withJacobian) {
      const rN = valueMatching ? r : r * growth;
      // d/d sqrt(H_j) of the non-integral terms (through ln B(tau_j)) and of every ln x_k.
      const nSelf = valueMatching ? -phiM0 / sv : (dMinus0 * phiM0) / (sv * sv);
      const dSelf = valueMatching ? -phiP0 / sv : (phiP0 * (dPlus0 / sv - 1)) / sv;
      const diagN = sHt > 0 ? (nSelf - rN * nDiag) / (2 * sHt) : 0;
      const diagD = sHt > 0 ? (dSelf - q * dDiag) / (2 * sHt) : 0;
      const scale = lnb < 0 ? 2 * lnb : 0;
      for (let i = 0; i < n; i++) {
        const dNi = rN * (ws[oN + i] as number) + (i === j ? diagN : 0);
        const dDi = q * (ws[oD + i] as number) + (i === j ? diagD : 0);
        ws[ly.jac + j * n + i] = scale * (dNi / numer - dDi / denom);
      }
    }
  }
}
