/**
 * Underlying states for the live desk, built from venue quotes alone (no simulator): spot is
 * the median index of the underlying's perpetuals and futures (the mark where no index is
 * quoted), the ATM vol the median mark IV of its options nearest the money in the nearest
 * expiry beyond two days, the previous close the perpetual's 24-hour-ago price (so "day P&L" in
 * the live desk is 24-hour P&L). Rate and carry are 0: coin-settled options carry their own
 * basis through the quoted forward. Underlyings without any option quote get `fallbackVol`.
 */
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';

const MS_PER_DAY = 86_400_000;

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

export interface LiveMarketRow {
  instrument: Instrument;
  quote: Quote;
  open24h?: number | undefined;
}

export function liveUnderlyings(
  rows: readonly LiveMarketRow[],
  nowMs: number,
  fallbackVol: number,
): UnderlyingState[] {
  const byUnderlying = new Map<string, LiveMarketRow[]>();
  for (const r of rows) {
    const list = byUnderlying.get(r.instrument.underlying);
    if (list) list.push(r);
    else byUnderlying.set(r.instrument.underlying, [r]);
  }
  const out: UnderlyingState[] = [];
  for (const [underlying, list] of byUnderlying) {
    const linear = list.filter(
      (r) => r.instrument.kind === 'perpetual' || r.instrument.kind === 'future',
    );
    const spot = median(linear.map((r) => r.quote.index ?? r.quote.mark));
    if (spot === undefined || !(spot > 0)) continue;
    const perpOpens = linear
      .filter((r) => r.instrument.kind === 'perpetual')
      .flatMap((r) => (r.open24h !== undefined && r.open24h > 0 ? [r.open24h] : []));
    const options = list.flatMap((r) =>
      r.instrument.kind === 'option' &&
      r.instrument.expiryMs > nowMs + 2 * MS_PER_DAY &&
      r.quote.markIv
        ? [{ expiryMs: r.instrument.expiryMs, strike: r.instrument.strike, iv: r.quote.markIv }]
        : [],
    );
    const nearest = Math.min(...options.map((o) => o.expiryMs));
    const atm = options
      .filter((o) => o.expiryMs === nearest)
      .sort((a, b) => Math.abs(a.strike - spot) - Math.abs(b.strike - spot))
      .slice(0, 4)
      .map((o) => o.iv);
    out.push({
      underlying,
      tsMs: Math.max(...linear.map((r) => r.quote.tsMs)),
      spot,
      rate: 0,
      carryYield: 0,
      atmVol: median(atm) ?? fallbackVol,
      prevClose: median(perpOpens) ?? spot,
    });
  }
  return out;
}
