/**
 * The vol-surface feature in the composition root: chain sources (the demo desk's gateway today;
 * ccxt Deribit and IB sources join the list), the surface service on its cadence, its handlers.
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
): Promise<Feature<ReturnType<typeof surfaceHandlers>> & { service: SurfaceService }> {
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
  return { handlers: surfaceHandlers(service), service, stop: () => service.stop() };
}
