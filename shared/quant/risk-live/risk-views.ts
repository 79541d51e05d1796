/**
 * The plain-data views the risk jobs return to main and main sends to the screens: every number
 * finite (USD, losses positive unless the name says P&L), no typed arrays, no optional fields
 * (absent = null) so the contract's zod schemas describe them exactly.
 */
import type { ScenarioOrigin } from './stress-job';
import type { VolStickiness } from '../../domain/vol-surface';
import type { TrafficLightZone } from '../risk/backtest-stats';
import type { PricingModelId } from '../risk/model-pricing';

export type VarMethodId =
  | 'historical'
  | 'historical-ewma'
  | 'filtered-ewma'
  | 'filtered-garch'
  | 'montecarlo'
  | 'parametric-normal'
  | 'parametric-t'
  | 'cornish-fisher';

export interface VarCell {
  horizonDays: number;
  confidence: number;
  varUsd: number;
  esUsd: number;
}

export interface ContributionView {
  name: string;
  componentVarUsd: number;
  componentEsUsd: number;
  /** VaR(book) - VaR(book without it); null where the method does not compute it. */
  incrementalVarUsd: number | null;
}

export interface ContributionSet {
  horizonDays: number;
  confidence: number;
  byUnderlying: ContributionView[];
  /** Empty where the method has no per-position split. */
  byPosition: ContributionView[];
}

/** P&L histogram of one horizon: counts[i] scenarios with P&L in [lo + i w, lo + (i+1) w). */
export interface PnlHistogram {
  horizonDays: number;
  loUsd: number;
  binWidthUsd: number;
  counts: number[];
  scenarios: number;
}

export interface ApproximationView {
  scheme: string;
  checkedScenarios: number;
  maxAbsPnlErrorUsd: number;
  varErrorBoundUsd: number;
  varErrorBoundRelative: number;
}

export interface MethodView {
  method: VarMethodId;
  label: string;
  cells: VarCell[];
  contributions: ContributionSet[];
  histograms: PnlHistogram[];
  approximation: ApproximationView | null;
  /** Scenario count per horizon (0 for parametric methods). */
  scenarios: number[];
  notes: string[];
  computeMs: number;
}

/** Loss at 99% per horizon of one risk factor of the dashboard heatmap (see risk-heatmap.ts). */
export interface FactorLosses {
  horizonsDays: number[];
  lossUsd: number[];
  note: string;
}

export interface HistoricalJobView {
  methods: MethodView[];
  /** MSTR moves unexplained by BTC (beta-adjusted), BTC held: loss at 99% per horizon. */
  basis: FactorLosses | null;
  /** Exit cost at widened spreads (same for every horizon). */
  liquidity: FactorLosses;
  fromDayMs: number;
  toDayMs: number;
  windowDays: number;
}

export interface McHorizonView {
  horizonDays: number;
  cells: VarCell[];
  contributions: ContributionSet[];
  histogram: PnlHistogram;
  approximation: ApproximationView | null;
  /** Loss at 99% when only the vol factors move (spots held): the heatmap's volatility row. */
  volOnlyVar99Usd: number;
}

export interface StressScenarioView {
  id: string;
  name: string;
  kind: string;
  origin: ScenarioOrigin;
  pnlUsd: number;
  revaluationPnlUsd: number;
  liquidityCostUsd: number;
  rateShiftBps: number;
  byUnderlying: { underlying: string; pnlUsd: number }[];
  worstPositions: { positionId: string; pnlUsd: number }[];
  shocks: {
    underlying: string;
    spot: number;
    volMultiplier: number;
    volPoints: number;
    from: string;
  }[];
  stressedVar99Usd: { base: number; stressed: number } | null;
  /**
   * The scenario's P&L under each pricing model side by side (model risk); null where the model
   * has no calibration for the book's option underlyings (or failed on this scenario).
   */
  modelPnlUsd: { bsmSvi: number; heston: number | null; merton: number | null };
}

/** How a stress job priced the scenarios. */
export interface StressPricingView {
  /** The model the run asked for and the one the headline numbers use (BSM/SVI as fallback). */
  requested: PricingModelId;
  used: PricingModelId;
  /** Vol rule of the BSM/SVI spot moves (the models carry their own). */
  stickiness: VolStickiness;
  notes: string[];
  models: {
    model: PricingModelId;
    /** False: no calibration for any option underlying of the book. */
    available: boolean;
    /** Underlyings the model values, and those whose options fell back to BSM/SVI. */
    covered: string[];
    fallback: string[];
  }[];
}

export interface StressGridView {
  id: string;
  name: string;
  spot: number[];
  vol: number[];
  rateShiftBps: number[];
  /** pnlUsd[rate][vol][spot]. */
  pnlUsd: number[][][];
  worst: { name: string; pnlUsd: number };
}

export interface ReverseStressView {
  direction: string;
  targetLossUsd: number;
  found: boolean;
  t: number | null;
  moves: { underlying: string; spot: number; vol: number }[];
  lossUsd: number | null;
  maxLossUsd: number;
}

export interface StressJobView {
  scenarios: StressScenarioView[];
  grids: StressGridView[];
  reverse: ReverseStressView[];
  pricing: StressPricingView;
  computeMs: number;
}

export interface BacktestConfidenceView {
  confidence: number;
  /** VaR forecast of each test day (USD loss). */
  varUsd: number[];
  breaches: number;
  expectedBreaches: number;
  breachRate: number;
  kupiec: { lr: number; pValue: number };
  independence: { lr: number; pValue: number };
  conditionalCoverage: { lr: number; pValue: number };
  transitions: { n00: number; n01: number; n10: number; n11: number };
  trafficLight: {
    zone: TrafficLightZone;
    breaches: number;
    days: number;
    cumulativeProbability: number;
    plusFactor: number;
  };
  breachLog: { dayMs: number; lossUsd: number; varUsd: number }[];
}

export interface BacktestJobView {
  source: string;
  windowDays: number;
  /** Test days: end day and the book's hypothetical P&L on it. */
  dayMs: number[];
  pnlUsd: number[];
  byConfidence: BacktestConfidenceView[];
  computeMs: number;
}
