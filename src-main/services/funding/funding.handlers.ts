import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { Feature, FeatureContext } from '../../app/feature';
import { FundingService } from './funding.service';

/** Board pushes per second (the screen's countdown ticks locally in between). */
const PUSH_EVERY_MS = 1000;

export function fundingHandlers(funding: FundingService) {
  return {
    'funding.getBoard': () => funding.board(),
    'funding.getHistory': (input) => funding.history(input),
  } satisfies Partial<ApiHandlers>;
}

/** Syncs every derivatives source's funding history into the store and starts the board. */
export async function startFundingFeature(
  ctx: FeatureContext,
): Promise<Feature<ReturnType<typeof fundingHandlers>> & { service: FundingService }> {
  const service = new FundingService({
    sources: () => ctx.derivatives,
    store: ctx.db,
    stats: async (perps) =>
      (await ctx.pool.run((api, control) => api.fundingStats({ perps }, control), 30_000).promise)
        .stats,
    positions: () => ctx.book.contents().positions,
    emit: (board) => ctx.bus.emit('funding.updated', board),
    now: ctx.config.now,
  });
  await service.start();
  const timer = setInterval(() => service.refresh(), PUSH_EVERY_MS);
  timer.unref();
  return {
    service,
    handlers: fundingHandlers(service),
    async stop() {
      clearInterval(timer);
      await service.settle();
    },
  };
}
