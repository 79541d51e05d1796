/**
 * How a feature plugs into the composition root: it receives the shared context, returns its
 * contract handlers (declared `satisfies Partial<ApiHandlers>`) and a stop function. Add one
 * `start...Feature(ctx)` line and one `...feature.handlers` line in services.ts.
 */
import type { WorkerPool } from '../compute/worker-pool';
import type { DbClient } from '../db/db-client';
import type { BookService } from '../services/book/book.service';
import type { EventBus } from '../services/event-bus';
import type { MarketService } from '../services/market/market.service';
import type { DerivativesSource } from '../venues/derivatives-source';
import type { VenueGateway } from '../venues/venue-gateway';
import type { ServicesConfig } from './config';

export interface FeatureContext {
  config: ServicesConfig;
  db: DbClient;
  pool: WorkerPool;
  bus: EventBus;
  market: MarketService;
  book: BookService;
  /** The market data source (the demo desk today; venue gateways later). */
  gateway: VenueGateway;
  /**
   * Sources of funding, margin brackets and margin accounts (the demo desk; ccxt venues add
   * theirs). Read on every refresh, so a source pushed later is picked up.
   */
  derivatives: DerivativesSource[];
}

export interface Feature<H> {
  handlers: H;
  stop(): Promise<void> | void;
}
