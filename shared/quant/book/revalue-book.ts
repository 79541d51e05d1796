/**
 * Revalues the whole book for the screens: price, P&L and Greeks of every position in desk units
 * (see PositionRisk). Runs in a compute worker on every (throttled) market update. Never emits
 * NaN: a position without usable market data is reported with `freshness` and a note.
 */
import type { Position } from '../../domain/account';
import type { Instrument } from '../../domain/instrument';
import type { Freshness, Quote, UnderlyingState } from '../../domain/quote';
import type { PositionRisk } from '../../domain/valuation';
import { bsmGreeks } from '../pricing/bsm';
import { buildPortfolio, MODEL_OPTION, usdPerUnit, type Portfolio } from './portfolio';

export interface BookValuationInput {
  asOfMs: number;
  positions: Position[];
  instruments: Instrument[];
  underlyings: UnderlyingState[];
  quotes: Quote[];
  /** A quote older than this is shown as stale. */
  staleAfterMs: number;
}

interface Sens {
  deltaPerUnit: number;
  gammaPerUnit: number;
  vegaPerUnit: number;
  thetaPerUnit: number;
}

const LINEAR_SENS: Sens = { deltaPerUnit: 1, gammaPerUnit: 0, vegaPerUnit: 0, thetaPerUnit: 0 };

function optionSens(p: Portfolio, i: number, spot: number): Sens {
  const tYears = p.tYears[i] as number;
  if (tYears <= 0) return { deltaPerUnit: 0, gammaPerUnit: 0, vegaPerUnit: 0, thetaPerUnit: 0 };
  const g = bsmGreeks({
    type: p.right[i] === 1 ? 'call' : 'put',
    spot,
    strike: p.strike[i] as number,
    tYears,
    rate: p.rate[i] as number,
    carryYield: p.carryYield[i] as number,
    volAnnual: p.volAnnual[i] as number,
  });
  return { deltaPerUnit: g.delta, gammaPerUnit: g.gamma, vegaPerUnit: g.vega, thetaPerUnit: g.theta };
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
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
  const out = new Map<string, PositionRisk>();
  const priceable: Position[] = [];
  for (const pos of input.positions) {
    const inst = instruments.get(pos.instrumentId);
    if (!inst) out.set(pos.id, missingRisk(pos, '', `unknown instrument ${pos.instrumentId}`));
    else if (!underlyings.has(inst.underlying)) out.set(pos.id, missingRisk(pos, inst.underlying, `no market data for ${inst.underlying}`));
    else if (usdPerUnit(inst.quoteCurrency, spots) === undefined) out.set(pos.id, missingRisk(pos, inst.underlying, `no USD rate for ${inst.quoteCurrency}`));
    else priceable.push(pos);
  }
  const p = buildPortfolio(priceable, instruments, { underlyings: input.underlyings, quotes }, input.asOfMs);
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
    const sens = isOption ? optionSens(p, i, spot) : LINEAR_SENS;
    if (isOption && (p.tYears[i] as number) <= 0) note = 'expired';
    const size = inst.kind === 'option' ? inst.multiplier : inst.kind === 'perpetual' || inst.kind === 'future' ? inst.contractSize : 1;
    const mark = quote?.mark ?? (isOption ? 0 : spot / usd);
    const prev = quote?.prevClose ?? mark;
    const qtyUnits = pos.quantity * size;
    const derivative = inst.kind === 'perpetual' || inst.kind === 'future';
    // Derivatives margined daily carry no premium: their value is the unrealised P&L.
    const marketValueUsd = derivative ? qtyUnits * (mark - pos.avgPrice) * usd : qtyUnits * mark * usd;
    const costUsd = derivative ? 0 : qtyUnits * pos.avgPrice * usd;
    const deltaUnits = units * sens.deltaPerUnit;
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
      dayPnlUsd: finiteOr0(qtyUnits * (mark - prev) * usd),
      deltaUnits: finiteOr0(deltaUnits),
      deltaUsd: finiteOr0(deltaUnits * spot),
      gammaUsdPer1Pct: finiteOr0((units * sens.gammaPerUnit * spot * spot) / 100),
      vegaUsdPerVolPt: finiteOr0((units * sens.vegaPerUnit) / 100),
      thetaUsdPerDay: finiteOr0((units * sens.thetaPerUnit) / 365),
      ...(isOption ? { iv: p.volAnnual[i] as number } : {}),
      freshness,
      ...(note ? { note } : {}),
    });
  });
  return input.positions.map((pos) => out.get(pos.id) as PositionRisk);
}
