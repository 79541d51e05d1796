import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { FundingCsvError, parseFundingCsv } from '../../../shared/quant/perps/funding-csv';
import {
  fundingInputSchema,
  fundingReport,
} from '../../../shared/quant/perps/funding-input-schema';
import { summariseFunding } from '../../../shared/quant/perps/funding-summary';
import { parseArgs, requiredFlag, stringFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';

const USAGE = `Usage: cerberus funding --input FILE [--pretty]
       cerberus funding history --file CSV [--interval-hours H] [--pretty]

funding --input FILE: the funding rate of one window from premium-index samples by the venue's
rule. FILE is JSON ("-" reads stdin):
  venue             "binance" | "bybit" | "okx" | "deribit"
  intervalHours     funding interval in hours (default 8; Deribit's rate is always per 8 h)
  samples           time-ordered premium samples, each one of: a number (premium index);
                    {premiumIndex}; {impactBid, impactAsk, index} (Binance/Bybit premium index);
                    {bid, ask, index} (OKX mid premium); {mark, index} (Deribit premium rate)
  interestPer8h     interest component per 8 h (default 0.0001 Binance/Bybit, 0 OKX/Deribit)
  damper            clamp bound (default 0.0005; Deribit dead zone 0.00025)
  cap, floor        the symbol's funding cap/floor (none unless given)
  weighting         "linear" (weights 1..n, Binance/Bybit default) | "equal" (OKX/Deribit)
  samplesPerWindow  samples in a full window: adds predictedRate (the rest filled by the last)
  position          {side, size, markPrice, contract? "linear"|"inverse", contractSize?}: adds
                    the cash flow at this rate (negative = pays) and per day
Output: {venue, intervalHours, accrual, samples, weighting, averagePremium, interest,
  uncappedRate, fundingRate, capped, annualised (rate x 24/interval x 365), predictedRate,
  payment: {cashFlow, perDay, currency} | null}. Rates are decimals per interval.

funding history --file CSV: summary of a funding history. Detects the format from the header:
  time,funding_rate (one rate per funding time) or date,funding_mean[,funding_abs] (daily means
  of the per-interval rates). --interval-hours sets the funding interval (default: the spacing
  of per-interval files, 8 for daily means).
Output: {file, format, count, firstDate, lastDate, sampleIntervalHours, fundingIntervalHours,
  mean, median, stdev, annualised, sharePositive, shareNegative, last7dMean, last7dAnnualised,
  last30dMean, last30dAnnualised, min: {rate, date}, max: {rate, date}, skippedRows}.`;

async function readText(path: string, flag: string, stdin: Readable): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw new CliUsageError(`cannot read --${flag} ${path}: ${code}`);
  }
}

function write(io: { stdout: Writable }, value: unknown, pretty: boolean): void {
  io.stdout.write(JSON.stringify(value, null, pretty ? 2 : undefined) + '\n');
}

export const fundingCommand: CliCommand = {
  name: 'funding',
  summary: 'funding rate from premium samples by venue rule; funding history summary from a CSV',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['pretty']);
    const pretty = parsed.flags.has('pretty');
    const sub = parsed.positional[0];
    if (sub === 'history') {
      const file = requiredFlag(parsed, 'file');
      const hoursText = stringFlag(parsed, 'interval-hours');
      const hours = hoursText === undefined ? undefined : Number(hoursText);
      if (hours !== undefined && !(Number.isFinite(hours) && hours > 0 && hours <= 24)) {
        throw new CliUsageError(`--interval-hours must be a number in (0, 24], got "${hoursText}"`);
      }
      let csv;
      try {
        csv = parseFundingCsv(await readText(file, 'file', io.stdin));
      } catch (err) {
        if (err instanceof FundingCsvError) throw new CliUsageError(`${file}: ${err.message}`);
        throw err;
      }
      const summary = summariseFunding(
        csv.points,
        hours ?? (csv.format === 'dailyMean' ? 8 : undefined),
      );
      write(io, { file, format: csv.format, ...summary, skippedRows: csv.skipped.length }, pretty);
      return 0;
    }
    if (sub !== undefined)
      throw new CliUsageError(`unknown funding subcommand "${sub}" (expected "history")`);
    const path = requiredFlag(parsed, 'input');
    let json: unknown;
    try {
      json = JSON.parse(await readText(path, 'input', io.stdin));
    } catch (err) {
      if (err instanceof CliUsageError) throw err;
      throw new CliUsageError(`--input ${path} is not valid JSON`);
    }
    const input = fundingInputSchema.safeParse(json);
    if (!input.success)
      throw new CliUsageError(`invalid funding input:\n${z.prettifyError(input.error)}`);
    write(io, fundingReport(input.data), pretty);
    return 0;
  },
};
