/**
 * Revalues the whole book for the screens: price, P&L and Greeks of every position in desk units
 * (see PositionRisk). Runs in a compute worker on every (throttled) market update. Never emits
 * NaN: a position without usable market data is reported with `freshness` and a note.
 */
import type { Position } from '../../domain/account';
import type { Instrument } from '../../domain/instrument';
import type { Freshness, Quote, UnderlyingState } from '../../domain/quote';
import type { IvSource, PositionRisk } from '../../domain/valuation';
import { americanGreeks } from '../american/index';
import { BATCH_INVALID_PRICE, bsmGreeksBatch } from '../pricing/batch';
import { buildPortfolio, MODEL_OPTION, usdPerUnit, type Portfolio } from './portfolio';

export interface BookValuationInput {
  asOfMs: number;
  positions: Position[];
  instruments: Instrument[];
  underlyings: UnderlyingState[];
  quotes: Quote[];
  /** A quote older than this is shown as stale. */
  staleAfterMs: number;
  /**
   * Option vols by instrument id that replace the quote's IV (the fitted surface's vol at the
   * option's strike and expiry); options without one fall back to the quote's markIv, then to
   * the underlying's ATM vol. `PositionRisk.ivSource` says which was used.
   */
  volOverrides?: Readonly<Record<string, VolOverride>> | undefined;
}

export interface VolOverride {
  volAnnual: number;
  /**
   * d vol / d spot (per unit of the underlying's price) under a sticky-delta surface, 0 or absent
   * under sticky-strike; the delta then includes the smile term vega x dVolDSpot.
   */
  dVolDSpot?: number | undefined;
  /** What the vol was read from, for display (e.g. `svi sticky-strike`). */
  source?: string | undefined;
}

function usableOverrides(input: BookValuationInput): Map<string, VolOverride> {
  const out = new Map<string, VolOverride>();
  for (const [id, v] of Object.entries(input.volOverrides ?? {}))
    if (Number.isFinite(v.volAnnual) && v.volAnnual > 0) out.set(id, v);
  return out;
}

interface Sens {
  deltaPerUnit: number;
  gammaPerUnit: number;
  vegaPerUnit: number;
  thetaPerUnit: number;
}

const LINEAR_SENS: Sens = { deltaPerUnit: 1, gammaPerUnit: 0, vegaPerUnit: 0, thetaPerUnit: 0 };
const ZERO_SENS: Sens = { deltaPerUnit: 0, gammaPerUnit: 0, vegaPerUnit: 0, thetaPerUnit: 0 };

/** American per-unit Greeks by the ALO engine; undefined when the pricer rejects the inputs. */
function americanSens(p: Portfolio, i: number, spot: number): Sens | undefined {
  try {
    const g = americanGreeks(
      {
        type: p.right[i] === 1 ? 'call' : 'put',
        spot,
        strike: p.strike[i] as number,
        tYears: p.tYears[i] as number,
        rate: p.rate[i] as number,
        carryYield: p.carryYield[i] as number,
        volAnnual: p.volAnnual[i] as number,
      },
      'accurate',
    );
    return {
      deltaPerUnit: g.delta,
      gammaPerUnit: g.gamma,
      vegaPerUnit: g.vega,
      thetaPerUnit: g.theta,
    };
  } catch {
    return undefined;
  }
}

/**
 * Per-unit sensitivities of every option row: European rows through the batch BSM kernel,
 * American rows (listed equity options) through the high-accuracy ALO engine with smooth
 * finite-difference Greeks. Rows the pricer rejects come back undefined.
 */
function optionSensitivities(p: Portfolio): (Sens | undefined)[] {
  const n = p.n;
  const out: (Sens | undefined)[] = new Array<Sens | undefined>(n).fill(LINEAR_SENS);
  const spot = new Float64Array(n);
  for (let i = 0; i < n; i++) spot[i] = p.spot0[p.underlyingIndex[i] as number] as number;
  const batchOut = {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
  };
  bsmGreeksBatch(
    {
      type: p.right,
      spot,
      strike: p.strike,
      tYears: p.tYears,
      rate: p.rate,
      carryYield: p.carryYield,
      volAnnual: p.volAnnual,
    },
    batchOut,
    0,
    n,
  );
  const american = new Map<string, Sens | undefined>();
  for (let i = 0; i < n; i++) {
    if (p.model[i] !== MODEL_OPTION) continue;
    if ((p.tYears[i] as number) <= 0) {
      out[i] = ZERO_SENS;
      continue;
    }
    if (p.american[i] === 1) {
      // Positions on the same listed option (several accounts, lots) share one ALO solve.
      const key = `${p.right[i]}|${p.strike[i]}|${p.tYears[i]}|${p.rate[i]}|${p.carryYield[i]}|${p.volAnnual[i]}|${spot[i]}`;
      if (!american.has(key)) american.set(key, americanSens(p, i, spot[i] as number));
      out[i] = american.get(key);
      continue;
    }
    out[i] =
      batchOut.price[i] === BATCH_INVALID_PRICE
        ? undefined
        : {
            deltaPerUnit: batchOut.delta[i] as number,
            gammaPerUnit: batchOut.gamma[i] as number,
            vegaPerUnit: batchOut.vega[i] as number,
            thetaPerUnit: batchOut.theta[i] as number,
          };
  }
  return out;
}

/** Finite or 0, and never -0 (which would print as "-$0"). */
function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x + 0 : 0;
}

function missingRisk(pos: Position, underlying: string, note: string): PositionRisk {
  return {
    positionId: pos.id,
    accountId: pos.accountId,
    instrumentId: pos.instrumentId,
    underlying,
    quantity: pos.quantity,
    price: 0,
    priceCurrency: '',
    marketValueUsd: 0,
    unrealizedPnlUsd: 0,
    dayPnlUsd: 0,
    deltaUnits: 0,
    deltaUsd: 0,
    gammaUsdPer1Pct: 0,
    vegaUsdPerVolPt: 0,
    thetaUsdPerDay: 0,
    freshness: 'missing',
    note,
  };
}

export function revalueBook(input: BookValuationInput): PositionRisk[] {
  const instruments = new Map(input.instruments.map((i) => [i.id, i]));
  const quotes = new Map(input.quotes.map((q) => [q.instrumentId, q]));
  const underlyings = new Map(input.underlyings.map((u) => [u.underlying, u]));
  const spots = new Map(input.underlyings.map((u) => [u.underlying, u.spot]));
  const overrides = usableOverrides(input);
  const out = new Map<string, PositionRisk>();
  const priceable: Position[] = [];
  for (const pos of input.positions) {
    const inst = instruments.get(pos.instrumentId);
    if (!inst) out.set(pos.id, missingRisk(pos, '', `unknown instrument ${pos.instrumentId}`));
    else if (!underlyings.has(inst.underlying))
      out.set(pos.id, missingRisk(pos, inst.underlying, `no market data for ${inst.underlying}`));
    else if (usdPerUnit(inst.quoteCurrency, spots) === undefined)
      out.set(pos.id, missingRisk(pos, inst.underlying, `no USD rate for ${inst.quoteCurrency}`));
    else priceable.push(pos);
  }
  const p = buildPortfolio(
    priceable,
    instruments,
    {
      underlyings: input.underlyings,
      quotes,
      volOverrides: new Map([...overrides].map(([id, v]) => [id, v.volAnnual])),
    },
    input.asOfMs,
  );
  const sensitivities = optionSensitivities(p);
  priceable.forEach((pos, i) => {
    const inst = instruments.get(pos.instrumentId) as Instrument;
    const u = underlyings.get(inst.underlying) as UnderlyingState;
    const quote = quotes.get(inst.id);
    const usd = usdPerUnit(inst.quoteCurrency, spots) as number;
    const spot = u.spot;
    let freshness: Freshness = 'live';
    let note: string | undefined;
    if (!quote) {
      freshness = 'missing';
      note = 'no quote: valued from the underlying';
    } else if (input.asOfMs - quote.tsMs > input.staleAfterMs) {
      freshness = 'stale';
      note = `quote ${Math.round((input.asOfMs - quote.tsMs) / 1000)} s old`;
    }
    const units = p.units[i] as number;
    const isOption = p.model[i] === MODEL_OPTION;
    let sens = sensitivities[i];
    if (!sens) {
      sens = ZERO_SENS;
      freshness = 'missing';
      note = "the pricer rejected this option's inputs; Greeks not available";
    }
    if (isOption && (p.tYears[i] as number) <= 0) note = 'expired';
    const size =
      inst.kind === 'option'
        ? inst.multiplier
        : inst.kind === 'perpetual' || inst.kind === 'future'
          ? inst.contractSize
          : 1;
    const mark = quote?.mark ?? (isOption ? 0 : spot / usd);
    const prev = quote?.prevClose ?? mark;
    const qtyUnits = pos.quantity * size;
    const derivative = inst.kind === 'perpetual' || inst.kind === 'future';
    // Inverse contracts: qtyUnits is a USD face value; P&L is face x (1/from - 1/to) coins,
    // each worth the mark in the quote currency.
    const inverse = derivative && inst.settlement === 'inverse';
    const pnlOf = (from: number, to: number): number =>
      inverse
        ? from > 0 && to > 0
          ? qtyUnits * (1 / from - 1 / to) * to
          : 0
        : qtyUnits * (to - from);
    // Derivatives margined daily carry no premium: their value is the unrealised P&L.
    const marketValueUsd = derivative ? pnlOf(pos.avgPrice, mark) * usd : qtyUnits * mark * usd;
    const costUsd = derivative ? 0 : qtyUnits * pos.avgPrice * usd;
    const override = isOption ? overrides.get(inst.id) : undefined;
    const dVolDSpot = override?.dVolDSpot;
    // Sticky-delta: the option's vol moves with spot, so its delta carries vega x d vol / d spot.
    const smileDelta =
      dVolDSpot !== undefined && Number.isFinite(dVolDSpot) ? sens.vegaPerUnit * dVolDSpot : 0;
    const deltaUnits = units * (sens.deltaPerUnit + smileDelta);
    const ivSource: IvSource = override
      ? 'surface'
      : quote?.markIv !== undefined
        ? 'quote'
        : 'underlying';
    out.set(pos.id, {
      positionId: pos.id,
      accountId: pos.accountId,
      instrumentId: pos.instrumentId,
      underlying: inst.underlying,
      quantity: pos.quantity,
      price: finiteOr0(mark),
      priceCurrency: inst.quoteCurrency,
      marketValueUsd: finiteOr0(marketValueUsd),
      unrealizedPnlUsd: finiteOr0(marketValueUsd - costUsd),
      dayPnlUsd: finiteOr0((derivative ? pnlOf(prev, mark) : qtyUnits * (mark - prev)) * usd),
      deltaUnits: finiteOr0(deltaUnits),
      deltaUsd: finiteOr0(deltaUnits * spot),
      gammaUsdPer1Pct: finiteOr0((units * sens.gammaPerUnit * spot * spot) / 100),
      vegaUsdPerVolPt: finiteOr0((units * sens.vegaPerUnit) / 100),
      thetaUsdPerDay: finiteOr0((units * sens.thetaPerUnit) / 365),
      ...(isOption ? { iv: p.volAnnual[i] as number, ivSource } : {}),
      freshness,
      ...(note ? { note } : {}),
    });
  });
  return input.positions.map((pos) => out.get(pos.id) as PositionRisk);
}
