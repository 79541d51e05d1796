/** `cerberus var series|book`: VaR/ES of a price series or of a saved book (see `usage`). */
import {
  parametricFromPnl,
  type ParametricMethod,
} from '../../../shared/quant/risk/parametric-var';
import {
  historicalSeriesVar,
  seriesLosses,
  type WindowSpec,
} from '../../../shared/quant/risk/series-var';
import { parseArgs, requiredFlag, stringFlag, type ParsedArgs } from '../cli-args';
import { CliUsageError, type CliCommand, type CliIo } from '../cli-command';
import { confidencesFlag, oneOf, readBook, readSeries, writeJson } from './risk-cli-io';
import { runBookVar } from './var-book';

const usage = `Usage:
  cerberus var series --file CSV --column price [--confidence 0.95,0.99] [--window N|all]
                      [--method historical|normal|student-t|cornish-fisher]
  cerberus var book --book FILE [--method historical|montecarlo|parametric] [--horizon 1,10]
                    [--confidence 0.95,0.99] [--paths N] [--seed S] [--scheme grid|full|delta-gamma-vega]
                    [--copula gaussian|t] [--nu NU] [--window N] [--weighting equal|ewma] [--lambda L]
                    [--filter none|ewma|garch] [--by-position]

var series: daily log returns r of the column (rows sorted by the date column when there is one),
losses L = -r of the last N returns (default all). Historical VaR at level a over n losses is the
ceil(a n)-th smallest loss (order statistic, no interpolation); ES is the mean of the losses >= VaR.
Prints {"n":N,"results":[{"confidence":a,"var":v,"es":e}]} in log-return units (0.05 = 5%).

var book: VaR/ES of a saved book (cerberus demo --out FILE) in USD, losses positive. Prints
{"method","currency":"USD","asOf","positions","results":[{"horizonDays","confidence","var","es"}],
 "contributions":[{"horizonDays","confidence","byUnderlying":[{"underlying","componentVar",
 "componentEs","incrementalVar"}]}], ...method details}. historical needs the book's history
(window 500 days by default, overlapping h-day returns); montecarlo defaults to 100000 paths, seed 1,
Gaussian copula, per-underlying price grids with "approximationError" against full revaluation;
--by-position adds "byPosition" ({"positionId","componentVar","componentEs"} and, for
historical, "incrementalVar") to each contribution entry; Monte Carlo estimates position components
on at most 256 tail and 256 near-VaR paths revalued in full. parametric gives normal (delta), cornish-fisher (delta-gamma) and student-t (nu fitted on the book's
historical P&L when it has history) for the linearised book.`;

function windowFlag(parsed: ParsedArgs): WindowSpec {
  const w = stringFlag(parsed, 'window');
  if (w === undefined || w === 'all') return 'all';
  const n = Number(w);
  if (!Number.isInteger(n) || n < 1)
    throw new CliUsageError(`--window must be a positive integer or "all", got "${w}"`);
  return n;
}

function runSeries(parsed: ParsedArgs, io: CliIo): number {
  const series = readSeries(parsed);
  const confidences = confidencesFlag(parsed, [0.95, 0.99]);
  const method = oneOf(
    parsed,
    'method',
    ['historical', 'normal', 'student-t', 'cornish-fisher'] as const,
    'historical',
  );
  const window = windowFlag(parsed);
  try {
    if (method === 'historical') {
      writeJson(io, historicalSeriesVar(series.closes, confidences, window));
      return 0;
    }
    const losses = seriesLosses(series.closes, window);
    const r = parametricFromPnl(
      losses.map((l) => -l),
      method as ParametricMethod,
      confidences,
    );
    writeJson(io, {
      n: losses.length,
      method,
      ...(r.nu !== undefined ? { nu: r.nu } : {}),
      results: r.results,
    });
    return 0;
  } catch (err) {
    if (err instanceof RangeError) throw new CliUsageError(err.message);
    throw err;
  }
}

export const varCommand: CliCommand = {
  name: 'var',
  summary: 'VaR/ES of a price series or a saved book (historical, Monte Carlo, parametric)',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, ['by-position']);
    const sub = parsed.positional[0];
    if (sub === 'series') return runSeries(parsed, io);
    if (sub === 'book') {
      writeJson(io, runBookVar(readBook(requiredFlag(parsed, 'book')), parsed));
      return 0;
    }
    throw new CliUsageError(
      `var needs a subcommand: series or book (got ${sub === undefined ? 'none' : `"${sub}"`})`,
    );
  },
};
