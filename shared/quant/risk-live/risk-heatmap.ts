/**
 * The blueprint's risk heatmap (risk factor x horizon) and the Monte Carlo method view, assembled
 * from the results of a run's jobs. Every cell is a USD loss at 99% over the horizon:
 *
 * - market: historical-simulation VaR99 (spot moves of the window, vols held, full revaluation);
 * - volatility: Monte Carlo loss at 99% with only the ATM-vol factors moving (spots held);
 * - basis: MSTR's moves unexplained by BTC applied to the MSTR positions (`factor-losses.ts`);
 * - liquidity: exit cost at 5x quoted half spreads (a one-off cost, equal at every horizon);
 * - model: the spread of VaR99 across the methods (max - min) plus the Monte Carlo grid's
 *   measured error bound, i.e. how much the number depends on the model chosen.
 * Colour (`usage`) is the loss over the 1-day VaR99 limit scaled to the horizon by sqrt(h).
 */
import type { FactorLosses, HistoricalJobView, McHorizonView, MethodView } from './risk-views';
import { worstApproximation } from './view-helpers';

export type HeatmapFactor = 'market' | 'volatility' | 'basis' | 'liquidity' | 'model';

export interface HeatmapCell {
  horizonDays: number;
  lossUsd: number | null;
  /** lossUsd / (limit x sqrt(h)); null without a limit or a value. */
  usage: number | null;
}

export interface HeatmapRow {
  factor: HeatmapFactor;
  label: string;
  measure: string;
  cells: HeatmapCell[];
}

export interface RiskHeatmap {
  horizonsDays: number[];
  limitUsd: number | null;
  rows: HeatmapRow[];
}

function var99(m: MethodView | undefined, h: number): number | null {
  const c = m?.cells.find((x) => x.horizonDays === h && Math.abs(x.confidence - 0.99) < 1e-9);
  return c ? c.varUsd : null;
}

function row(
  factor: HeatmapFactor,
  label: string,
  measure: string,
  horizons: readonly number[],
  value: (h: number, i: number) => number | null,
  limitUsd: number | null,
): HeatmapRow {
  return {
    factor,
    label,
    measure,
    cells: horizons.map((h, i) => {
      const lossUsd = value(h, i);
      const usage =
        lossUsd !== null && limitUsd !== null && limitUsd > 0
          ? lossUsd / (limitUsd * Math.sqrt(h))
          : null;
      return { horizonDays: h, lossUsd, usage };
    }),
  };
}

function fromFactor(f: FactorLosses | null): (h: number) => number | null {
  return (h) => {
    if (!f) return null;
    const i = f.horizonsDays.indexOf(h);
    return i >= 0 ? (f.lossUsd[i] ?? null) : null;
  };
}

export function riskHeatmap(
  horizonsDays: readonly number[],
  methods: readonly MethodView[],
  historical: HistoricalJobView | null,
  mc: readonly McHorizonView[],
  limitUsd: number | null,
): RiskHeatmap {
  const hs = methods.find((m) => m.method === 'historical');
  const mcAt = (h: number) => mc.find((x) => x.horizonDays === h);
  const spread = (h: number): number | null => {
    const vals = methods.map((m) => var99(m, h)).filter((v): v is number => v !== null);
    if (vals.length < 2) return null;
    return Math.max(...vals) - Math.min(...vals) + (mcAt(h)?.approximation?.varErrorBoundUsd ?? 0);
  };
  return {
    horizonsDays: horizonsDays.slice(),
    limitUsd,
    rows: [
      row(
        'market',
        'Market',
        'historical VaR99, spots only',
        horizonsDays,
        (h) => var99(hs, h),
        limitUsd,
      ),
      row(
        'volatility',
        'Volatility',
        'Monte Carlo 99% loss, ATM vols only',
        horizonsDays,
        (h) => mcAt(h)?.volOnlyVar99Usd ?? null,
        limitUsd,
      ),
      row(
        'basis',
        'Basis',
        historical?.basis?.note ?? 'no MSTR position or no BTC history',
        horizonsDays,
        fromFactor(historical?.basis ?? null),
        limitUsd,
      ),
      row(
        'liquidity',
        'Liquidity',
        historical?.liquidity.note ?? 'exit cost',
        horizonsDays,
        fromFactor(historical?.liquidity ?? null),
        limitUsd,
      ),
      row(
        'model',
        'Model',
        'VaR99 spread across methods + Monte Carlo grid error',
        horizonsDays,
        spread,
        limitUsd,
      ),
    ],
  };
}

/** The Monte Carlo row of the VaR table from its merged horizons. */
export function monteCarloMethodView(
  horizons: readonly McHorizonView[],
  paths: number,
  notes: readonly string[],
  computeMs: number,
): MethodView {
  return {
    method: 'montecarlo',
    label: 'Monte Carlo',
    cells: horizons.flatMap((h) => h.cells),
    contributions: horizons.flatMap((h) => h.contributions),
    histograms: horizons.map((h) => h.histogram),
    approximation: worstApproximation(horizons.map((h) => h.approximation)),
    scenarios: horizons.map(() => paths),
    notes: notes.slice(),
    computeMs,
  };
}
