/** `cerberus backtest var`: rolling historical VaR against realised losses, with coverage tests. */
import { isoDate } from '../../../shared/domain/time';
import { historicalScenarioSet } from '../../../shared/quant/risk/historical-scenarios';
import { NO_MOVE, underlyingPnlExact } from '../../../shared/quant/risk/reval-rows';
import { seriesLosses } from '../../../shared/quant/risk/series-var';
import { backtestHistoricalVar } from '../../../shared/quant/risk/var-backtest';
import { numberFlag, parseArgs, stringFlag, type ParsedArgs } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';
import { readBook, readSeries, writeJson } from './risk-cli-io';

const usage = `Usage:
  cerberus backtest var --file CSV --column price [--window 250] [--confidence 0.99]
  cerberus backtest var --book FILE [--window 250] [--confidence 0.99]

Each day after the first WINDOW, the VaR forecast is the historical VaR (ceil(a n)-th smallest
loss) of the WINDOW previous daily losses; the day is a breach when its loss is larger. Losses are
-log returns of the column (--file), or the book's USD loss when today's positions are revalued
in full on each past day's moves (--book, hypothetical P&L). Prints one JSON object:
  {"source","window","confidence","days","expectedBreaches","breaches","breachRate",
   "kupiec":{"lr","pValue"},"christoffersen":{"independence":{"lr","pValue"},
   "conditionalCoverage":{"lr","pValue"},"transitions":{"n00","n01","n10","n11"}},
   "trafficLight":{"zone","breaches","days","cumulativeProbability","plusFactor"},
   "breachLog":[{"date","loss","var"}]}
p-values: chi-square(1) for Kupiec and independence, chi-square(2) for conditional coverage.
The traffic light counts the breaches of the last 250 days (Basel: green 0-4, yellow 5-9, red 10+
at 99%).`;

function bookLosses(path: string): { losses: Float64Array; tsMs: number[]; source: string } {
  const { book, file } = readBook(path);
  let set;
  try {
    set = historicalScenarioSet(file.history, book.underlyings, { windowDays: 'all' });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
  const nU = book.underlyings.length;
  const move = { ...NO_MOVE };
  const losses = new Float64Array(set.windowDays);
  for (let t = 0; t < set.windowDays; t++) {
    let pnl = 0;
    for (let u = 0; u < nU; u++) {
      move.x = set.daily[t * nU + u] as number;
      pnl += underlyingPnlExact(book, u, move);
    }
    losses[t] = -pnl;
  }
  return {
    losses,
    tsMs: set.dayMs,
    source: `book ${path} (${file.positions.length} positions, hypothetical P&L)`,
  };
}

function run(parsed: ParsedArgs) {
  const window = numberFlag(parsed, 'window', 250);
  if (!Number.isInteger(window) || window < 20)
    throw new CliUsageError(`--window must be an integer >= 20, got ${window}`);
  const confidence = numberFlag(parsed, 'confidence', 0.99);
  if (!(confidence > 0 && confidence < 1))
    throw new CliUsageError(`--confidence must be in (0, 1), got ${confidence}`);
  let losses: Float64Array;
  let tsMs: number[];
  let source: string;
  if (stringFlag(parsed, 'book') !== undefined) {
    ({ losses, tsMs, source } = bookLosses(stringFlag(parsed, 'book') as string));
  } else {
    const series = readSeries(parsed);
    losses = seriesLosses(series.closes);
    tsMs = series.tsMs.slice(1);
    source = `${stringFlag(parsed, 'file')} column ${stringFlag(parsed, 'column') ?? 'price'} (-log returns)`;
  }
  let r;
  try {
    r = backtestHistoricalVar(
      losses,
      window,
      confidence,
      tsMs.length === losses.length ? tsMs : undefined,
    );
  } catch (err) {
    if (err instanceof RangeError) throw new CliUsageError(err.message);
    throw err;
  }
  return {
    source,
    window: r.window,
    confidence: r.confidence,
    days: r.days,
    expectedBreaches: r.expectedBreaches,
    breaches: r.breaches,
    breachRate: r.breachRate,
    kupiec: { lr: r.kupiec.lr, pValue: r.kupiec.pValue },
    christoffersen: {
      independence: { lr: r.independence.lr, pValue: r.independence.pValue },
      conditionalCoverage: { lr: r.conditionalCoverage.lr, pValue: r.conditionalCoverage.pValue },
      transitions: r.transitions,
    },
    trafficLight: r.trafficLight,
    breachLog: r.breachLog.map((b) => ({
      ...(b.tsMs !== undefined ? { date: isoDate(b.tsMs) } : { index: b.index }),
      loss: b.loss,
      var: b.var,
    })),
  };
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'VaR backtest (Kupiec, Christoffersen, Basel traffic light) on a price series or a book',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    const sub = parsed.positional[0];
    if (sub !== 'var')
      throw new CliUsageError(
        `backtest needs the subcommand var (got ${sub === undefined ? 'none' : `"${sub}"`})`,
      );
    writeJson(io, run(parsed));
    return 0;
  },
};
