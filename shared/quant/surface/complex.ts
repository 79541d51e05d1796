/** Minimal complex arithmetic for characteristic functions (immutable {re, im} values). */
export interface Complex {
  re: number;
  im: number;
}

export const cx = (re: number, im = 0): Complex => ({ re, im });

export function cAdd(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

export function cSub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

export function cMul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

export function cScale(a: Complex, s: number): Complex {
  return { re: a.re * s, im: a.im * s };
}

/** a / b by Smith's algorithm (no overflow for large |b|). */
export function cDiv(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

export function cExp(a: Complex): Complex {
  const e = Math.exp(a.re);
  return { re: e * Math.cos(a.im), im: e * Math.sin(a.im) };
}

/** Principal logarithm. */
export function cLog(a: Complex): Complex {
  return { re: Math.log(Math.hypot(a.re, a.im)), im: Math.atan2(a.im, a.re) };
}

/** Principal square root (Re >= 0). */
export function cSqrt(a: Complex): Complex {
  const m = Math.hypot(a.re, a.im);
  if (m === 0) return { re: 0, im: 0 };
  const re = Math.sqrt((m + Math.abs(a.re)) / 2);
  if (a.re >= 0) return { re, im: a.im / (2 * re) };
  return { re: Math.abs(a.im) / (2 * re), im: a.im >= 0 ? re : -re };
}

/** ln(1 + z) / z, accurate as z -> 0 (the limit 1 at z = 0). */
export function cLog1pOverZ(z: Complex): Complex {
  const m = Math.hypot(z.re, z.im);
  if (m < 1e-5) {
    // 1 - z/2 + z^2/3: error O(|z|^3) < 1e-15.
    const z2 = cMul(z, z);
    return { re: 1 - z.re / 2 + z2.re / 3, im: -z.im / 2 + z2.im / 3 };
  }
  // |1 + z|^2 = 1 + 2 re + |z|^2 keeps the real part accurate for small z.
  const log1p = { re: 0.5 * Math.log1p(2 * z.re + m * m), im: Math.atan2(z.im, 1 + z.re) };
  return cDiv(log1p, z);
}
