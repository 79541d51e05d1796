/**
 * The pricing models of a stress job: the one the run asked for (BSM/SVI, Heston or Merton) and
 * the others beside it for the model-risk columns. A model with no calibration for any of the
 * book's option underlyings has no column, and a run that asked for it is priced with BSM/SVI
 * and says so; a model missing only some underlyings values their rows with BSM/SVI (noted).
 */
import {
  bsmPricing,
  modelPricing,
  PRICING_MODEL_LABELS,
  PRICING_MODELS,
  type PricingModelId,
  type RowPricing,
} from '../risk/model-pricing';
import type { PreparedBook } from './job-input';
import type { StressPricingView } from './risk-views';
import type { StressJobInput } from './stress-job';

export interface StressPricing {
  /** One entry per `PRICING_MODELS` entry; null where the model values nothing. */
  side: (RowPricing | null)[];
  /** Index into `side` of the model the scenarios' headline numbers use. */
  usedIndex: number;
  used: RowPricing;
  /** Records a model that failed on a scenario (its column is then empty there). */
  failed(model: PricingModelId, message: string): void;
  view(): StressPricingView;
}

export function stressPricing(prepared: PreparedBook, input: StressJobInput): StressPricing {
  const requested = input.pricingModel ?? 'bsm-svi';
  const calibrations = input.models ?? [];
  const bsm = bsmPricing(prepared.book);
  const side = PRICING_MODELS.map((m): RowPricing | null => {
    if (m === 'bsm-svi') return bsm;
    const p = modelPricing(prepared.book, m, calibrations);
    return p.covered.length > 0 ? p : null;
  });
  const notes: string[] = [];
  const wanted = PRICING_MODELS.indexOf(requested);
  const usedIndex = side[wanted] ? wanted : 0;
  const used = side[usedIndex] ?? bsm;
  const label = PRICING_MODEL_LABELS[requested];
  if (usedIndex !== wanted)
    notes.push(
      `${label}: no calibration for the book's option underlyings yet; scenarios priced with BSM/SVI`,
    );
  for (const f of used.fallback)
    notes.push(`${label}: ${f.reason} for ${f.underlying}; its options priced with BSM/SVI`);
  if (used.model !== 'bsm-svi')
    notes.push(
      `${label}: options valued as European on the row's forward; vol shocks move ${
        used.model === 'heston' ? 'v0 (theta held)' : 'the diffusion vol (jumps held)'
      }; reverse stress and stressed VaR stay on BSM/SVI`,
    );
  notes.push(prepared.volNote);
  const failures = new Map<PricingModelId, string>();
  return {
    side,
    usedIndex,
    used,
    failed(model, message) {
      if (!failures.has(model)) failures.set(model, message);
    },
    view() {
      const extra = [...failures].map(
        ([m, msg]) => `${PRICING_MODEL_LABELS[m]} failed on some scenarios (${msg})`,
      );
      return {
        requested,
        used: used.model,
        stickiness: input.vols?.stickiness ?? 'sticky-strike',
        notes: [...notes, ...extra],
        models: PRICING_MODELS.map((model, i) => {
          const p = side[i];
          return {
            model,
            available: p !== null && p !== undefined,
            covered: p?.covered ?? [],
            fallback: p?.fallback.map((f) => f.underlying) ?? [],
          };
        }),
      };
    },
  };
}
