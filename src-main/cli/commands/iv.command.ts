/** `cerberus iv`: implied volatilities for JSON lines on stdin. */
import { firstIssue, ivRequestSchema } from '../../../shared/contract/option-request-schema';
import { evaluateIvRequest } from '../../../shared/quant/option-request';
import type { CliCommand } from '../cli-command';
import { mapJsonLines } from '../json-lines';

const usage = `Usage: cerberus iv < prices.jsonl

Reads the same lines as \`cerberus price\` with "price" instead of "sigma":
  {"id":"x","model":"black76","type":"put","F":1,"K":0.5,"T":0.25,"r":0,"discounted":false,"price":1e-12}
and writes {"id":"x","sigma":...} (decimal per sqrt(year)), or {"id":"x","error":"..."} for a
price outside the no-arbitrage bounds (below intrinsic value, above the forward or strike bound)
or invalid input. European options use a "Let's Be Rational" solver (machine precision, prices
down to 1e-300); American options invert the ALO price.`;

export const ivCommand: CliCommand = {
  name: 'iv',
  summary: 'implied volatility (JSON lines on stdin)',
  usage,
  async run(_args, io) {
    await mapJsonLines(io, (value) => {
      const id =
        typeof value === 'object' && value !== null
          ? ((value as { id?: unknown }).id ?? null)
          : null;
      const parsed = ivRequestSchema.safeParse(value);
      if (!parsed.success) return { id, error: firstIssue(parsed.error) };
      return { id, sigma: evaluateIvRequest(parsed.data) };
    });
    return 0;
  },
};
