import { describe, it, expect } from 'vitest';
import { ALO_REFERENCE_SCHEME, priceAmerican } from '../../../shared/quant/american';
import { loadReference } from './reference-rows';

// Independent references: QuantLib 1.29 QdFpAmericanEngine (high-precision scheme), 600 grid
// points (put/call, S/K 0.8..1.2, 7 days..3 years, vol 10%..100%, q > 0) and 300 random ones.
const grid = loadReference('american_alo_quantlib.csv');
const random = loadReference('american_alo_quantlib_random.csv');

function maxErrors(rows: typeof grid, price: (row: (typeof grid)[number]) => number) {
  let maxRel = 0;
  let maxAbsPerStrike = 0;
  for (const row of rows) {
    const got = price(row);
    maxAbsPerStrike = Math.max(maxAbsPerStrike, Math.abs(got - row.ref) / row.input.strike);
    // Relative error on prices of at least a cent per 100 of strike; below that, absolute.
    if (row.ref >= 1e-4 * row.input.strike)
      maxRel = Math.max(maxRel, Math.abs(got - row.ref) / row.ref);
  }
  return { maxRel, maxAbsPerStrike };
}

describe("accurate method (Andersen-Lake-Offengenden) vs QuantLib's converged ALO", () => {
  it('the two QuantLib configurations agree to 6e-7 relative (reference uncertainty)', () => {
    for (const row of [...grid, ...random]) {
      if (row.ref >= 1e-4 * row.input.strike)
        expect(Math.abs(row.ref - row.chk) / row.ref).toBeLessThan(6e-6);
    }
    const { maxRel } = maxErrors(grid, (row) => row.chk);
    expect(maxRel).toBeLessThan(6e-7);
  });

  it('is within 1e-5 relative on every grid point (observed max 1.1e-6)', () => {
    expect(grid.length).toBe(600);
    const { maxRel, maxAbsPerStrike } = maxErrors(grid, (row) =>
      priceAmerican(row.input, 'accurate'),
    );
    expect(maxRel).toBeLessThan(1e-5);
    expect(maxAbsPerStrike).toBeLessThan(1e-6);
  });

  it('is within 1e-5 relative on 300 random out-of-sample options (observed max 8.5e-7)', () => {
    expect(random.length).toBe(300);
    const { maxRel, maxAbsPerStrike } = maxErrors(random, (row) =>
      priceAmerican(row.input, 'accurate'),
    );
    expect(maxRel).toBeLessThan(1e-5);
    expect(maxAbsPerStrike).toBeLessThan(2e-6);
  });

  it('converges to the reference at high node counts (reference scheme within 2e-7)', () => {
    const rows = grid.filter((_, i) => i % 10 === 0);
    const { maxRel } = maxErrors(rows, (row) =>
      priceAmerican(row.input, 'accurate', { scheme: ALO_REFERENCE_SCHEME }),
    );
    expect(maxRel).toBeLessThan(2e-7);
  });
});
