/**
 * The book's options valued under each model (model risk): the arbitrage-free SVI surface through
 * Black-76, Heston by COS and Merton by its Poisson series, all European, all as of the SVI fit
 * (its spot, forwards and time), in USD per position.
 *
 * USD value = quantity x multiplier x discount x forward premium, the book's conventions
 * (`portfolio.ts`): a coin-settled (inverse) option is worth Black76(F) x S / F dollars, a linear
 * one Black76(F) x e^(-r T). Equity options are American in the book; here they are valued as
 * European under every model, so the differences between columns are model differences only.
 *
 * Vega per vol point, each model's own level shift: SVI, the Black vega at the surface vol (the
 * whole surface up 1 vol point); Heston, sqrt(v0) and sqrt(theta) both moved 1 vol point (central
 * difference); Merton, the diffusion vol moved 1 vol point.
 */
import type { OptionRight } from '../../domain/instrument';
import { MS_PER_YEAR } from '../../domain/time';
import type { ModelRiskRow, ModelRiskTotals, ModelValue } from '../../domain/vol-models';
import { impliedVolBlack76 } from '../iv/implied-vol';
import { black76Greeks } from '../pricing/black76';
import type { HestonParams } from '../surface/heston';
import { hestonPrice } from '../surface/heston-price';
import { mertonPrice, type MertonParams } from '../surface/merton';
import type { VolSurface } from '../surface/surface';

export interface ModelBookOption {
  positionId: string;
  symbol: string;
  right: OptionRight;
  strike: number;
  expiryMs: number;
  quantity: number;
  /** Underlying units per contract. */
  multiplier: number;
  settlement: 'linear' | 'inverse';
  /** The underlying's risk-free rate, discounting linear premiums. */
  rateAnnual: number;
}

export interface ModelBookInput {
  surface: VolSurface;
  asOfMs: number;
  spot: number;
  options: readonly ModelBookOption[];
  heston?: HestonParams | undefined;
  merton?: MertonParams | undefined;
}

const VOL_PT = 0.01;

function ivOf(type: OptionRight, forward: number, strike: number, tYears: number, price: number) {
  try {
    const iv = impliedVolBlack76({ type, forward, strike, tYears, price });
    return Number.isFinite(iv) ? iv : undefined;
  } catch {
    return undefined;
  }
}

function hestonBumped(p: HestonParams, dVol: number): HestonParams {
  const bump = (v: number) => Math.max(0, Math.sqrt(v) + dVol) ** 2;
  return { ...p, v0: bump(p.v0), theta: bump(p.theta) };
}

function finiteValue(v: ModelValue): ModelValue | undefined {
  return Number.isFinite(v.valueUsd) && Number.isFinite(v.vegaUsdPerVolPt) ? v : undefined;
}

export function modelRiskRows(input: ModelBookInput): ModelRiskRow[] {
  const { surface, asOfMs, spot } = input;
  const rows: ModelRiskRow[] = [];
  for (const o of input.options) {
    const tYears = (o.expiryMs - asOfMs) / MS_PER_YEAR;
    if (!(tYears > 0) || !(o.strike > 0)) continue;
    const F = surface.forward(tYears);
    const K = o.strike;
    const df = o.settlement === 'inverse' ? spot / F : Math.exp(-o.rateAnnual * tYears);
    const scale = o.quantity * o.multiplier * df;
    const sviVol = surface.iv(Math.log(K / F), tYears);
    const g = black76Greeks({
      type: o.right,
      forward: F,
      strike: K,
      tYears,
      rate: 0,
      volAnnual: sviVol,
      discounted: false,
    });
    const svi = finiteValue({
      iv: sviVol,
      valueUsd: scale * g.price,
      vegaUsdPerVolPt: scale * g.vega * VOL_PT,
    });
    if (!svi) continue;
    const row: ModelRiskRow = {
      positionId: o.positionId,
      symbol: o.symbol,
      right: o.right,
      strike: K,
      expiryMs: o.expiryMs,
      quantity: o.quantity,
      tYears,
      forward: F,
      svi,
    };
    const opt = { type: o.right, forward: F, strike: K, tYears };
    if (input.heston) {
      const p = input.heston;
      const price = hestonPrice(opt, p);
      const up = hestonPrice(opt, hestonBumped(p, VOL_PT));
      const dn = hestonPrice(opt, hestonBumped(p, -VOL_PT));
      const v = finiteValue({
        iv: ivOf(o.right, F, K, tYears, price),
        valueUsd: scale * price,
        vegaUsdPerVolPt: (scale * (up - dn)) / 2,
      });
      if (v) row.heston = v;
    }
    if (input.merton) {
      const p = input.merton;
      const price = mertonPrice(opt, p);
      const up = mertonPrice(opt, { ...p, volAnnual: p.volAnnual + VOL_PT });
      const dn = mertonPrice(opt, { ...p, volAnnual: Math.max(0, p.volAnnual - VOL_PT) });
      const v = finiteValue({
        iv: ivOf(o.right, F, K, tYears, price),
        valueUsd: scale * price,
        vegaUsdPerVolPt: (scale * (up - dn)) / 2,
      });
      if (v) row.merton = v;
    }
    rows.push(row);
  }
  return rows;
}

/** Sums of value and vega; undefined for a model that could not value every row. */
export function modelRiskTotals(
  rows: readonly ModelRiskRow[],
  pick: (r: ModelRiskRow) => ModelValue | undefined,
): ModelRiskTotals | undefined {
  let valueUsd = 0;
  let vegaUsdPerVolPt = 0;
  for (const r of rows) {
    const v = pick(r);
    if (!v) return undefined;
    valueUsd += v.valueUsd;
    vegaUsdPerVolPt += v.vegaUsdPerVolPt;
  }
  return { valueUsd, vegaUsdPerVolPt };
}
