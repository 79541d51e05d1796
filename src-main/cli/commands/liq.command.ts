import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AccountSpecError } from '../../../shared/quant/perps/account-liquidation';
import { accountSpecFromInput, liqInputSchema } from '../../../shared/quant/perps/liq-input-schema';
import { liqReport } from '../../../shared/quant/perps/liq-report';
import { TierError } from '../../../shared/quant/perps/tiers';
import { parseArgs, requiredFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';

const USAGE = `Usage: cerberus liq --input FILE [--pretty]

Liquidation price, maintenance margin and margin ratio of perpetual positions by a venue's
published formula (tiered maintenance margin, isolated or cross, one-way or hedge mode, linear
or inverse). FILE is JSON ("-" reads stdin). Prints one JSON object.

Input fields:
  venue          "binance" | "bybit" | "okx" | "deribit"   (selects the liquidation formula)
  mode           "isolated" | "cross"
  contract       "linear" (USDT/USDC-margined) | "inverse" (coin-margined)
  positionMode   "oneWay" (default) | "hedge" (a long and a short leg per symbol)
  contractSize   coins per contract (linear) or USD per contract (inverse); default 1, so that
                 size is in coins (linear) or USD face value (inverse)
  walletBalance  cross: wallet balance (quote currency, or coin for inverse), required;
                 isolated: the margin of a single position given without "margin"
  takerFeeRate   close fee used where the venue includes one (OKX on the liquidation notional,
                 Bybit at the bankruptcy price); default 0
  tiers          [{floor, cap?, mmr, maintAmount?}] notional brackets (quote currency for linear,
                 coin for inverse); cap omitted = next floor / unbounded; maintAmount omitted =
                 floor*(mmr - previous mmr) + previous maintAmount
  positions      [{symbol?, side "long"|"short", size (contracts, > 0), entryPrice, markPrice?
                 (default entryPrice), leverage, margin? (isolated margin incl. extra margin;
                 default notional at entry / leverage), tiers? (overrides the top-level tiers)}]

Output fields:
  liquidationPrice   of positions[0] (isolated: its own; cross: its symbol's); null if none
  maintenanceMargin  sum of the venue's maintenance requirements at the marks (incl. close fee)
  marginRatio        margin balance / maintenance requirement (cross: account; isolated: worst
                     position); 1 = liquidation; see marginRatioDefinition
  level              "safe" > 150% >= "warning" > 120% >= "danger" > 100% >= "liquidation"
  venueMarginRatio   the venue's own displayed ratio (definition in venueMarginRatioDefinition)
  marginBalance, initialMargin, settlementCurrency ("quote" | "coin")
  symbols[]          {symbol, liquidationPrice, liquidationPriceBelow, liquidationPriceAbove,
                     alreadyLiquidated, positions}
  positions[]        {index, symbol, side, size, notional, unrealisedPnl, maintenanceMargin,
                     closeFee, tierIndex, mmr, maintAmount, liquidationPrice, liquidationTierIndex,
                     distanceToLiquidation ((liq - mark) / mark), margin, marginRatio}`;

async function readInput(path: string, stdin: Readable): Promise<string> {
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
    throw new CliUsageError(`cannot read --input ${path}: ${code}`);
  }
}

export const liqCommand: CliCommand = {
  name: 'liq',
  summary: 'liquidation price, maintenance margin and margin ratio of perpetual positions',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['pretty']);
    const path = requiredFlag(parsed, 'input');
    const text = await readInput(path, io.stdin);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliUsageError(`--input ${path} is not valid JSON`);
    }
    const input = liqInputSchema.safeParse(json);
    if (!input.success)
      throw new CliUsageError(`invalid liq input:\n${z.prettifyError(input.error)}`);
    let report;
    try {
      report = liqReport(accountSpecFromInput(input.data));
    } catch (err) {
      if (err instanceof AccountSpecError || err instanceof TierError)
        throw new CliUsageError(err.message);
      throw err;
    }
    io.stdout.write(
      JSON.stringify(report, null, parsed.flags.has('pretty') ? 2 : undefined) + '\n',
    );
    return 0;
  },
};
