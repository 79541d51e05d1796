import { describe, expect, it } from 'vitest';
import { riskRunSchema } from '../../../shared/contract/features/risk.api';
import { upgradeSavedRun } from '../../../src-main/services/risk/saved-run';

/** A run as stored before the stress pricing models existed (no pricing fields). */
const legacy = {
  runId: 7,
  reason: 'book',
  asOfMs: 1,
  bookSeq: 3,
  startedMs: 1,
  finishedMs: 2,
  durationMs: 1,
  engine: 'cpu',
  engineNote: 'CPU workers',
  settings: {
    horizonsDays: [1],
    confidences: [0.99],
    windowDays: 500,
    mcPaths: 2048,
    mcSeed: 1,
    reverseTargetUsd: 250_000,
  },
  headline: null,
  methods: [],
  heatmap: { horizonsDays: [1], rows: [] },
  stress: {
    scenarios: [
      {
        id: 'x',
        name: 'x',
        kind: 'hypothetical',
        origin: 'builtin',
        pnlUsd: -5,
        revaluationPnlUsd: -5,
        liquidityCostUsd: 0,
        rateShiftBps: 0,
        byUnderlying: [],
        worstPositions: [],
        shocks: [],
        stressedVar99Usd: null,
      },
    ],
    grids: [],
    reverse: [],
    computeMs: 3,
  },
  backtest: null,
  timingsMs: {},
  errors: [],
};

describe('saved risk run', () => {
  it('an old run is brought to the current shape (BSM/SVI, sticky-strike, no model columns)', () => {
    const run = upgradeSavedRun(legacy);
    expect(run?.settings.stressPricingModel).toBe('bsm-svi');
    expect(run?.stress?.pricing).toMatchObject({ requested: 'bsm-svi', used: 'bsm-svi' });
    expect(run?.stress?.scenarios[0]?.modelPnlUsd).toEqual({
      bsmSvi: -5,
      heston: null,
      merton: null,
    });
    // The old one does not pass the contract; the upgraded one's stress part does.
    expect(riskRunSchema.shape.stress.safeParse(legacy.stress).success).toBe(false);
    expect(riskRunSchema.shape.stress.safeParse(run?.stress).success).toBe(true);
    expect(riskRunSchema.shape.settings.safeParse(run?.settings).success).toBe(true);
  });

  it('anything else is no run', () => {
    expect(upgradeSavedRun(undefined)).toBeNull();
    expect(upgradeSavedRun('x')).toBeNull();
    expect(upgradeSavedRun({ nope: 1 })).toBeNull();
  });
});
