/** `cerberus demo`: run the demo desk for N simulated seconds and print or save the book. */
import { writeFileSync } from 'node:fs';
import { bookFileSchema } from '../../../shared/contract/book-file-schema';
import { parseUtcMs } from '../../../shared/domain/time';
import { sumTotals } from '../../../shared/domain/valuation';
import { revalueBook } from '../../../shared/quant/book/revalue-book';
import { buildDemoBookFile } from '../../app/demo-book-file';
import { numberFlag, parseArgs, stringFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';
import { defaultAssetsDir } from '../cli-paths';

const usage = `Usage: cerberus demo [--seconds N] [--seed S] [--start ISO-TIME] [--history-days D] [--out book.json]

Runs the demo desk's market simulator for N simulated seconds (default 5; deterministic for a
given --seed and --start) on the sample book and prints a JSON summary:
  {"asOf": ISO, "seed", "ticks", "positions": n, "totals": {...USD...},
   "underlyings": [{"underlying","spot","atmVol"}], "risks": [{"instrumentId","quantity","price",
   "marketValueUsd","deltaUsd","gammaUsdPer1Pct","vegaUsdPerVolPt","thetaUsdPerDay"}]}
With --out FILE it also writes the whole book (positions, instruments, market, daily history)
as a Cerberus book file that \`cerberus var book --book FILE\` and the other offline tools read.`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run the demo desk for N seconds and print/write the book',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    const seconds = numberFlag(parsed, 'seconds', 5);
    if (seconds < 0 || seconds > 86_400)
      throw new CliUsageError('--seconds must be between 0 and 86400');
    const seed = numberFlag(parsed, 'seed', 20261122);
    if (!Number.isInteger(seed)) throw new CliUsageError('--seed must be an integer');
    const startText = stringFlag(parsed, 'start');
    const startMs = startText === undefined ? Date.now() : parseUtcMs(startText);
    if (startMs === undefined)
      throw new CliUsageError(`--start must be an ISO date/time, got "${startText}"`);
    const historyDays = numberFlag(parsed, 'history-days', 750);
    const { book, ticks } = buildDemoBookFile({
      assetsDir: defaultAssetsDir(),
      seed,
      startMs,
      seconds,
      historyDays,
    });
    const valid = bookFileSchema.safeParse(book);
    if (!valid.success)
      throw new Error(`internal: the demo book does not validate: ${valid.error.message}`);
    const risks = revalueBook({
      asOfMs: book.asOfMs,
      positions: book.positions,
      instruments: book.instruments,
      underlyings: book.underlyings,
      quotes: book.quotes,
      staleAfterMs: 60_000,
    });
    const out = stringFlag(parsed, 'out');
    if (out) writeFileSync(out, JSON.stringify(book));
    const summary = {
      asOf: new Date(book.asOfMs).toISOString(),
      seed,
      ticks,
      positions: book.positions.length,
      totals: sumTotals(risks),
      underlyings: book.underlyings.map((u) => ({
        underlying: u.underlying,
        spot: u.spot,
        atmVol: u.atmVol,
      })),
      risks: risks.map((r) => ({
        instrumentId: r.instrumentId,
        quantity: r.quantity,
        price: r.price,
        marketValueUsd: r.marketValueUsd,
        deltaUsd: r.deltaUsd,
        gammaUsdPer1Pct: r.gammaUsdPer1Pct,
        vegaUsdPerVolPt: r.vegaUsdPerVolPt,
        thetaUsdPerDay: r.thetaUsdPerDay,
      })),
      ...(out ? { out } : {}),
    };
    io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return 0;
  },
};
