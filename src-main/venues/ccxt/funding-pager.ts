/**
 * Funding history in pages until the requested range is complete. Venues differ in page size
 * (Binance 1000, Bybit 200, OKX 100, Deribit 744) and in order (Binance oldest first, Bybit and
 * OKX newest first), so paging is by time window, not by cursor: each request covers a window
 * that holds fewer rows than a page at the market's funding interval; a page that comes back
 * full may have been cut, so that window is halved and asked again. Rows are deduplicated by
 * time and returned oldest first.
 */
import type { FundingRateHistory } from 'ccxt';
import type { FundingPoint } from '../../../shared/domain/derivatives';
import type { QualityCounter } from './data-quality';
import { fundingPoint } from './map-funding';

const MS_PER_HOUR = 3_600_000;

export interface FundingPagerInput {
  /** One request: rows with sinceMs <= time <= untilMs, at most `limit` of them. */
  fetchPage(sinceMs: number, untilMs: number, limit: number): Promise<FundingRateHistory[]>;
  fromMs: number;
  toMs: number;
  pageLimit: number;
  intervalHours: number;
  nowMs: number;
  quality?: QualityCounter | undefined;
  /** Stops a runaway loop (a venue ignoring its bounds); default 1000 requests. */
  maxRequests?: number;
}

export interface FundingPagerResult {
  points: FundingPoint[];
  requests: number;
  /** Windows that still came back full at the smallest window (rows may be missing). */
  truncatedWindows: number;
}

export async function pageFundingHistory(input: FundingPagerInput): Promise<FundingPagerResult> {
  const { fromMs, toMs, pageLimit } = input;
  if (!(toMs >= fromMs)) throw new RangeError(`funding history: toMs ${toMs} < fromMs ${fromMs}`);
  const maxRequests = input.maxRequests ?? 1000;
  const minWindowMs = MS_PER_HOUR;
  // pageLimit - 1 intervals: a window holding both ends can carry at most pageLimit rows.
  let windowMs = Math.max(minWindowMs, (pageLimit - 1) * input.intervalHours * MS_PER_HOUR);
  const byTime = new Map<number, FundingPoint>();
  let cursor = fromMs;
  let requests = 0;
  let truncatedWindows = 0;
  while (cursor <= toMs) {
    if (requests >= maxRequests) {
      throw new Error(`funding history: more than ${maxRequests} requests, stopped`);
    }
    const end = Math.min(toMs, cursor + windowMs - 1);
    const rows = await input.fetchPage(cursor, end, pageLimit);
    requests++;
    if (rows.length >= pageLimit) {
      if (windowMs > minWindowMs) {
        windowMs = Math.max(minWindowMs, Math.floor(windowMs / 2));
        continue;
      }
      truncatedWindows++;
    }
    for (const row of rows) {
      const ts = row.timestamp;
      if (typeof ts === 'number' && (ts < cursor || ts > end)) continue;
      const point = fundingPoint(row, input.nowMs, input.quality);
      if (point) byTime.set(point.tsMs, point);
    }
    cursor = end + 1;
  }
  const points = [...byTime.values()].sort((a, b) => a.tsMs - b.tsMs);
  return { points, requests, truncatedWindows };
}
