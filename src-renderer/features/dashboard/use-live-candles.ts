/**
 * Candles of one underlying: loaded from the store, then extended tick by tick so the chart
 * moves with the market between reloads.
 */
import { useEffect, useState } from 'react';
import type { Candle } from '../../../shared/contract/schemas';
import { client } from '../../app/client';
import type { ChartBucket } from '../../stores/layout.store';

const BUCKET_MS: Record<ChartBucket, number> = { '1m': 60_000, '1d': 86_400_000 };

export function mergeTick(
  candles: Candle[],
  tsMs: number,
  price: number,
  bucketMs: number,
): Candle[] {
  if (!(price > 0)) return candles;
  const bucket = Math.floor(tsMs / bucketMs) * bucketMs;
  const last = candles[candles.length - 1];
  if (last && last.tsMs === bucket) {
    const updated = {
      ...last,
      high: Math.max(last.high, price),
      low: Math.min(last.low, price),
      close: price,
    };
    return [...candles.slice(0, -1), updated];
  }
  if (last && last.tsMs > bucket) return candles;
  return [
    ...candles,
    { tsMs: bucket, open: last?.close ?? price, high: price, low: price, close: price },
  ];
}

export function useLiveCandles(
  underlying: string,
  bucket: ChartBucket,
): { candles: Candle[]; error: string | undefined } {
  const [candles, setCandles] = useState<Candle[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let alive = true;
    const load = () =>
      client
        .invoke('market.getCandles', {
          series: underlying,
          bucket,
          limit: bucket === '1m' ? 720 : 750,
        })
        .then(
          (c) => {
            if (!alive) return;
            setCandles(c);
            setError(undefined);
          },
          (err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)),
        );
    void load();
    const reload = setInterval(() => void load(), 60_000);
    const off = client.on('market.ticked', (tick) => {
      const u = tick.underlyings.find((x) => x.underlying === underlying);
      if (u) setCandles((prev) => mergeTick(prev, u.tsMs, u.spot, BUCKET_MS[bucket]));
    });
    return () => {
      alive = false;
      clearInterval(reload);
      off();
    };
  }, [underlying, bucket]);
  return { candles, error };
}
