import { csvNumber, parseCsv } from '../../io/csv';
import {
  expiryLabel,
  median,
  yearFraction,
  type ChainExpiry,
  type ChainQuote,
  type OptionChain,
} from './chain';

/**
 * Reader for Deribit option-chain snapshots saved as pandas CSV of the public ticker fields
 * (`../shared/data/deribit_btc_options_*_raw.csv`). Conventions of that format:
 * - mark_iv, bid_iv, ask_iv are in PERCENT; bid_iv = 0 means no bid, ask_iv = 0 no ask, and
 *   ask_iv = 500 is Deribit's cap (an ask so high its vol is not computed): read as no ask.
 * - prices (mark_price, best_bid_price, best_ask_price) are in BTC per option; times
 *   underlying_price they become USD forward premiums (Deribit quotes interest_rate 0).
 * - underlying_price is the forward of the option's expiry (a future or Deribit's synthetic);
 *   the rows of one snapshot are taken over a minute or two, so the slice forward is the median.
 * - expiration_timestamp and timestamp are epoch milliseconds (UTC).
 * The greeks/stats/bids/asks columns (Python literals) are not needed for fitting and are ignored.
 */
export interface DeribitChainResult {
  chain: OptionChain;
  /** Rows that could not be read, with their 1-based line number. */
  rowErrors: string[];
}

/** Deribit reports vols it cannot compute (asks far above fair value) as exactly this cap. */
const DERIBIT_IV_CAP_PCT = 500;

const REQUIRED = [
  'expiration_timestamp',
  'option_type',
  'strike',
  'underlying_price',
  'timestamp',
  'mark_iv',
];

export function parseDeribitChainCsv(text: string): DeribitChainResult {
  const table = parseCsv(text);
  const missing = REQUIRED.filter((c) => !table.header.includes(c));
  if (missing.length > 0)
    throw new Error(`not a Deribit chain CSV: missing column(s) ${missing.join(', ')}`);
  const rowErrors = table.errors.map((e) => `line ${e.line}: ${e.message}`);
  interface Row {
    expiryMs: number;
    forward: number;
    tsMs: number;
    index?: number;
    quote: ChainQuote;
  }
  const rows: Row[] = [];
  let underlying = '';
  table.rows.forEach((r, i) => {
    const line = i + 2;
    const expiryMs = csvNumber(r.expiration_timestamp);
    const strike = csvNumber(r.strike);
    const forward = csvNumber(r.underlying_price);
    const tsMs = csvNumber(r.timestamp);
    const type = r.option_type?.trim().toLowerCase();
    if (
      expiryMs === undefined ||
      strike === undefined ||
      forward === undefined ||
      tsMs === undefined
    ) {
      rowErrors.push(`line ${line}: missing expiry, strike, underlying_price or timestamp`);
      return;
    }
    if (type !== 'call' && type !== 'put') {
      rowErrors.push(`line ${line}: option_type must be call or put, got "${r.option_type ?? ''}"`);
      return;
    }
    if (underlying === '' && r.instrument_name) underlying = r.instrument_name.split('-')[0] ?? '';
    const quote: ChainQuote = { strike, type };
    const pct = (v: number | undefined, cap = Infinity): number | undefined =>
      v !== undefined && v > 0 && v < cap ? v / 100 : undefined;
    const bidIv = pct(csvNumber(r.bid_iv));
    const askIv = pct(csvNumber(r.ask_iv), DERIBIT_IV_CAP_PCT);
    const markIv = pct(csvNumber(r.mark_iv));
    if (bidIv !== undefined) quote.bidIv = bidIv;
    if (askIv !== undefined) quote.askIv = askIv;
    if (markIv !== undefined) quote.markIv = markIv;
    const bidBtc = csvNumber(r.best_bid_price);
    const askBtc = csvNumber(r.best_ask_price);
    if (bidBtc !== undefined && bidBtc > 0) quote.bidPrice = bidBtc * forward;
    if (askBtc !== undefined && askBtc > 0) quote.askPrice = askBtc * forward;
    const row: Row = { expiryMs, forward, tsMs, quote };
    const index = csvNumber(r.index_price);
    if (index !== undefined) row.index = index;
    rows.push(row);
  });
  if (rows.length === 0) throw new Error('Deribit chain CSV has no readable rows');
  const asOfMs = Math.round(median(rows.map((r) => r.tsMs)));
  const groups = new Map<number, Row[]>();
  for (const r of rows) {
    const g = groups.get(r.expiryMs);
    if (g) g.push(r);
    else groups.set(r.expiryMs, [r]);
  }
  const expiries: ChainExpiry[] = [...groups.keys()]
    .sort((x, y) => x - y)
    .map((expiryMs) => {
      const g = groups.get(expiryMs) as Row[];
      return {
        expiry: expiryLabel(expiryMs),
        expiryMs,
        tYears: yearFraction(asOfMs, expiryMs),
        forward: median(g.map((r) => r.forward)),
        quotes: g.map((r) => r.quote),
      };
    });
  const chain: OptionChain = { underlying: underlying || 'BTC', asOfMs, expiries };
  const indices = rows.flatMap((r) => (r.index !== undefined ? [r.index] : []));
  if (indices.length > 0) chain.spot = median(indices);
  return { chain, rowErrors };
}
