/** `cerberus price`: option prices and Greeks for JSON lines on stdin. */
import { firstIssue, priceRequestSchema } from '../../../shared/contract/option-request-schema';
import { evaluatePriceRequest } from '../../../shared/quant/option-request';
import type { CliCommand } from '../cli-command';
import { mapJsonLines } from '../json-lines';

const usage = `Usage: cerberus price < options.jsonl

Reads one option per line:
  {"id":"x","model":"bsm"|"black76","style":"european"|"american","type":"call"|"put",
   "S":100,"K":100,"T":0.5,"r":0.05,"q":0.0,"sigma":0.2}
(black76: give "F" instead of "S" and "discounted":true|false; american: optional
"dividends":[{"t":years,"amount":cash}], escrowed-dividend model). Writes one line each:
  {"id":"x","price":...,"delta":...,"gamma":...,"vega":...,"theta":...,"rho":...,"vanna":...,
   "volga":...,"charm":...,"speed":...,"zomma":...,"color":...}
Units: vega per 1.00 vol, rho per 1.00 rate, theta = dV/dt per calendar year (negative for a
long decaying option), charm/color per year, T in years ACT/365. Black-76 Greeks are with
respect to the forward. American options use the ALO engine with finite-difference Greeks.
Invalid input gives {"id":"x","error":"..."} and processing continues.`;

export const priceCommand: CliCommand = {
  name: 'price',
  summary: 'option prices and Greeks (JSON lines on stdin)',
  usage,
  async run(_args, io) {
    await mapJsonLines(io, (value) => {
      const id =
        typeof value === 'object' && value !== null
          ? ((value as { id?: unknown }).id ?? null)
          : null;
      const parsed = priceRequestSchema.safeParse(value);
      if (!parsed.success) return { id, error: firstIssue(parsed.error) };
      return { id, ...evaluatePriceRequest(parsed.data) };
    });
    return 0;
  },
};
