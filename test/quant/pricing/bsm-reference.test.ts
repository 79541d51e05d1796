import { describe, it, expect } from 'vitest';
import { bsmD1D2, bsmGreeks, bsmPrice } from '../../../shared/quant/pricing/bsm';
import { loadReferenceRows, relErr, withinTol } from './reference-rows';

const rows = loadReferenceRows();
const FIELDS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;

describe('bsm: every row of european_bsm.csv (1e-10 relative or 1e-12 absolute)', () => {
  it('has the expected number of rows', () => {
    expect(rows.length).toBe(36);
  });

  for (const row of rows) {
    it(`line ${row.line}: ${row.input.type} S=${row.input.spot} K=${row.input.strike} T=${row.input.tYears.toPrecision(4)} (${row.note})`, () => {
      const g = bsmGreeks(row.input);
      for (const f of FIELDS) {
        const ok = withinTol(g[f], row.expected[f]);
        if (!ok)
          expect.fail(
            `${f}: got ${g[f]}, expected ${row.expected[f]} (rel ${relErr(g[f], row.expected[f])})`,
          );
      }
      expect(withinTol(bsmPrice(row.input), row.expected.price)).toBe(true);
      const { d1, d2 } = bsmD1D2(row.input);
      expect(withinTol(d1, row.d1)).toBe(true);
      expect(withinTol(d2, row.d2)).toBe(true);
    });
  }

  it('reaches far better than the tolerance in relative terms, also on the deep OTM rows', () => {
    let worst = 0;
    for (const row of rows) {
      const g = bsmGreeks(row.input);
      for (const f of FIELDS) worst = Math.max(worst, relErr(g[f], row.expected[f]));
    }
    // Measured ~1e-13 at worst (deep OTM rows); 5e-12 leaves room for libm differences.
    expect(worst).toBeLessThan(5e-12);
  });
});
