/**
 * Flattens a book (instruments + positions + market) into structure-of-arrays form, the shape
 * every revaluation kernel consumes (book Greeks, VaR, stress, what-if, GPU kernels).
 *
 * Only two pricing models are needed once settlement is folded into the inputs:
 * - LINEAR rows (spot, equity, linear and inverse perps/futures): USD value moves by
 *   `units * linearPrice0 * (S'/S0 - 1)`. An inverse perp of N contracts of `cs` USD bought at
 *   `entry` has USD P&L N*cs*(mark/entry - 1), i.e. linear with units = N*cs/entry.
 * - OPTION rows: USD value per underlying unit = BSM(S, K, T, rate, carryYield, vol). A
 *   coin-settled (Deribit) option worth Black76(F)/F coins is worth Black76(F)*S/F dollars, which
 *   is BSM with rate = b = ln(F/S)/T and carryYield = 0; the basis b comes from the quote's forward.
 */
import type { Position } from '../../domain/account';
import type { Instrument } from '../../domain/instrument';
import type { Quote, UnderlyingState } from '../../domain/quote';
import { MS_PER_YEAR } from '../../domain/time';

export const MODEL_LINEAR = 0;
export const MODEL_OPTION = 1;

export interface Portfolio {
  n: number;
  asOfMs: number;
  positionIds: string[];
  /** Distinct underlyings; `underlyingIndex` points into this list and into `spot0`. */
  underlyings: string[];
  /** Spot of each underlying at asOf, USD. */
  spot0: Float64Array;
  /** Per position. */
  underlyingIndex: Int32Array;
  model: Int8Array;
  /** 1 for American exercise (equity options), 0 otherwise. */
  american: Uint8Array;
  /** +1 call, -1 put, 0 for linear rows. */
  right: Int8Array;
  strike: Float64Array;
  tYears: Float64Array;
  volAnnual: Float64Array;
  rate: Float64Array;
  carryYield: Float64Array;
  /** Signed underlying units (quantity x multiplier or contract size, inverse folded in). */
  units: Float64Array;
  /** USD price per unit of `units` for linear rows at asOf (e.g. perp mark). */
  linearPrice0: Float64Array;
}

export interface PortfolioMarket {
  underlyings: readonly UnderlyingState[];
  quotes: ReadonlyMap<string, Quote>;
  /**
   * Option vols by instrument id that take precedence over the quote's IV (e.g. read off a fitted
   * surface); the order is override, quote markIv, the underlying's ATM vol.
   */
  volOverrides?: ReadonlyMap<string, number> | undefined;
}

export class PortfolioBuildError extends Error {
  override name = 'PortfolioBuildError';
}

/** USD value of one unit of `currency` given the underlying spots (USDT/USDC at par). */
export function usdPerUnit(
  currency: string,
  spots: ReadonlyMap<string, number>,
): number | undefined {
  if (currency === 'USD' || currency === 'USDT' || currency === 'USDC') return 1;
  return spots.get(currency);
}

/**
 * Builds the arrays. Throws PortfolioBuildError naming the position when an instrument or a
 * market input is missing; callers that must keep going (the live book) filter first.
 */
export function buildPortfolio(
  positions: readonly Position[],
  instruments: ReadonlyMap<string, Instrument>,
  market: PortfolioMarket,
  asOfMs: number,
): Portfolio {
  const n = positions.length;
  const underlyingState = new Map(market.underlyings.map((u) => [u.underlying, u]));
  const spots = new Map(market.underlyings.map((u) => [u.underlying, u.spot]));
  const underlyings: string[] = [];
  const p: Portfolio = {
    n,
    asOfMs,
    positionIds: positions.map((x) => x.id),
    underlyings,
    spot0: new Float64Array(0),
    underlyingIndex: new Int32Array(n),
    model: new Int8Array(n),
    american: new Uint8Array(n),
    right: new Int8Array(n),
    strike: new Float64Array(n),
    tYears: new Float64Array(n),
    volAnnual: new Float64Array(n),
    rate: new Float64Array(n),
    carryYield: new Float64Array(n),
    units: new Float64Array(n),
    linearPrice0: new Float64Array(n),
  };
  positions.forEach((pos, i) => {
    const inst = instruments.get(pos.instrumentId);
    if (!inst)
      throw new PortfolioBuildError(`position ${pos.id}: unknown instrument "${pos.instrumentId}"`);
    const u = underlyingState.get(inst.underlying);
    if (!u)
      throw new PortfolioBuildError(
        `position ${pos.id}: no market for underlying "${inst.underlying}"`,
      );
    let ui = underlyings.indexOf(inst.underlying);
    if (ui < 0) ui = underlyings.push(inst.underlying) - 1;
    p.underlyingIndex[i] = ui;
    p.rate[i] = u.rate;
    p.carryYield[i] = u.carryYield;
    const quote = market.quotes.get(inst.id);
    if (inst.kind === 'option') {
      const tYears = Math.max(0, (inst.expiryMs - asOfMs) / MS_PER_YEAR);
      const vol = market.volOverrides?.get(inst.id) ?? quote?.markIv ?? u.atmVol;
      p.model[i] = MODEL_OPTION;
      p.american[i] = inst.style === 'american' ? 1 : 0;
      p.right[i] = inst.right === 'call' ? 1 : -1;
      p.strike[i] = inst.strike;
      p.tYears[i] = tYears;
      p.volAnnual[i] = vol;
      p.units[i] = pos.quantity * inst.multiplier;
      if (inst.settlement === 'inverse') {
        // Basis from the quoted forward when present; the USD value is BSM(rate=b, q=0).
        const forward = quote?.index;
        p.rate[i] =
          forward && tYears > 0 ? Math.log(forward / u.spot) / tYears : u.rate - u.carryYield;
        p.carryYield[i] = 0;
      }
      return;
    }
    p.model[i] = MODEL_LINEAR;
    const usdPerQuote = usdPerUnit(inst.quoteCurrency, spots);
    if (usdPerQuote === undefined) {
      throw new PortfolioBuildError(
        `position ${pos.id}: no USD rate for currency ${inst.quoteCurrency}`,
      );
    }
    const markUsd = (quote?.mark ?? u.spot) * usdPerQuote;
    if ((inst.kind === 'perpetual' || inst.kind === 'future') && inst.settlement === 'inverse') {
      if (!(pos.avgPrice > 0))
        throw new PortfolioBuildError(`position ${pos.id}: inverse contract needs an entry price`);
      p.units[i] = (pos.quantity * inst.contractSize) / pos.avgPrice;
      p.linearPrice0[i] = markUsd;
      return;
    }
    const size = inst.kind === 'perpetual' || inst.kind === 'future' ? inst.contractSize : 1;
    p.units[i] = pos.quantity * size;
    p.linearPrice0[i] = markUsd;
  });
  p.spot0 = Float64Array.from(underlyings, (name) => spots.get(name) as number);
  return p;
}
