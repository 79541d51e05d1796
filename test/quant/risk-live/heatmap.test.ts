/** The dashboard heatmap: each row's measure taken from the right job result, usage vs the limit. */
import { describe, expect, it } from 'vitest';
import { riskHeatmap } from '../../../shared/quant/risk-live/risk-heatmap';
import type {
  HistoricalJobView,
  McHorizonView,
  MethodView,
} from '../../../shared/quant/risk-live/risk-views';

const H = [1, 10];
function method(id: MethodView['method'], var99: number[]): MethodView {
  return {
    method: id,
    label: id,
    cells: H.flatMap((h, i) => [
      { horizonDays: h, confidence: 0.95, varUsd: (var99[i] as number) * 0.7, esUsd: 1 },
      { horizonDays: h, confidence: 0.99, varUsd: var99[i] as number, esUsd: 1 },
    ]),
    contributions: [],
    histograms: [],
    approximation: null,
    scenarios: [0, 0],
    notes: [],
    computeMs: 0,
  };
}
const mc: McHorizonView[] = H.map((h, i) => ({
  horizonDays: h,
  cells: [],
  contributions: [],
  histogram: { horizonDays: h, loUsd: 0, binWidthUsd: 1, counts: [], scenarios: 0 },
  approximation: {
    scheme: 'grid-bicubic',
    checkedScenarios: 26,
    maxAbsPnlErrorUsd: 5,
    varErrorBoundUsd: 10 * (i + 1),
    varErrorBoundRelative: 0.001,
  },
  volOnlyVar99Usd: 1000 * (i + 1),
}));
const hs: HistoricalJobView = {
  methods: [],
  basis: { horizonsDays: H, lossUsd: [300, 900], note: 'basis' },
  liquidity: { horizonsDays: H, lossUsd: [50, 50], note: 'liq' },
  fromDayMs: 0,
  toDayMs: 0,
  windowDays: 500,
};

describe('riskHeatmap', () => {
  const methods = [
    method('historical', [40_000, 120_000]),
    method('montecarlo', [30_000, 100_000]),
  ];
  const map = riskHeatmap(H, methods, hs, mc, 250_000);
  const row = (f: string) => map.rows.find((r) => r.factor === f)?.cells.map((c) => c.lossUsd);
  it('takes market from historical VaR99, volatility from the vol-only Monte Carlo loss', () => {
    expect(row('market')).toEqual([40_000, 120_000]);
    expect(row('volatility')).toEqual([1000, 2000]);
    expect(row('basis')).toEqual([300, 900]);
    expect(row('liquidity')).toEqual([50, 50]);
  });
  it('measures model risk as the VaR99 spread across methods plus the grid error bound', () => {
    expect(row('model')).toEqual([10_000 + 10, 20_000 + 20]);
  });
  it('colours by the loss over the limit scaled by sqrt(horizon)', () => {
    const market = map.rows[0]?.cells;
    expect(market?.[0]?.usage).toBeCloseTo(40_000 / 250_000, 12);
    expect(market?.[1]?.usage).toBeCloseTo(120_000 / (250_000 * Math.sqrt(10)), 12);
    const noLimit = riskHeatmap(H, methods, hs, mc, null);
    expect(noLimit.rows.every((r) => r.cells.every((c) => c.usage === null))).toBe(true);
  });
  it('leaves a row empty (null) when its input is missing', () => {
    const m = riskHeatmap(H, [methods[0] as MethodView], null, [], 250_000);
    expect(m.rows.find((r) => r.factor === 'basis')?.cells.map((c) => c.lossUsd)).toEqual([
      null,
      null,
    ]);
    expect(m.rows.find((r) => r.factor === 'model')?.cells.map((c) => c.lossUsd)).toEqual([
      null,
      null,
    ]);
  });
});
