/**
 * The MSTR decoupling stress from the fitted basis model: band and k-sigma targets, the implied
 * MSTR move with BTC flat, a Monte Carlo check of the k-sigma quantile under the OU transition,
 * and the scenario accepted by the risk engine's scenario schema and shock resolver.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBasis } from '../../../shared/quant/basis/analyze';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import { decouplingScenario, type DecouplingModel } from '../../../shared/quant/basis/decoupling';
import { createRng } from '../../../shared/quant/math/rng';
import { normCdf } from '../../../shared/quant/math/normal';
import { parseScenario } from '../../../shared/quant/risk/scenario-schema';
import { resolveShocks } from '../../../shared/quant/risk/stress';
import { simulateOrnsteinUhlenbeck } from '../../../shared/quant/stats/ornstein-uhlenbeck';

const model = (current: number): DecouplingModel => ({
  asOfMs: Date.UTC(2026, 10, 20),
  lookbackDays: 252,
  ou: { mean: Math.log(1.2), stationaryStd: 0.2, speed: 8, current },
});

describe('decouplingScenario', () => {
  it('lower band: mNAV to exp(mean - k sd), MSTR moves with mNAV, BTC flat', () => {
    const s = decouplingScenario(model(Math.log(1.5)), { mode: 'lowerBand', k: 2 });
    const to = 1.2 * Math.exp(-0.4);
    expect(s.mNavFrom).toBeCloseTo(1.5, 14);
    expect(s.mNavTo).toBeCloseTo(to, 14);
    expect(s.mstrSpotMove).toBeCloseTo(to / 1.5 - 1, 14);
    expect(s.premiumTo).toBeCloseTo(to - 1, 14);
    expect(s.zFrom).toBeCloseTo(Math.log(1.5 / 1.2) / 0.2, 12);
    expect(s.zTo).toBeCloseTo(-2, 12);
    expect(s.btcSpotMove).toBe(0);
    expect(s.scenario.shocks).toEqual({
      BTC: { spot: 0 },
      MSTR: { spot: s.mstrSpotMove, vol: 0.25 },
    });
    expect(s.alreadyBelowTarget).toBe(false);
  });

  it('k-sigma move over the horizon is the OU transition quantile (Monte Carlo, 40k paths)', () => {
    const m = model(Math.log(1.5));
    const s = decouplingScenario(m, { mode: 'sigmaMove', k: 2, horizonDays: 10 });
    const target = Math.log(s.mNavTo);
    const ou = m.ou as NonNullable<DecouplingModel['ou']>;
    const sigma = ou.stationaryStd * Math.sqrt(2 * ou.speed);
    const rng = createRng(11, 3);
    const normal = () => rng.normal();
    const paths = 40_000;
    let below = 0;
    for (let p = 0; p < paths; p++) {
      const path = simulateOrnsteinUhlenbeck(
        { kappa: ou.speed, mean: ou.mean, sigma },
        11,
        1 / 252,
        ou.current,
        normal,
      );
      if ((path[10] as number) <= target) below++;
    }
    const expected = normCdf(-2);
    const se = Math.sqrt((expected * (1 - expected)) / paths);
    expect(Math.abs(below / paths - expected)).toBeLessThan(4 * se);
    expect(s.mstrSpotMove).toBeLessThan(0);
    expect(s.horizonDays).toBe(10);
  });

  it('never raises MSTR: at or below the target the move is zero', () => {
    const s = decouplingScenario(model(Math.log(0.5)), { mode: 'lowerBand' });
    expect(s.alreadyBelowTarget).toBe(true);
    expect(s.mstrSpotMove).toBe(0);
    expect(s.mNavTo).toBeCloseTo(0.5, 14);
    const live = decouplingScenario(model(Math.log(1.5)), { currentMNav: 2 });
    expect(live.mNavFrom).toBeCloseTo(2, 14);
    expect(live.mstrSpotMove).toBeCloseTo((1.2 * Math.exp(-0.4)) / 2 - 1, 14);
  });

  it('refuses a report without an OU fit and bad options with clear messages', () => {
    expect(() => decouplingScenario({ ...model(0), ou: null })).toThrow(/no OU fit of ln mNAV/);
    expect(() => decouplingScenario(model(0), { k: 0 })).toThrow(/k must be > 0/);
    expect(() => decouplingScenario(model(0), { horizonDays: -1 })).toThrow(/horizonDays/);
    expect(() => decouplingScenario(model(0), { currentMNav: Number.NaN })).toThrow(/currentMNav/);
    expect(() => decouplingScenario(model(0), { mstrVolChange: -1 })).toThrow(/mstrVolChange/);
  });

  it('on the real MSTR record: a valid scenario file for the risk engine', () => {
    const csv = readFileSync(
      join(process.cwd(), 'assets/data/mstr_daily_with_btc_holdings_2020-2026.csv'),
      'utf8',
    );
    const report = analyzeBasis({ mstr: parseMstrDailyCsv(csv), lookbackDays: 252 });
    const s = decouplingScenario(report);
    const ou = report.ou as NonNullable<typeof report.ou>;
    expect(s.mNavTo).toBeCloseTo(Math.exp(ou.mean - 2 * ou.stationaryStd), 12);
    expect(s.mstrSpotMove).toBeGreaterThan(-1);
    expect(s.mstrSpotMove).toBeLessThanOrEqual(0);
    const parsed = parseScenario(JSON.parse(JSON.stringify(s.scenario)), 'decoupling');
    expect(parsed.kind).toBe('hypothetical');
    if (parsed.kind === 'grid') throw new Error('unexpected grid');
    const applied = resolveShocks(parsed, ['BTC', 'MSTR', 'QQQ']);
    expect(applied.find((a) => a.underlying === 'BTC')?.spot).toBe(0);
    expect(applied.find((a) => a.underlying === 'MSTR')?.spot).toBeCloseTo(s.mstrSpotMove, 14);
    expect(applied.find((a) => a.underlying === 'MSTR')?.volMultiplier).toBeCloseTo(1.25, 14);
    expect(applied.find((a) => a.underlying === 'QQQ')?.from).toBe('none');
  });
});
