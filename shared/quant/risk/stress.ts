/**
 * Deterministic stress tests: apply a scenario's shocks (`scenario-schema.ts`) to every
 * underlying of the book and revalue every position in full (library pricers, `reval-rows.ts`).
 * P&L is in USD, negative = loss; results carry the per-underlying and per-position split and the
 * shocks actually applied (after defaults and proxies), so a user sees what was assumed.
 */
import { MODEL_OPTION, type Portfolio } from '../book/portfolio';
import { MS_PER_DAY, MS_PER_YEAR } from '../../domain/time';
import { bsmPricing, type RowPricing } from './model-pricing';
import type { RevalBook, UnderlyingMove } from './reval-rows';
import type { GridScenario, ShockScenario, UnderlyingShock } from './scenario-schema';

export interface AppliedShock {
  underlying: string;
  /** Relative spot change applied. */
  spot: number;
  /** Vol multiplier and added vol points applied to every option on the underlying. */
  volMultiplier: number;
  volPoints: number;
  /** 'scenario', 'proxy of X', 'default' or 'none'. */
  from: string;
}

export interface StressResult {
  id: string;
  name: string;
  kind: string;
  /** Revaluation P&L plus the liquidity cost (USD). */
  pnlUsd: number;
  revaluationPnlUsd: number;
  liquidityCostUsd: number;
  rateShiftBps: number;
  byUnderlying: { underlying: string; pnlUsd: number }[];
  byPosition: { positionId: string; pnlUsd: number }[];
  shocks: AppliedShock[];
}

/** Per-position exit costs for liquidity scenarios: value (USD) and relative half spread (NaN = none quoted). */
export interface PositionLiquidity {
  valueUsd: Float64Array;
  halfSpreadRel: Float64Array;
}

function shockOf(
  s: UnderlyingShock | undefined,
): { x: number; mult: number; add: number } | undefined {
  if (!s) return undefined;
  return { x: Math.log1p(s.spot ?? 0), mult: 1 + (s.vol ?? 0), add: s.volPoints ?? 0 };
}

/** The move of every book underlying under a scenario (named, proxied, default or none). */
export function resolveShocks(
  scenario: ShockScenario,
  underlyings: readonly string[],
): AppliedShock[] {
  return underlyings.map((u) => {
    const direct = shockOf(scenario.shocks[u]);
    let from = 'scenario';
    let s = direct;
    const proxy = scenario.proxies?.[u];
    if (!s && proxy) {
      const base = shockOf(scenario.shocks[proxy.of]);
      if (base) {
        s = { x: proxy.beta * base.x, mult: base.mult, add: base.add };
        from = `proxy of ${proxy.of} (beta ${proxy.beta})`;
      }
    }
    if (!s && scenario.default) {
      s = shockOf(scenario.default);
      from = 'default';
    }
    if (!s) return { underlying: u, spot: 0, volMultiplier: 1, volPoints: 0, from: 'none' };
    return { underlying: u, spot: Math.expm1(s.x), volMultiplier: s.mult, volPoints: s.add, from };
  });
}

/**
 * Revalues the book under a scenario. `pricing` values the option rows (default BSM at each
 * row's vol, `model-pricing.ts` for Heston/Merton); linear rows are exact either way.
 */
export function runStress(
  book: RevalBook,
  portfolio: Portfolio,
  scenario: ShockScenario,
  liquidity?: PositionLiquidity,
  pricing: Pick<RowPricing, 'value0' | 'value'> = bsmPricing(book),
): StressResult {
  const shocks = resolveShocks(scenario, book.underlyings);
  const rateShift = (scenario.rateShiftBps ?? 0) / 10_000;
  const dtYears = ((scenario.horizonDays ?? 0) * MS_PER_DAY) / MS_PER_YEAR;
  const moves: UnderlyingMove[] = shocks.map((s) => ({
    x: Math.log1p(s.spot),
    volMultiplier: s.volMultiplier,
    volAddAbs: s.volPoints,
    rateShift,
    dtYears,
  }));
  const o = book.options;
  // Per-unit P&L of each option row, then per position (rows may net several positions).
  const rowPnlPerUnit = new Float64Array(o.n);
  for (let r = 0; r < o.n; r++) {
    const u = o.underlyingIndex[r] as number;
    const m = moves[u] as UnderlyingMove;
    rowPnlPerUnit[r] =
      pricing.value(r, (book.spot0[u] as number) * Math.exp(m.x), m) -
      (pricing.value0[r] as number);
    if (!Number.isFinite(rowPnlPerUnit[r]))
      throw new RangeError(`stress ${scenario.id}: an option row has no finite value`);
  }
  const byU = new Float64Array(book.underlyings.length);
  const byPosition: { positionId: string; pnlUsd: number }[] = [];
  let total = 0;
  let liq = 0;
  for (let i = 0; i < portfolio.n; i++) {
    const u = portfolio.underlyingIndex[i] as number;
    const m = moves[u] as UnderlyingMove;
    const row = book.positionRow[i] as number;
    const pnl =
      portfolio.model[i] === MODEL_OPTION
        ? (portfolio.units[i] as number) * (rowPnlPerUnit[row] as number)
        : (portfolio.units[i] as number) * (portfolio.linearPrice0[i] as number) * Math.expm1(m.x);
    byU[u] = (byU[u] as number) + pnl;
    total += pnl;
    byPosition.push({ positionId: portfolio.positionIds[i] as string, pnlUsd: pnl });
    if (scenario.liquidity && liquidity) {
      const d = scenario.liquidity.defaultHalfSpreadBps ?? { linear: 2, option: 300 };
      const quoted = liquidity.halfSpreadRel[i] as number;
      const half = Number.isFinite(quoted)
        ? quoted
        : (portfolio.model[i] === MODEL_OPTION ? d.option : d.linear) / 10_000;
      liq += (liquidity.valueUsd[i] as number) * half * scenario.liquidity.spreadMultiplier;
    }
  }
  byPosition.sort((a, b) => a.pnlUsd - b.pnlUsd);
  return {
    id: scenario.id,
    name: scenario.name,
    kind: scenario.kind,
    pnlUsd: total - liq,
    revaluationPnlUsd: total,
    liquidityCostUsd: liq,
    rateShiftBps: scenario.rateShiftBps ?? 0,
    byUnderlying: book.underlyings.map((u, k) => ({ underlying: u, pnlUsd: byU[k] as number })),
    byPosition,
    shocks,
  };
}

function axisValues(a: { from: number; to: number; step: number }): number[] {
  const n = Math.round((a.to - a.from) / a.step);
  return Array.from({ length: n + 1 }, (_, i) => Math.round((a.from + i * a.step) * 1e10) / 1e10);
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;

/** Expands a grid scenario into one uniform shock scenario per (spot, vol, rate) node. */
export function expandGrid(grid: GridScenario): ShockScenario[] {
  const out: ShockScenario[] = [];
  for (const bp of grid.rateShiftBps) {
    for (const vol of axisValues(grid.vol)) {
      for (const spot of axisValues(grid.spot)) {
        out.push({
          id: `${grid.id}:spot${pct(spot)}:vol${pct(vol)}:rate${bp >= 0 ? '+' : ''}${bp}bp`,
          name: `spot ${pct(spot)} vol ${pct(vol)} rates ${bp >= 0 ? '+' : ''}${bp}bp`,
          description: grid.description,
          source: grid.source,
          kind: 'hypothetical',
          shocks: {},
          default: { spot, vol },
          rateShiftBps: bp,
        });
      }
    }
  }
  return out;
}
