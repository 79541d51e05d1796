/**
 * Nelder-Mead simplex minimiser for small unconstrained problems (2 to 6 variables). Constraints
 * are the caller's business (reparametrise, or return a large value). Deterministic: no random
 * restarts, so a fit is reproducible bit for bit.
 */
export interface NelderMeadOptions {
  /** Initial simplex step per coordinate (same length as x0), or one number for all. */
  step?: number | readonly number[];
  maxEvals?: number;
  /** Stop when the simplex's spread of f is below fTol (absolute) ... */
  fTol?: number;
  /** ... and its largest vertex distance from the best vertex is below xTol. */
  xTol?: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  evals: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  const maxEvals = options.maxEvals ?? 200 * n;
  const fTol = options.fTol ?? 1e-12;
  const xTol = options.xTol ?? 1e-9;
  const stepOf = (i: number): number => {
    const s = options.step;
    if (s === undefined) return x0[i] !== 0 ? 0.1 * Math.abs(x0[i] as number) : 0.1;
    return typeof s === 'number' ? s : (s[i] ?? 0.1);
  };
  let evals = 0;
  const evalF = (x: readonly number[]): number => {
    evals++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] as number) + stepOf(i);
    pts.push(p);
  }
  const vals = pts.map(evalF);
  const order = pts.map((_, i) => i);
  const centroid = new Array<number>(n).fill(0);
  const along = (coef: number, worst: number[]): number[] => {
    const out = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const c = centroid[j] as number;
      out[j] = c + coef * ((worst[j] as number) - c);
    }
    return out;
  };

  while (evals < maxEvals) {
    order.sort((i, j) => (vals[i] as number) - (vals[j] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const second = order[n - 1] as number;
    const fBest = vals[best] as number;
    const fWorst = vals[worst] as number;
    if (Math.abs(fWorst - fBest) <= fTol) {
      let spread = 0;
      const pb = pts[best] as number[];
      for (const idx of order) {
        const p = pts[idx] as number[];
        for (let j = 0; j < n; j++)
          spread = Math.max(spread, Math.abs((p[j] as number) - (pb[j] as number)));
      }
      if (spread <= xTol) break;
    }
    centroid.fill(0);
    for (let r = 0; r < n; r++) {
      const p = pts[order[r] as number] as number[];
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const pw = pts[worst] as number[];
    const xr = along(-1, pw);
    const fr = evalF(xr);
    if (fr < fBest) {
      const xe = along(-2, pw);
      const fe = evalF(xe);
      if (fe < fr) {
        pts[worst] = xe;
        vals[worst] = fe;
      } else {
        pts[worst] = xr;
        vals[worst] = fr;
      }
      continue;
    }
    if (fr < (vals[second] as number)) {
      pts[worst] = xr;
      vals[worst] = fr;
      continue;
    }
    const outside = fr < fWorst;
    const xc = along(outside ? -0.5 : 0.5, pw);
    const fc = evalF(xc);
    if (fc < (outside ? fr : fWorst)) {
      pts[worst] = xc;
      vals[worst] = fc;
      continue;
    }
    // Shrink towards the best vertex.
    const pb = pts[best] as number[];
    for (const idx of order) {
      if (idx === best) continue;
      const p = pts[idx] as number[];
      for (let j = 0; j < n; j++)
        p[j] = (pb[j] as number) + 0.5 * ((p[j] as number) - (pb[j] as number));
      vals[idx] = evalF(p);
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if ((vals[i] as number) < (vals[bi] as number)) bi = i;
  return { x: (pts[bi] as number[]).slice(), f: vals[bi] as number, evals };
}
