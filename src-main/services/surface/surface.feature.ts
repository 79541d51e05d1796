/**
 * The vol-surface feature in the composition root: chain sources (the demo desk's gateway on the
 * demo desk; the connected venues' ccxt chains on the live desk, through `followDesk`), the
 * surface service on its cadence, its handlers.
 */
import type { Feature, FeatureContext } from '../../app/feature';
import { gatewayChainSource, type ChainSource } from './chain-source';
import { surfaceHandlers } from './surface.handlers';
import { SurfaceService, type SurfaceServiceOptions } from './surface.service';

/** Underlyings whose chains the demo desk lists. */
export const DEMO_CHAIN_UNDERLYINGS = ['BTC', 'ETH', 'MSTR', 'QQQ'] as const;

export async function startSurfaceFeature(
  ctx: FeatureContext,
  options: SurfaceServiceOptions & { sources?: ChainSource[] } = {},
): Promise<
  Feature<ReturnType<typeof surfaceHandlers>> & {
    service: SurfaceService;
    followDesk(live: () => readonly ChainSource[] | null): void;
  }
> {
  const { sources: given, ...serviceOptions } = options;
  const sources = given ?? [gatewayChainSource(ctx.gateway, ctx.market, DEMO_CHAIN_UNDERLYINGS)];
  const service = new SurfaceService(
    {
      pool: ctx.pool,
      db: ctx.db,
      bus: ctx.bus,
      market: ctx.market,
      book: ctx.book,
      sources,
      now: ctx.config.now,
    },
    serviceOptions,
  );
  await service.start();
  return {
    handlers: surfaceHandlers(service),
    service,
    /**
     * Follows the desk: `live()` returns the live venues' chain sources while the live desk is
     * on, null on the demo desk (the demo sources then). Read again on every
     * `connections.changed` and every refit step.
     */
    followDesk(live: () => readonly ChainSource[] | null): void {
      service.followSources(() => live() ?? sources);
    },
    stop: () => service.stop(),
  };
}
