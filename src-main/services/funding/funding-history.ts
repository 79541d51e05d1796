/**
 * Funding history for charts from the store: every funding time for short ranges, daily means
 * (one point per UTC day) past 120 days so a multi-year chart stays light.
 */
import type { FundingHistorySeries } from '../../../shared/contract/features/funding.api';
import type { PerpMarket } from '../../../shared/domain/derivatives';
import { MS_PER_DAY } from '../../../shared/domain/time';
import type { FundingStore } from './funding.service';

const AUTO_DAILY_AFTER_MS = 120 * MS_PER_DAY;

export interface FundingHistoryQuery {
  instrumentIds?: string[] | undefined;
  underlying?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  bucket?: '8h' | '1d' | 'auto' | undefined;
}

export async function fundingHistorySeries(
  store: FundingStore,
  markets: readonly PerpMarket[],
  query: FundingHistoryQuery,
  nowMs: number,
): Promise<FundingHistorySeries[]> {
  const toMs = query.toMs ?? nowMs;
  const fromMs = query.fromMs ?? toMs - 90 * MS_PER_DAY;
  const wanted = markets.filter((m) =>
    query.instrumentIds
      ? query.instrumentIds.includes(m.instrumentId)
      : query.underlying === undefined || m.underlying === query.underlying,
  );
  const bucket =
    query.bucket === undefined || query.bucket === 'auto'
      ? toMs - fromMs > AUTO_DAILY_AFTER_MS
        ? '1d'
        : '8h'
      : query.bucket;
  return Promise.all(
    wanted.map(async (m): Promise<FundingHistorySeries> => {
      const id = m.instrumentId;
      const points =
        bucket === '1d'
          ? await store.fundingDailyMeans(id, fromMs, toMs)
          : (await store.fundingPoints(id, fromMs, toMs)).map((p) => ({
              tsMs: p.tsMs,
              rate: p.rate,
              source: p.source ?? 'recorded',
            }));
      return {
        instrumentId: id,
        venue: m.venue,
        symbol: m.symbol,
        underlying: m.underlying,
        intervalHours: m.fundingIntervalHours,
        bucket,
        points,
      };
    }),
  );
}
