/**
 * The latest run kept in the store's meta, read back at start. A run saved before the stress
 * pricing models existed lacks their fields: it is brought up to the current shape (BSM/SVI,
 * sticky-strike, no model columns), so the screen and the contract see one shape only.
 */
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import type {
  StressJobView,
  StressPricingView,
  StressScenarioView,
} from '../../../shared/quant/risk-live/risk-views';

const LEGACY_PRICING: StressPricingView = {
  requested: 'bsm-svi',
  used: 'bsm-svi',
  stickiness: 'sticky-strike',
  notes: [],
  models: [],
};

/** Fields of a stored stress view may be missing (older runs): each is checked. */
function upgradeStress(stored: StressJobView): StressJobView | null {
  const stress = stored as Partial<StressJobView>;
  if (!Array.isArray(stress.scenarios)) return null;
  return {
    scenarios: stress.scenarios.map((s) => ({
      ...s,
      modelPnlUsd: (s as Partial<StressScenarioView>).modelPnlUsd ?? {
        bsmSvi: s.pnlUsd,
        heston: null,
        merton: null,
      },
    })),
    grids: stress.grids ?? [],
    reverse: stress.reverse ?? [],
    pricing: stress.pricing ?? LEGACY_PRICING,
    computeMs: stress.computeMs ?? 0,
  };
}

/** The saved run in the current shape, or null when there is none (or it is not a run). */
export function upgradeSavedRun(saved: unknown): RiskRun | null {
  if (!saved || typeof saved !== 'object' || !('runId' in saved)) return null;
  const run = saved as RiskRun;
  return {
    ...run,
    settings: {
      ...run.settings,
      stressPricingModel:
        (run.settings as Partial<RiskRun['settings']>).stressPricingModel ?? 'bsm-svi',
    },
    stress: run.stress ? upgradeStress(run.stress) : null,
  };
}
