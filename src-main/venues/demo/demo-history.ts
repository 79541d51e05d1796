/**
 * Daily history for the demo desk, so historical risk works on first launch: the real BTC and
 * MSTR series (bundled in assets/data), extended to yesterday by the simulator where the files
 * end, plus synthetic ETH and QQQ (no bundled data) built from the real BTC returns with a fixed
 * beta and seeded idiosyncratic noise. Every series says whether it is recorded or synthetic.
 */
import type { DailyCloseSeries } from '../../../shared/domain/book-file';
import { MS_PER_DAY } from '../../../shared/domain/time';
import { createRng } from '../../../shared/quant/math/rng';
import { stepMarket, spotOf, type MarketState } from '../../../shared/sim/market-model';
import type { DemoUnderlying } from '../../../shared/sim/demo-universe';

export interface MstrDailyRow {
  tsMs: number;
  close: number;
  btcPrice: number;
  /** BTC per share = holdings x close / market cap. */
  btcPerShare: number;
}

export interface RealDailyInputs {
  btc: { tsMs: number; close: number }[];
  mstr: MstrDailyRow[];
}

export interface DemoHistory {
  series: Record<DemoUnderlying, DailyCloseSeries>;
  /** Market state at the last history day, to start the live simulator from. */
  finalState: MarketState;
  lastDayMs: number;
}

const isWeekday = (tsMs: number): boolean => {
  const d = new Date(tsMs).getUTCDay();
  return d !== 0 && d !== 6;
};

function realizedVariance(closes: number[], window: number): number {
  const r: number[] = [];
  for (let i = Math.max(1, closes.length - window); i < closes.length; i++) {
    r.push(Math.log((closes[i] as number) / (closes[i - 1] as number)));
  }
  if (r.length < 2) return 0.25;
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const v = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  return v * 365;
}

/**
 * Builds the history up to `untilDayMs` (inclusive, a UTC midnight). BTC: the BTC file, then
 * MSTR's `btc_price` column, then simulated. MSTR: recorded closes, then simulated.
 */
export function buildDemoHistory(
  real: RealDailyInputs,
  untilDayMs: number,
  seed: number,
): DemoHistory {
  if (real.btc.length < 30 || real.mstr.length < 30)
    throw new Error('demo history needs at least 30 days of BTC and MSTR data');
  const btcMap = new Map<number, number>(real.btc.map((p) => [p.tsMs, p.close]));
  for (const row of real.mstr) if (!btcMap.has(row.tsMs)) btcMap.set(row.tsMs, row.btcPrice);
  const btcPts = [...btcMap].sort((a, b) => a[0] - b[0]).map(([tsMs, close]) => ({ tsMs, close }));
  const mstrPts = real.mstr
    .map((r) => ({ tsMs: r.tsMs, close: r.close }))
    .sort((a, b) => a.tsMs - b.tsMs);
  const lastMstr = real.mstr.reduce((a, b) => (b.tsMs > a.tsMs ? b : a));
  const lastBtc = btcPts[btcPts.length - 1] as { tsMs: number; close: number };
  const btcCloses = btcPts.map((p) => p.close);
  const btcVar = Math.min(1.2 ** 2, Math.max(0.2 ** 2, realizedVariance(btcCloses, 30)));

  // Simulate from the last recorded BTC day to `untilDayMs` in daily steps.
  let state: MarketState = {
    btc: { logSpot: Math.log(lastBtc.close), variance: btcVar },
    eth: { logSpot: Math.log(lastBtc.close * 0.035), variance: btcVar * 1.4 },
    qqq: { logSpot: Math.log(600), variance: 0.2 ** 2 },
    mstrLogMnav: Math.log(lastMstr.close / (lastMstr.btcPrice * lastMstr.btcPerShare)),
    mstrBtcPerShare: lastMstr.btcPerShare,
    perpPremium: 0.0002,
    premiumSum: 0,
    premiumCount: 0,
    steps: 0,
  };
  const rng = createRng(seed, 1);
  const simulatedBtc: { tsMs: number; close: number }[] = [];
  const simulatedMstr: { tsMs: number; close: number }[] = [];
  for (let day = lastBtc.tsMs + MS_PER_DAY; day <= untilDayMs; day += MS_PER_DAY) {
    state = stepMarket(state, MS_PER_DAY, rng);
    simulatedBtc.push({ tsMs: day, close: spotOf(state, 'BTC') });
    if (day > lastMstr.tsMs && isWeekday(day))
      simulatedMstr.push({ tsMs: day, close: spotOf(state, 'MSTR') });
  }
  const btcAll = [...btcPts, ...simulatedBtc];
  const synth = syntheticFromBtc(btcAll, seed);
  const finalState: MarketState = {
    ...state,
    eth: { ...state.eth, logSpot: Math.log(synth.eth[synth.eth.length - 1]?.close ?? 3000) },
    qqq: { ...state.qqq, logSpot: Math.log(synth.qqq[synth.qqq.length - 1]?.close ?? 600) },
  };
  const mixed = (recordedN: number, simN: number) =>
    simN === 0 ? 'recorded' : recordedN === 0 ? 'synthetic' : 'mixed';
  return {
    series: {
      BTC: { underlying: 'BTC', source: mixed(btcPts.length, simulatedBtc.length), points: btcAll },
      MSTR: {
        underlying: 'MSTR',
        source: mixed(mstrPts.length, simulatedMstr.length),
        points: [...mstrPts, ...simulatedMstr],
      },
      ETH: { underlying: 'ETH', source: 'synthetic', points: synth.eth },
      QQQ: { underlying: 'QQQ', source: 'synthetic', points: synth.qqq },
    },
    finalState,
    lastDayMs: untilDayMs,
  };
}

/** ETH = 1.1 x BTC daily log return + noise; QQQ = 0.12 x BTC + drift + noise on weekdays. */
function syntheticFromBtc(btc: { tsMs: number; close: number }[], seed: number) {
  const rng = createRng(seed, 2);
  const eth: { tsMs: number; close: number }[] = [];
  const qqq: { tsMs: number; close: number }[] = [];
  let logEth = 0;
  let logQqq = 0;
  let qqqPending = 0;
  for (let i = 1; i < btc.length; i++) {
    const cur = btc[i] as { tsMs: number; close: number };
    const r = Math.log(cur.close / (btc[i - 1] as { close: number }).close);
    logEth += 1.1 * r + 0.025 * rng.normal();
    eth.push({ tsMs: cur.tsMs, close: logEth });
    qqqPending += 0.12 * r;
    if (isWeekday(cur.tsMs)) {
      logQqq += qqqPending + 0.0005 + 0.011 * rng.normal();
      qqqPending = 0;
      qqq.push({ tsMs: cur.tsMs, close: logQqq });
    }
  }
  // Anchor the last values to plausible levels (ETH/BTC 0.035, QQQ 600).
  const lastBtc = (btc[btc.length - 1] as { close: number }).close;
  const anchor = (pts: { tsMs: number; close: number }[], level: number) => {
    const shift = Math.log(level) - (pts[pts.length - 1]?.close ?? 0);
    return pts.map((p) => ({ tsMs: p.tsMs, close: Math.exp(p.close + shift) }));
  };
  return { eth: anchor(eth, lastBtc * 0.035), qqq: anchor(qqq, 600) };
}
