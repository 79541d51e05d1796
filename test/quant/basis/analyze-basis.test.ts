import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { isoDate, MS_PER_DAY, parseUtcMs } from '../../../shared/domain/time';
import { createRng } from '../../../shared/quant/math/rng';
import { analyzeBasis } from '../../../shared/quant/basis/analyze';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import type { BasisReport } from '../../../shared/quant/basis/report';
import { basisRiskScore, trailingStd } from '../../../shared/quant/basis/risk-score';
import type { MstrDailyRow } from '../../../shared/quant/basis/types';

const mstr = parseMstrDailyCsv(
  readFileSync(
    new URL('../../../assets/data/mstr_daily_with_btc_holdings_2020-2026.csv', import.meta.url),
    'utf8',
  ),
);

/** Every number in the report outside `series` is finite (NaN never escapes). */
function expectAllFinite(report: BasisReport): void {
  const { series: _series, ...rest } = report;
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(rest, 'report');
}

describe('analyzeBasis on the real MSTR file', () => {
  const report = analyzeBasis({ mstr, lookbackDays: 252 });

  it('reports the latest day with every model available and finite', () => {
    expect(report.n).toBe(1478);
    expect(isoDate(report.asOfMs)).toBe('2026-06-29');
    expect(report.windowReturns).toBe(252);
    expectAllFinite(report);
    expect(report.warnings.filter((w) => w.code === 'metric.unavailable')).toEqual([]);
    for (const key of [
      'ou',
      'adf',
      'engleGranger',
      'garchDcc',
      'tailDependence',
      'impliedLeverage',
      'hedgeRatio',
    ] as const) {
      expect(report[key], key).not.toBeNull();
    }
    // 2026-06-29 row: market_cap 34580912384, btc_nav 51102750856.74, m_nav (EV-based) 1.0615015801413648.
    expect(report.mNav).toBeCloseTo(34580912384 / 51102750856.74, 12);
    expect(report.premium).toBeCloseTo(report.mNav - 1, 15);
    expect(report.enterpriseMNav).toBeCloseTo(1.0615015801413648, 12);
    expect(report.btcPerShare).toBeCloseTo(847363 / (34580912384 / 93.056), 12);
  });

  it('is internally consistent', () => {
    const { ou, hedgeRatio, beta, impliedLeverage, riskScoreComponents } = report;
    expect(ou && ou.zScore).toBeCloseTo(ou ? (ou.current - ou.mean) / ou.stationaryStd : NaN, 12);
    expect(ou && ou.halfLifeDays).toBeCloseTo(ou ? (Math.LN2 / ou.speed) * 252 : NaN, 8);
    expect(hedgeRatio?.btcPerShare).toBeCloseTo(
      (beta.current * report.latest.mstrCloseUsd) / report.latest.btcPriceUsd,
      15,
    );
    expect(beta.ols).toBe(impliedLeverage?.value);
    expect(beta.current).toBe(report.series.ewmaBeta[report.n - 1]);
    expect(beta.instability20d).toBeCloseTo(trailingStd(report.series.ewmaBeta, 20) as number, 15);
    const sum = Object.values(riskScoreComponents).reduce<number>((s, c) => s + (c ?? 0), 0);
    expect(report.riskScore).toBeCloseTo(sum, 1);
    expect(report.series.dateMs).toHaveLength(report.n);
    expect(Number.isNaN(report.series.ewmaBeta[0] as number)).toBe(true);
  });

  it('analyses as of an earlier date, without enterprise mNAV before debt data exist', () => {
    const early = analyzeBasis({
      mstr,
      lookbackDays: 252,
      asOfMs: parseUtcMs('2022-06-30') as number,
    });
    expect(isoDate(early.asOfMs)).toBe('2022-06-30');
    expect(early.enterpriseMNav).toBeNull();
    expect(
      early.warnings.some(
        (w) => w.code === 'metric.unavailable' && /enterpriseMNav/.test(w.message),
      ),
    ).toBe(true);
    expectAllFinite(early);
  });

  it('a short history still runs: fewer returns than the lookback, GARCH/DCC skipped with a reason', () => {
    const res = analyzeBasis({
      mstr,
      lookbackDays: 500,
      asOfMs: parseUtcMs('2021-03-31') as number,
    });
    expect(res.windowReturns).toBe(res.n - 1);
    expect(res.garchDcc).toBeNull();
    expect(res.beta.dcc).toBeNull();
    expect(res.warnings.map((w) => w.code)).toContain('data.shortHistory');
    expect(res.warnings.some((w) => /GARCH\/DCC needs at least 250 returns/.test(w.message))).toBe(
      true,
    );
    expect(res.tailDependence?.margins).toBe('logReturns');
    expectAllFinite(res);
  });

  it('rejects a lookback below 30 days', () => {
    expect(() => analyzeBasis({ mstr, lookbackDays: 20 })).toThrow(
      /lookbackDays must be an integer >= 30/,
    );
  });
});

describe('analyzeBasis recovers a simulated basis', () => {
  // BTC: 3%/day random walk. ln mNAV: OU with kappa 8 / year, mean ln 1.5, sigma 0.5, independent
  // of BTC. MSTR = mNAV x BTC NAV / shares, so ln MSTR - ln BTC is stationary (cointegrated, slope 1)
  // and the return beta is 1.
  const n = 1500;
  const rng = createRng(2024);
  const kappa = 8;
  const meanLog = Math.log(1.5);
  const sigma = 0.5;
  const dt = 1 / 252;
  const b = Math.exp(-kappa * dt);
  const sdStep = sigma * Math.sqrt((1 - b * b) / (2 * kappa));
  const rows: MstrDailyRow[] = [];
  let lnBtc = Math.log(40_000);
  let lnM = meanLog;
  const start = parseUtcMs('2019-01-01') as number;
  for (let i = 0; i < n; i++) {
    const btc = Math.exp(lnBtc);
    const marketCap = Math.exp(lnM) * 100_000 * btc;
    rows.push({
      dateMs: start + i * MS_PER_DAY,
      closeUsd: marketCap / 2e8,
      marketCapUsd: marketCap,
      btcPriceUsd: btc,
      btcHoldings: 100_000,
    });
    lnBtc += 0.03 * rng.normal();
    lnM = meanLog + b * (lnM - meanLog) + sdStep * rng.normal();
  }
  const report = analyzeBasis({ mstr: rows.reverse(), lookbackDays: n - 1 });

  it('OU speed, mean and volatility of ln mNAV', () => {
    const ou = report.ou;
    expect(ou).not.toBeNull();
    // Within 3 reported standard errors (~2 / year here; kappa_hat is right-skewed and biased up by
    // ~0.7 / year at this sample size). This seed gives 12.8 +- 2.1.
    expect(Math.abs((ou?.speed ?? 0) - kappa)).toBeLessThan(3 * (ou?.speedStdError ?? 0));
    expect(Math.abs((ou?.mean ?? 0) - meanLog)).toBeLessThan(0.05);
    expect(Math.abs((ou?.volatility ?? 0) - sigma) / sigma).toBeLessThan(0.08);
    expect(ou?.meanMNav).toBeCloseTo(Math.exp(ou?.mean ?? 0), 12);
  });

  it('stationarity and cointegration are detected', () => {
    expect(report.adf?.pValue).toBeLessThan(0.05);
    expect(report.engleGranger?.pValue).toBeLessThan(0.05);
    expect(Math.abs((report.engleGranger?.cointegratingBeta ?? 0) - 1)).toBeLessThan(0.05);
  });

  it('beta ~ 1, correlation ~ 0.69, Gaussian innovations give weak tail dependence', () => {
    expect(Math.abs((report.impliedLeverage?.value ?? 0) - 1)).toBeLessThan(0.1);
    expect(Math.abs(report.impliedLeverage?.asymmetry ?? 9)).toBeLessThan(0.25);
    expect(Math.abs((report.correlation.sample ?? 0) - 0.69)).toBeLessThan(0.05);
    expect(Math.abs((report.beta.dcc ?? 0) - 1)).toBeLessThan(0.35);
    expect(report.tailDependence?.coefficient).toBeLessThan(0.25);
    expect(report.impliedLeverage?.balanceSheetLeverage).toBeNull();
    expectAllFinite(report);
  });
});

describe('basisRiskScore', () => {
  it('weights and caps as documented', () => {
    const res = basisRiskScore({
      zScore: -2.4,
      leverage: 2.5,
      tailDependence: 0.35,
      betaInstability: 0.1,
    });
    // 30 * 2.4/3 + 30 * 2.5/3 + 20 * 0.35/0.5 + 20 * 0.1/0.5 = 24 + 25 + 14 + 4
    expect(res.score).toBeCloseTo(67, 10);
    expect(res.warnings.map((w) => w.code)).toEqual([
      'risk.premiumDeviation',
      'risk.highLeverage',
      'risk.highTailDependence',
    ]);
    expect(res.warnings[0]?.message).toBe('premium deviation high: z = -2.40 stationary std');
    const capped = basisRiskScore({
      zScore: 9,
      leverage: 10,
      tailDependence: 0.9,
      betaInstability: 3,
    });
    expect(capped.score).toBe(100);
    const partial = basisRiskScore({
      zScore: null,
      leverage: -1,
      tailDependence: null,
      betaInstability: 0.25,
    });
    expect(partial.score).toBe(10);
    expect(partial.components.premiumDeviation).toBeNull();
    expect(partial.components.leverage).toBe(0);
    expect(partial.warnings).toEqual([]);
  });
});
