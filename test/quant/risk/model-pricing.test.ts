import { describe, expect, it } from 'vitest';
import { bsmPrice } from '../../../shared/quant/pricing/bsm';
import { riskBookFromFile } from '../../../shared/quant/risk/book-input';
import {
  hestonMoved,
  modelPricing,
  type RiskModelCalibration,
} from '../../../shared/quant/risk/model-pricing';
import type { ShockScenario } from '../../../shared/quant/risk/scenario-schema';
import { runStress } from '../../../shared/quant/risk/stress';
import { hestonPrice } from '../../../shared/quant/surface/heston-price';
import { mertonPrice } from '../../../shared/quant/surface/merton';
import { MS_PER_DAY, MS_PER_YEAR } from '../../../shared/domain/time';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/quant/risk-live/job-input';
import { stressJob } from '../../../shared/quant/risk-live/stress-job';
import { optionBook, type UnderlyingSpec } from './smile-book';

const BTC: UnderlyingSpec = { name: 'BTC', spot: 90_000, rate: 0.03, carryYield: 0, atmVol: 0.55 };
const MSTR: UnderlyingSpec = { name: 'MSTR', spot: 200, rate: 0.04, carryYield: 0.01, atmVol: 0.8 };
const HESTON = { v0: 0.3, kappa: 2.5, theta: 0.36, xi: 0.9, rho: -0.5 };
const MERTON = { volAnnual: 0.45, lambda: 1.5, muJump: -0.1, sigmaJump: 0.15 };
const CAL: RiskModelCalibration[] = [
  { underlying: 'BTC', fitAsOfMs: 0, heston: HESTON, merton: MERTON },
];

function scenario(spot: number, vol: number, rateShiftBps = 0, horizonDays = 0): ShockScenario {
  return {
    id: 'sc',
    name: 'sc',
    description: '',
    source: '',
    kind: 'hypothetical',
    shocks: {},
    default: { spot, vol },
    rateShiftBps,
    horizonDays,
  };
}

const DAYS = 60;
const STRIKE = 85_000;
const QTY = 4;
const single = () =>
  optionBook(
    [BTC],
    [{ underlying: 'BTC', right: 'put', strike: STRIKE, days: DAYS, quantity: QTY, iv: 0.6 }],
  );

/** Direct library price of the row: e^(-rT) model(F = S e^(rT), K, T). */
function direct(model: 'heston' | 'merton', spot: number, volMult: number, rate: number, dt = 0) {
  const tYears = (DAYS * MS_PER_DAY) / MS_PER_YEAR - dt;
  const opt = {
    type: 'put' as const,
    forward: spot * Math.exp(rate * tYears),
    strike: STRIKE,
    tYears,
    discountFactor: Math.exp(-rate * tYears),
  };
  if (model === 'heston') {
    const vol = Math.sqrt(HESTON.v0) * volMult;
    return hestonPrice(opt, { ...HESTON, v0: vol * vol });
  }
  return mertonPrice(opt, { ...MERTON, volAnnual: MERTON.volAnnual * volMult });
}

describe('Heston and Merton scenario pricing', () => {
  const { book, portfolio } = riskBookFromFile(single());

  for (const model of ['heston', 'merton'] as const) {
    it(`${model}: the scenario P&L of one option is the direct price difference`, () => {
      const pricing = modelPricing(book, model, CAL);
      expect(pricing.covered).toEqual(['BTC']);
      for (const [s, v, bp, h] of [
        [-0.3, 0.5, 0, 0],
        [0.2, -0.2, 0, 0],
        [-0.1, 0, 100, 0],
        [0, 0.25, 0, 5],
      ] as const) {
        const r = runStress(book, portfolio, scenario(s, v, bp, h), undefined, pricing);
        const rate = BTC.rate + bp / 10_000;
        const shocked = direct(
          model,
          BTC.spot * (1 + s),
          1 + v,
          rate,
          (h * MS_PER_DAY) / MS_PER_YEAR,
        );
        const base = direct(model, BTC.spot, 1, BTC.rate);
        expect(r.pnlUsd).toBeCloseTo(QTY * (shocked - base), 8);
      }
    });
  }

  it('Heston vol shocks move v0 only; the models differ from BSM on the same scenario', () => {
    const moved = hestonMoved(HESTON, {
      x: 0,
      volMultiplier: 1.2,
      volAddAbs: 0.05,
      rateShift: 0,
      dtYears: 0,
    });
    expect(Math.sqrt(moved.v0)).toBeCloseTo(Math.sqrt(HESTON.v0) * 1.2 + 0.05, 12);
    expect({ ...moved, v0: HESTON.v0 }).toEqual(HESTON);
    const s = scenario(-0.3, 0.5);
    const bsm = runStress(book, portfolio, s).pnlUsd;
    const heston = runStress(
      book,
      portfolio,
      s,
      undefined,
      modelPricing(book, 'heston', CAL),
    ).pnlUsd;
    const merton = runStress(
      book,
      portfolio,
      s,
      undefined,
      modelPricing(book, 'merton', CAL),
    ).pnlUsd;
    const tYears = (DAYS * MS_PER_DAY) / MS_PER_YEAR;
    const p = (spot: number, vol: number) =>
      bsmPrice({
        type: 'put',
        spot,
        strike: STRIKE,
        tYears,
        rate: BTC.rate,
        carryYield: 0,
        volAnnual: vol,
      });
    expect(bsm).toBeCloseTo(QTY * (p(BTC.spot * 0.7, 0.9) - p(BTC.spot, 0.6)), 6);
    expect(Math.abs(heston - bsm)).toBeGreaterThan(100);
    expect(Math.abs(merton - bsm)).toBeGreaterThan(100);
  });

  it('falls back to BSM/SVI with a note when a model has no calibration', () => {
    const file = optionBook(
      [BTC, MSTR],
      [
        { underlying: 'BTC', right: 'put', strike: STRIKE, days: DAYS, quantity: QTY, iv: 0.6 },
        {
          underlying: 'MSTR',
          right: 'call',
          strike: 220,
          days: 30,
          quantity: 50,
          iv: 0.85,
          american: true,
        },
      ],
    );
    const input = {
      book: file,
      settings: { ...DEFAULT_RISK_SETTINGS, horizonsDays: [1], mcPaths: 2048 },
      scenarios: [{ origin: 'builtin' as const, scenario: scenario(-0.25, 0.4) }],
      reverseTargetsUsd: [],
    };
    // No calibration at all: the run asked for Heston, gets BSM/SVI, and says why.
    const none = stressJob({ ...input, pricingModel: 'heston' });
    const bsmOnly = stressJob(input);
    expect(none.pricing.requested).toBe('heston');
    expect(none.pricing.used).toBe('bsm-svi');
    expect(none.pricing.notes.join(' ')).toMatch(/Heston: no calibration/);
    expect(none.scenarios[0]?.pnlUsd).toBe(bsmOnly.scenarios[0]?.pnlUsd);
    expect(none.scenarios[0]?.modelPnlUsd).toEqual({
      bsmSvi: bsmOnly.scenarios[0]?.pnlUsd,
      heston: null,
      merton: null,
    });
    // BTC calibrated, MSTR not: MSTR's option keeps BSM/SVI (noted), BTC's is Heston's.
    const part = stressJob({ ...input, pricingModel: 'heston', models: CAL });
    expect(part.pricing.used).toBe('heston');
    expect(part.pricing.notes.join(' ')).toMatch(/no Heston calibration for MSTR/);
    const row = part.scenarios[0];
    const byU = (r: typeof row, u: string) =>
      r?.byUnderlying.find((b) => b.underlying === u)?.pnlUsd;
    expect(byU(row, 'MSTR')).toBeCloseTo(byU(bsmOnly.scenarios[0], 'MSTR') as number, 9);
    const hestonBtc =
      QTY *
      (direct('heston', BTC.spot * 0.75, 1.4, BTC.rate) - direct('heston', BTC.spot, 1, BTC.rate));
    expect(byU(row, 'BTC')).toBeCloseTo(hestonBtc, 8);
    expect(row?.modelPnlUsd.heston).toBeCloseTo(row?.pnlUsd as number, 9);
    expect(row?.modelPnlUsd.merton).not.toBeNull();
    expect(row?.modelPnlUsd.bsmSvi).toBeCloseTo(bsmOnly.scenarios[0]?.pnlUsd as number, 9);
  });
});
