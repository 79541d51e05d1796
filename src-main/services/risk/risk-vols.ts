/**
 * What the risk engine reads from the vol-surface feature for a run: the stickiness setting with
 * the latest arbitrage-free SVI fit of each book underlying (sticky-delta spot moves), and the
 * latest Heston/Merton calibrations (stress pricing models). Read at the start of every run, so
 * a refit or a recalibration is picked up by the next run; nothing is computed here.
 */
import type { VolStickiness, SurfaceFitView } from '../../../shared/domain/vol-surface';
import type { SurfaceModelsView } from '../../../shared/domain/vol-models';
import type { RiskModelCalibration } from '../../../shared/quant/risk/model-pricing';
import type { RiskSmile, RiskVolDynamics } from '../../../shared/quant/risk/sticky-delta';

export interface RiskVolSource {
  dynamics(underlyings: readonly string[]): RiskVolDynamics;
  calibrations(underlyings: readonly string[]): RiskModelCalibration[];
}

/** The narrow view of the surface service the risk engine needs (never fits on demand). */
export interface SurfaceLookup {
  settings(): { stickiness: VolStickiness };
  /** The latest fit of a model, or undefined. */
  latestFit(underlying: string, model: 'svi'): SurfaceFitView | undefined;
  models: { latestView(underlying: string): SurfaceModelsView | undefined };
}

function num(params: Record<string, number>, key: string): number {
  const v = params[key];
  if (v === undefined || !Number.isFinite(v)) throw new RangeError(`SVI parameter ${key} missing`);
  return v;
}

/** A fit view's slices as the risk job's plain smile data; undefined if the view is not SVI. */
export function riskSmileOf(view: SurfaceFitView): RiskSmile | undefined {
  if (view.model !== 'svi' && view.model !== 'svi-free') return undefined;
  try {
    return {
      underlying: view.underlying,
      asOfMs: view.asOfMs,
      spot: view.spot,
      slices: view.slices.map((s) => ({
        expiryMs: s.expiryMs,
        tYears: s.tYears,
        forward: s.forward,
        a: num(s.params, 'a'),
        b: num(s.params, 'b'),
        rho: num(s.params, 'rho'),
        m: num(s.params, 'm'),
        sigma: num(s.params, 'sigma'),
      })),
    };
  } catch {
    return undefined;
  }
}

export function calibrationOf(view: SurfaceModelsView): RiskModelCalibration {
  const { heston: h, merton: m } = view;
  return {
    underlying: view.underlying,
    fitAsOfMs: view.fitAsOfMs,
    ...(h ? { heston: { v0: h.v0, kappa: h.kappa, theta: h.theta, xi: h.xi, rho: h.rho } } : {}),
    ...(m
      ? {
          merton: {
            volAnnual: m.volAnnual,
            lambda: m.lambda,
            muJump: m.muJump,
            sigmaJump: m.sigmaJump,
          },
        }
      : {}),
  };
}

export function surfaceVolSource(surface: SurfaceLookup): RiskVolSource {
  return {
    dynamics(underlyings) {
      return {
        stickiness: surface.settings().stickiness,
        smiles: underlyings.flatMap((u) => {
          const view = surface.latestFit(u, 'svi');
          const smile = view ? riskSmileOf(view) : undefined;
          return smile ? [smile] : [];
        }),
      };
    },
    calibrations(underlyings) {
      return underlyings.flatMap((u) => {
        const view = surface.models.latestView(u);
        return view && (view.heston || view.merton) ? [calibrationOf(view)] : [];
      });
    },
  };
}
