/**
 * Two rows of the dashboard's risk heatmap that no VaR method reports directly:
 *
 * - Basis: MSTR's moves that BTC does not explain. Over the window, beta = cov(r_MSTR, r_BTC) /
 *   var(r_BTC) of daily log returns; the residual e_t = r_MSTR - beta r_BTC is summed over
 *   overlapping h-day windows and applied to the book's MSTR positions alone (BTC held), by full
 *   revaluation. The measure is the 99% loss (order statistic) of those scenarios: what the book
 *   loses if MSTR decouples from BTC as badly as it did on the worst 1% of past h-day windows.
 * - Liquidity: the cost of exiting every position at 5x its quoted half spread (5 bp of value for
 *   linear and 250 bp for options where a quote has no bid/ask: the liquidity-crisis scenario's
 *   assumptions). A one-off cost, so the same at every horizon.
 */
import { positionLiquidity, type RiskBookInput } from '../risk/book-input';
import { alignHistory, dailyLogReturns } from '../risk/history-align';
import { MODEL_OPTION } from '../book/portfolio';
import { NO_MOVE, underlyingPnlExact } from '../risk/reval-rows';
import type { FactorLosses } from './risk-views';
import { lossQuantile } from './view-helpers';

export const LIQUIDITY_SPREAD_MULTIPLIER = 5;
export const LIQUIDITY_DEFAULT_HALF_SPREAD_BPS = { linear: 5, option: 250 };

export function basisLosses(
  input: RiskBookInput,
  horizonsDays: readonly number[],
  windowDays: number,
  confidence = 0.99,
): FactorLosses | null {
  const { book, file } = input;
  const u = book.underlyings.indexOf('MSTR');
  const history = file.history ?? [];
  if (u < 0 || !history.some((h) => h.underlying === 'BTC')) return null;
  const aligned = alignHistory(history, ['MSTR', 'BTC'], { lastDays: windowDays + 1 });
  const rm = dailyLogReturns(aligned, 0);
  const rb = dailyLogReturns(aligned, 1);
  const n = rm.length;
  if (n < 20) return null;
  let mm = 0;
  let mb = 0;
  for (let t = 0; t < n; t++) {
    mm += rm[t] as number;
    mb += rb[t] as number;
  }
  mm /= n;
  mb /= n;
  let cov = 0;
  let varB = 0;
  for (let t = 0; t < n; t++) {
    cov += ((rm[t] as number) - mm) * ((rb[t] as number) - mb);
    varB += ((rb[t] as number) - mb) ** 2;
  }
  const beta = varB > 0 ? cov / varB : 0;
  const resid = Float64Array.from(rm, (r, t) => r - beta * (rb[t] as number));
  const move = { ...NO_MOVE };
  const lossUsd = horizonsDays.map((h) => {
    const count = n - h + 1;
    if (count < 1) return 0;
    const losses = new Float64Array(count);
    let acc = 0;
    for (let t = 0; t < n; t++) {
      acc += resid[t] as number;
      if (t >= h) acc -= resid[t - h] as number;
      if (t >= h - 1) {
        move.x = acc;
        losses[t - h + 1] = -underlyingPnlExact(book, u, move);
      }
    }
    return Math.max(0, lossQuantile(losses, confidence));
  });
  return {
    horizonsDays: horizonsDays.slice(),
    lossUsd,
    note: `MSTR residual to BTC (beta ${beta.toFixed(2)} over ${n} days), BTC held, ${Math.round(confidence * 100)}% loss`,
  };
}

export function liquidityLosses(
  input: RiskBookInput,
  horizonsDays: readonly number[],
): FactorLosses {
  const liq = positionLiquidity(input);
  const p = input.portfolio;
  let cost = 0;
  for (let i = 0; i < p.n; i++) {
    const quoted = liq.halfSpreadRel[i] as number;
    const half = Number.isFinite(quoted)
      ? quoted
      : (p.model[i] === MODEL_OPTION
          ? LIQUIDITY_DEFAULT_HALF_SPREAD_BPS.option
          : LIQUIDITY_DEFAULT_HALF_SPREAD_BPS.linear) / 10_000;
    cost += (liq.valueUsd[i] as number) * half * LIQUIDITY_SPREAD_MULTIPLIER;
  }
  return {
    horizonsDays: horizonsDays.slice(),
    lossUsd: horizonsDays.map(() => cost),
    note: `exit at ${LIQUIDITY_SPREAD_MULTIPLIER}x quoted half spreads (defaults ${LIQUIDITY_DEFAULT_HALF_SPREAD_BPS.linear} bp linear, ${LIQUIDITY_DEFAULT_HALF_SPREAD_BPS.option} bp options)`,
  };
}
