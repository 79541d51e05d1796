/**
 * Quotes of the demo desk: every instrument priced from the simulated market. Options are
 * priced at the SSVI smile's implied vol; bid/ask are the prices at vol -/+ a half spread,
 * rounded to the venue's tick. Deribit options quote in BTC as Black-76/F with F the expiry's
 * forward (undiscounted, as Deribit's mark is), equity options in USD at American prices
 * (ALO engine) so that the quoted IV is the American-model implied vol.
 */
import type { FundingSnapshot } from '../domain/derivatives';
import type { FutureInstrument, Instrument, OptionInstrument } from '../domain/instrument';
import type { Quote } from '../domain/quote';
import { MS_PER_YEAR } from '../domain/time';
import { priceAmerican } from '../quant/american/index';
import { bsmPrice } from '../quant/pricing/bsm';
import { DEMO_RATES, SMILE_PARAMS, type DemoUnderlying } from './demo-universe';
import { demoImpliedVol, type SmileInputs } from './demo-smile';

export interface DemoMarketView {
  tsMs: number;
  /** Start of the current UTC day: prevClose values are as of this instant. */
  dayStartMs: number;
  spot: Record<DemoUnderlying, number>;
  prevClose: Record<DemoUnderlying, number>;
  smile: Record<DemoUnderlying, SmileInputs>;
  /** Live mark, index and predicted funding of each demo perpetual, by instrument id. */
  perps: Record<string, FundingSnapshot>;
}

const isCrypto = (u: string): boolean => u === 'BTC' || u === 'ETH';

function carryOf(u: DemoUnderlying): { rate: number; yieldQ: number } {
  if (isCrypto(u))
    return { rate: DEMO_RATES.usdRate, yieldQ: DEMO_RATES.usdRate - DEMO_RATES.cryptoBasis };
  const q = u === 'QQQ' ? DEMO_RATES.qqqDividendYield : DEMO_RATES.mstrDividendYield;
  return { rate: DEMO_RATES.usdRate, yieldQ: q };
}

export function forwardOf(u: DemoUnderlying, spot: number, tYears: number): number {
  const { rate, yieldQ } = carryOf(u);
  return spot * Math.exp((rate - yieldQ) * tYears);
}

function roundTo(x: number, tick: number): number {
  return Math.round(x / tick) * tick;
}

interface OptionPricing {
  price: number;
  iv: number;
  forward: number;
}

/** Model price of an option in its quote currency at spot `spot` and time `atMs`. */
function priceOption(
  inst: OptionInstrument,
  u: DemoUnderlying,
  view: DemoMarketView,
  spot: number,
  atMs: number,
  volShift = 0,
): OptionPricing {
  const tYears = Math.max((inst.expiryMs - atMs) / MS_PER_YEAR, 1 / (365 * 24 * 12));
  const forward = forwardOf(u, spot, tYears);
  const iv = Math.max(0.01, demoImpliedVol(view.smile[u], inst.strike, forward, tYears) + volShift);
  if (inst.settlement === 'inverse') {
    // Undiscounted Black-76 equals BSM with spot = F and zero rates.
    const usd = bsmPrice({
      type: inst.right,
      spot: forward,
      strike: inst.strike,
      tYears,
      rate: 0,
      carryYield: 0,
      volAnnual: iv,
    });
    return { price: usd / forward, iv, forward };
  }
  const { rate, yieldQ } = carryOf(u);
  const input = {
    type: inst.right,
    spot,
    strike: inst.strike,
    tYears,
    rate,
    carryYield: yieldQ,
    volAnnual: iv,
  };
  // Listed equity options are American: quote what the book's American model would price.
  const price = inst.style === 'american' ? priceAmerican(input, 'accurate') : bsmPrice(input);
  return { price, iv, forward };
}

function quoteOption(inst: OptionInstrument, view: DemoMarketView): Quote | undefined {
  if (inst.expiryMs <= view.tsMs) return undefined;
  const u = inst.underlying as DemoUnderlying;
  const spot = view.spot[u];
  const mid = priceOption(inst, u, view, spot, view.tsMs);
  const half = SMILE_PARAMS[u].halfSpreadVol;
  const lo = priceOption(inst, u, view, spot, view.tsMs, -half).price;
  const hi = priceOption(inst, u, view, spot, view.tsMs, half).price;
  const inverse = inst.settlement === 'inverse';
  const tick = inverse ? 0.0001 : mid.price < 3 ? 0.01 : 0.05;
  const bid = Math.floor(lo / tick) * tick;
  const ask = Math.max(Math.ceil(hi / tick) * tick, (bid > 0 ? bid : 0) + tick);
  const prev = priceOption(inst, u, view, view.prevClose[u], view.dayStartMs).price;
  const mark = inverse ? mid.price : bid > 0 ? (bid + ask) / 2 : mid.price;
  return {
    instrumentId: inst.id,
    tsMs: view.tsMs,
    ...(bid >= tick ? { bid: Number(bid.toFixed(6)), bidIv: Math.max(0.01, mid.iv - half) } : {}),
    ask: Number(ask.toFixed(6)),
    askIv: mid.iv + half,
    mark: Math.max(mark, 1e-8),
    markIv: mid.iv,
    index: mid.forward,
    prevClose: Math.max(prev, 1e-8),
  };
}

/** Annualised basis of a venue's dated futures over the desk's forward. */
const FUTURE_BASIS_SPREAD: Readonly<Record<string, number>> = { deribit: 0, binanceusdm: 0.004 };

/** Price of a demo future (demo-futures.ts): the desk's forward plus the venue's basis spread. */
export function demoFuturePrice(inst: FutureInstrument, spot: number, tsMs: number): number {
  const tYears = Math.max(0, (inst.expiryMs - tsMs) / MS_PER_YEAR);
  const spread = FUTURE_BASIS_SPREAD[inst.venue] ?? 0;
  return forwardOf(inst.underlying as DemoUnderlying, spot, tYears) * Math.exp(spread * tYears);
}

function quoteFuture(inst: FutureInstrument, view: DemoMarketView): Quote {
  const u = inst.underlying as DemoUnderlying;
  const price = demoFuturePrice(inst, view.spot[u], view.tsMs);
  const prev = demoFuturePrice(inst, view.prevClose[u], view.dayStartMs);
  const tick = inst.settlement === 'inverse' ? 0.5 : 0.1;
  return {
    instrumentId: inst.id,
    tsMs: view.tsMs,
    bid: roundTo(price * (1 - 1e-4), tick),
    ask: roundTo(price * (1 + 1e-4), tick),
    last: roundTo(price, tick),
    mark: price,
    index: view.spot[u],
    prevClose: prev,
  };
}

function quoteLinear(inst: Instrument, view: DemoMarketView): Quote {
  if (inst.kind === 'future') return quoteFuture(inst, view);
  const u = inst.underlying as DemoUnderlying;
  const spot = view.spot[u];
  const perp = inst.kind === 'perpetual' ? view.perps[inst.id] : undefined;
  if (perp && inst.kind === 'perpetual') {
    const premium = perp.markPrice / perp.indexPrice - 1;
    const tick = u === 'BTC' ? (inst.settlement === 'inverse' ? 0.5 : 0.1) : 0.01;
    return {
      instrumentId: inst.id,
      tsMs: view.tsMs,
      bid: roundTo(perp.markPrice * (1 - 0.00002), tick),
      ask: roundTo(perp.markPrice * (1 + 0.00002), tick),
      last: roundTo(perp.markPrice, tick),
      mark: perp.markPrice,
      index: perp.indexPrice,
      fundingRate: perp.fundingRate,
      nextFundingMs: perp.nextFundingMs,
      prevClose: view.prevClose[u] * (1 + premium),
    };
  }
  const halfSpread = isCrypto(u) ? 0.00005 : 0.0001;
  return {
    instrumentId: inst.id,
    tsMs: view.tsMs,
    bid: roundTo(spot * (1 - halfSpread), 0.01),
    ask: roundTo(spot * (1 + halfSpread), 0.01),
    last: roundTo(spot, 0.01),
    mark: spot,
    prevClose: view.prevClose[u],
  };
}

/** The quote of any demo instrument, or undefined for an expired option. */
export function quoteInstrument(inst: Instrument, view: DemoMarketView): Quote | undefined {
  return inst.kind === 'option' ? quoteOption(inst, view) : quoteLinear(inst, view);
}

/** Rate and carry the desk uses for each underlying (the pricing inputs of the book). */
export function demoCarry(u: DemoUnderlying): { rate: number; carryYield: number } {
  const { rate, yieldQ } = carryOf(u);
  return { rate, carryYield: yieldQ };
}
