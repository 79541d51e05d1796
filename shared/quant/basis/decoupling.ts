/**
 * The "MSTR decoupling" stress from the fitted basis model: MSTR's premium to its BTC NAV
 * collapses while BTC does not move. With BTC, holdings and share count fixed, the MSTR price is
 * mNAV x BTC NAV per share, so the MSTR spot move is exactly the mNAV move:
 *   MSTR move = exp(ln mNAV_to - ln mNAV_from) - 1,   BTC move = 0.
 * Two ways to pick ln mNAV_to from the OU fit of ln mNAV (mean m, stationary sd s, speed kappa):
 * - 'lowerBand': the lower k-sigma band of the stationary distribution, m - k s (the band the Basis
 *   screen draws; k = 2 by default);
 * - 'sigmaMove': a k-sigma fall over `horizonDays` trading days under the OU transition,
 *   E[x_h] - k sd_h with E[x_h] = m + (x0 - m) e^{-kappa h}, sd_h = s sqrt(1 - e^{-2 kappa h}).
 * The shock never raises MSTR: when ln mNAV already sits below the target, the move is 0 and
 * `alreadyBelowTarget` says so.
 *
 * For the risk engine's stress library: `scenario` has the shape of a hypothetical scenario file
 * (`assets/scenarios/*.json`, `shared/quant/risk/scenario-schema.ts`): shocks BTC { spot: 0 } and
 * MSTR { spot, vol }, so it can be run as is, e.g.
 *   const s = decouplingScenario(report, { mode: 'lowerBand', k: 2 });
 *   runStress(book, portfolio, parseScenario(s.scenario));
 */
import { isoDate } from '../../domain/time';

/** The parts of a basis report the scenario needs (a `BasisReport` or its contract view). */
export interface DecouplingModel {
  asOfMs: number;
  lookbackDays: number;
  ou: {
    mean: number;
    stationaryStd: number;
    /** kappa per year. */
    speed: number;
    /** ln mNAV on the report's last day. */
    current: number;
  } | null;
}

export interface DecouplingOptions {
  mode?: 'lowerBand' | 'sigmaMove';
  /** Band width or move size in standard deviations (default 2). */
  k?: number;
  /** Trading days of the move ('sigmaMove' only; default 10). */
  horizonDays?: number;
  /** Start from this mNAV (e.g. the live one) instead of the report's last close. */
  currentMNav?: number;
  /** Relative change of MSTR implied vols in the scenario (default +25%, an assumption). */
  mstrVolChange?: number;
}

export interface DecouplingScenarioFile {
  id: string;
  name: string;
  kind: 'hypothetical';
  description: string;
  source: string;
  shocks: { BTC: { spot: number }; MSTR: { spot: number; vol: number } };
}

export interface DecouplingScenario {
  mode: 'lowerBand' | 'sigmaMove';
  k: number;
  horizonDays: number | null;
  mNavFrom: number;
  mNavTo: number;
  premiumFrom: number;
  premiumTo: number;
  logMNavChange: number;
  /** Relative MSTR spot move (-0.3 = -30%). */
  mstrSpotMove: number;
  btcSpotMove: 0;
  /** OU z-scores before and after the shock. */
  zFrom: number;
  zTo: number;
  alreadyBelowTarget: boolean;
  scenario: DecouplingScenarioFile;
}

const TRADING_DAYS_PER_YEAR = 252;

export function decouplingScenario(
  model: DecouplingModel,
  options: DecouplingOptions = {},
): DecouplingScenario {
  const ou = model.ou;
  if (ou === null) {
    throw new RangeError(
      'decouplingScenario: the report has no OU fit of ln mNAV (see its warnings); use a static scenario',
    );
  }
  const mode = options.mode ?? 'lowerBand';
  const k = options.k ?? 2;
  const horizonDays = options.horizonDays ?? 10;
  const volChange = options.mstrVolChange ?? 0.25;
  if (!(Number.isFinite(k) && k > 0))
    throw new RangeError(`decouplingScenario: k must be > 0, got ${k}`);
  if (!(Number.isFinite(horizonDays) && horizonDays > 0))
    throw new RangeError(`decouplingScenario: horizonDays must be > 0, got ${horizonDays}`);
  if (!(Number.isFinite(volChange) && volChange > -1))
    throw new RangeError(`decouplingScenario: mstrVolChange must be > -1, got ${volChange}`);
  if (!(ou.stationaryStd > 0 && Number.isFinite(ou.mean)))
    throw new RangeError('decouplingScenario: the OU fit has no positive stationary std');
  let x0 = ou.current;
  if (options.currentMNav !== undefined) {
    if (!(options.currentMNav > 0 && Number.isFinite(options.currentMNav)))
      throw new RangeError(
        `decouplingScenario: currentMNav must be > 0, got ${options.currentMNav}`,
      );
    x0 = Math.log(options.currentMNav);
  }
  let target: number;
  if (mode === 'lowerBand') {
    target = ou.mean - k * ou.stationaryStd;
  } else {
    const decay = Math.exp((-ou.speed * horizonDays) / TRADING_DAYS_PER_YEAR);
    const sdH = ou.stationaryStd * Math.sqrt(1 - decay * decay);
    target = ou.mean + (x0 - ou.mean) * decay - k * sdH;
  }
  const alreadyBelowTarget = target >= x0;
  const change = alreadyBelowTarget ? 0 : target - x0;
  const mNavFrom = Math.exp(x0);
  const mNavTo = Math.exp(x0 + change);
  const mstrSpotMove = Math.expm1(change);
  const what =
    mode === 'lowerBand'
      ? `mNAV falls to the -${k} sigma band of its fitted long-run distribution`
      : `mNAV falls ${k} sigma over ${horizonDays} trading days under the fitted OU`;
  const window = `${model.lookbackDays} trading days to ${isoDate(model.asOfMs)}`;
  return {
    mode,
    k,
    horizonDays: mode === 'sigmaMove' ? horizonDays : null,
    mNavFrom,
    mNavTo,
    premiumFrom: mNavFrom - 1,
    premiumTo: mNavTo - 1,
    logMNavChange: change,
    mstrSpotMove,
    btcSpotMove: 0,
    zFrom: (x0 - ou.mean) / ou.stationaryStd,
    zTo: (x0 + change - ou.mean) / ou.stationaryStd,
    alreadyBelowTarget,
    scenario: {
      id: mode === 'lowerBand' ? 'basis-mstr-decoupling-band' : 'basis-mstr-decoupling-sigma',
      name: `MSTR decouples from BTC: ${what} (BTC flat)`,
      kind: 'hypothetical',
      description: `MSTR premium collapse with BTC flat: ${what}, from mNAV ${mNavFrom.toFixed(3)} to ${mNavTo.toFixed(3)}; MSTR moves with mNAV (${(mstrSpotMove * 100).toFixed(1)}%). MSTR vols ${volChange >= 0 ? '+' : ''}${(volChange * 100).toFixed(0)}% (assumption).`,
      source: `Cerberus basis model: OU fit of ln mNAV over ${window} (long-run mNAV ${Math.exp(ou.mean).toFixed(3)}, stationary sd ${ou.stationaryStd.toFixed(4)}, speed ${ou.speed.toFixed(2)}/year).`,
      shocks: { BTC: { spot: 0 }, MSTR: { spot: mstrSpotMove, vol: volChange } },
    },
  };
}
