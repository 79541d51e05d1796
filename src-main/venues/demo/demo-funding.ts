/**
 * Premiums and funding of the demo perpetuals, stepped with the market model on its fixed grid.
 * Every step adds each perp's premium to its funding window (`premium-window.ts`, the venue's
 * weighting); at each funding time (00/08/16 UTC) the window's rate under the venue's rule
 * (`fundingRateFromPremium`) is realised, recorded with the mark, and a new window starts.
 * Deterministic: its own generator stream, advanced once per model step.
 */
import type { FundingPoint, FundingSnapshot } from '../../../shared/domain/derivatives';
import { MS_PER_HOUR, MS_PER_YEAR } from '../../../shared/domain/time';
import type { Rng } from '../../../shared/quant/math/rng';
import {
  addPremiumSample,
  emptyWindow,
  predictedWindowRate,
  realisedWindowRate,
  type PremiumWindow,
} from '../../../shared/quant/perps-live/premium-window';
import { DEMO_PERPS, type DemoPerp } from './demo-perp-markets';

/** Realised points kept per perp (older ones live in the store). */
const KEEP_REALISED = 400;

export interface DemoPerpState {
  /** Own deviation of the premium (0 for the reference perp). */
  deviation: number;
  premium: number;
  window: PremiumWindow;
  realised: FundingPoint[];
}

export interface DemoFundingState {
  perps: Record<string, DemoPerpState>;
  fundingDueMs: number;
  /** Model step of the last update, to count the samples left in the window. */
  lastStepMs: number;
  /** First funding time this simulator realised: earlier history is generated. */
  liveFromMs: number;
}

export function nextFundingTimeMs(tsMs: number, intervalHours = 8): number {
  const interval = intervalHours * MS_PER_HOUR;
  return Math.floor(tsMs / interval) * interval + interval;
}

export function initialFundingState(tsMs: number, referencePremium: number): DemoFundingState {
  const perps: Record<string, DemoPerpState> = {};
  for (const p of DEMO_PERPS) {
    const premium = (p.premium?.beta ?? 1) * referencePremium + (p.premium?.offset ?? 0);
    perps[p.market.instrumentId] = { deviation: 0, premium, window: emptyWindow(), realised: [] };
  }
  const due = nextFundingTimeMs(tsMs);
  return { perps, fundingDueMs: due, lastStepMs: 250, liveFromMs: due };
}

/** Fills perps missing from a saved state (a newer version lists more). */
export function completeFundingState(
  saved: DemoFundingState | undefined,
  tsMs: number,
  referencePremium: number,
): DemoFundingState {
  const fresh = initialFundingState(tsMs, referencePremium);
  if (!saved) return fresh;
  return { ...saved, perps: { ...fresh.perps, ...saved.perps } };
}

function stepDeviation(
  x: number,
  p: NonNullable<DemoPerp['premium']>,
  dtMs: number,
  rng: Rng,
): number {
  const dtYears = dtMs / MS_PER_YEAR;
  const decay = Math.exp(-p.kappa * dtYears);
  const sd = p.vol * Math.sqrt((1 - decay * decay) / (2 * p.kappa));
  return x * decay + sd * rng.normal();
}

export interface FundingStepInput {
  dtMs: number;
  /** Model time after the step. */
  tsMs: number;
  referencePremium: number;
  spot: (underlying: string) => number;
}

/** Advances every perp by one model step; realises funding when a funding time is reached. */
export function stepFunding(
  s: DemoFundingState,
  input: FundingStepInput,
  rng: Rng,
): DemoFundingState {
  const perps: Record<string, DemoPerpState> = {};
  const realise = input.tsMs >= s.fundingDueMs;
  for (const p of DEMO_PERPS) {
    const id = p.market.instrumentId;
    const prev = s.perps[id];
    if (!prev) continue;
    const deviation = p.premium ? stepDeviation(prev.deviation, p.premium, input.dtMs, rng) : 0;
    const premium = p.premium
      ? p.premium.beta * input.referencePremium + p.premium.offset + deviation
      : input.referencePremium;
    let window = addPremiumSample(prev.window, premium, p.rule);
    let realised = prev.realised;
    if (realise) {
      const rate = realisedWindowRate(window, p.rule);
      if (rate !== null) {
        const mark = input.spot(p.market.underlying) * (1 + premium);
        realised = [
          ...realised,
          { tsMs: s.fundingDueMs, rate, markPrice: mark, source: 'live' as const },
        ];
        if (realised.length > KEEP_REALISED) realised = realised.slice(-KEEP_REALISED);
      }
      window = emptyWindow();
    }
    perps[id] = { deviation, premium, window, realised };
  }
  return {
    ...s,
    perps,
    fundingDueMs: realise ? nextFundingTimeMs(input.tsMs) : s.fundingDueMs,
    lastStepMs: input.dtMs,
  };
}

/** Live funding state of one perp: mark, index, predicted rate for the next funding time. */
export function fundingSnapshotOf(
  s: DemoFundingState,
  perp: DemoPerp,
  tsMs: number,
  spot: number,
): FundingSnapshot {
  const st = s.perps[perp.market.instrumentId];
  const premium = st?.premium ?? 0;
  const left = (s.fundingDueMs - tsMs) / Math.max(1, s.lastStepMs);
  const predicted = st ? predictedWindowRate(st.window, left, perp.rule) : null;
  return {
    instrumentId: perp.market.instrumentId,
    tsMs,
    markPrice: spot * (1 + premium),
    indexPrice: spot,
    fundingRate: predicted?.rate ?? perp.rule.interestPer8h,
    nextFundingMs: s.fundingDueMs,
    intervalHours: perp.market.fundingIntervalHours,
  };
}
