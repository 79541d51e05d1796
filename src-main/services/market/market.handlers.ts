import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { MarketService } from './market.service';

export function marketHandlers(market: MarketService) {
  return {
    'market.getQuotes': ({ instrumentIds }) => market.getQuotes(instrumentIds),
    'market.getUnderlyings': () => market.getUnderlyings(),
    'market.getCandles': ({ series, bucket, fromMs, toMs, limit }) =>
      market.getCandles(series, bucket, fromMs, toMs, limit),
  } satisfies Partial<ApiHandlers>;
}
