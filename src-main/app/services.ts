/**
 * The composition root shared by the Electron shell, the headless host and integration tests:
 * store, compute pool, the demo desk and the feature services, bound to the contract handlers.
 * Wiring only; every behaviour lives in a service.
 */
import type { AppInfo } from '../../shared/contract/api';
import type { ApiHandlers } from '../../shared/contract/dispatch';
import { WorkerPool } from '../compute/worker-pool';
import { openDbWorker, type DbClient } from '../db/db-client';
import { BookService } from '../services/book/book.service';
import { startBasisFeature } from '../services/basis/basis.handlers';
import { bookHandlers } from '../services/book/book.handlers';
import { startFundingFeature } from '../services/funding/funding.handlers';
import { startMarginFeature } from '../services/margin/margin.handlers';
import { startConnectionsFeature } from '../services/connections/connections.handlers';
import { EventBus } from '../services/event-bus';
import { ensureDefaultLimits, limitsHandlers } from '../services/limits/limits.service';
import { MarketService, quoteRowsOf } from '../services/market/market.service';
import { marketHandlers } from '../services/market/market.handlers';
import { QuoteWriter } from '../services/market/quote-writer';
import { startSurfaceFeature } from '../services/surface/surface.feature';
import { startRiskFeature } from '../services/risk/risk.handlers';
import { surfaceVolSource } from '../services/risk/risk-vols';
import type { ServicesConfig } from './config';
import type { FeatureContext } from './feature';
import { saveDemoState, setUpDemoDesk } from './demo-setup';
import { DemoDerivativesSource } from '../venues/demo/demo-derivatives';
import { DeskGateway } from '../venues/desk-gateway';

export interface Services {
  config: ServicesConfig;
  bus: EventBus;
  handlers: ApiHandlers;
  info: Omit<AppInfo, 'transport'>;
  /** A message for the user from start-up (e.g. a damaged database was replaced). */
  notices: string[];
  db: DbClient;
  book: BookService;
  market: MarketService;
  pool: WorkerPool;
  ctx: FeatureContext;
  close(): Promise<void>;
}

const RAW_RETENTION_MS = 3 * 86_400_000;

export async function startServices(config: ServicesConfig): Promise<Services> {
  const notices: string[] = [];
  const store = await openDbWorker(config.workers, config.dbPath);
  const db = store.db;
  if (store.info.recovered) {
    notices.push(
      `The database was damaged and has been replaced; the old file was kept at ${store.info.recovered}`,
    );
  }
  const pool = new WorkerPool(config.workers, {
    size: config.computeWorkers,
    defaultTimeoutMs: 60_000,
  });
  const bus = new EventBus();
  const writer = new QuoteWriter(db, { flushMs: 500, minSpacingMs: 1000 });
  const nowMs = config.now();
  await ensureDefaultLimits(db, nowMs);
  const { desk } = await setUpDemoDesk({
    db,
    assetsDir: config.assetsDir,
    seed: config.seed,
    nowMs,
    tickMs: config.tickMs,
    chainQuoter: (view, underlying) =>
      pool.run((api, control) => api.quoteDemoChain(view, underlying, control), 30_000).promise,
    onWarmup: (u) => quoteRowsOf(u).forEach((row) => writer.add(row)),
  });
  await writer.flush();
  // The market reads the desk in force: the demo desk, or the live venues (Connections screen).
  const deskGateway = new DeskGateway(desk);
  const market = new MarketService(deskGateway, writer, db, bus, {
    tickEventMs: 250,
    now: config.now,
  });
  const [accounts, instruments, positions] = await Promise.all([
    db.listAccounts(),
    db.listInstruments(),
    db.listPositions(),
  ]);
  const book = new BookService({ accounts, instruments, positions }, market, pool, bus, {
    minIntervalMs: 250,
    staleAfterMs: 5000,
    now: config.now,
  });
  market.start(instruments);
  book.start();
  await desk.start();
  // Features: const x = await startXFeature(ctx); then ...x.handlers below and x.stop() in close.
  const demoDerivatives = new DemoDerivativesSource({
    desk,
    assetsDir: config.assetsDir,
    seed: config.seed,
    book: () => book.contents(),
  });
  const ctx: FeatureContext = {
    config,
    db,
    pool,
    bus,
    market,
    book,
    gateway: desk,
    derivatives: [demoDerivatives],
  };
  const surface = await startSurfaceFeature(ctx);
  const basis = await startBasisFeature(ctx);
  const funding = await startFundingFeature(ctx);
  const margin = await startMarginFeature(ctx);
  const connections = await startConnectionsFeature(ctx, {
    deskGateway,
    demo: desk,
    cipher: config.secretCipher,
    gateway: config.venueGateway,
  });
  // The surface fits the live venues' chains while the live desk is on; risk reads its fits.
  surface.followDesk(() =>
    connections.desk() === 'live' ? connections.service.chainSources() : null,
  );
  const risk = await startRiskFeature(ctx, {
    vols: surfaceVolSource(surface.service),
    modelScenarios: () => basis.service.decouplingScenarios(),
  });

  const housekeeping = setInterval(() => {
    void saveDemoState(db, desk);
    void db.pruneRaw(config.now() - RAW_RETENTION_MS);
  }, 10_000);
  housekeeping.unref();

  const info: Omit<AppInfo, 'transport'> = {
    name: 'Cerberus',
    version: '0.1.0',
    desk: 'demo',
    dataDir: config.dataDir,
    startedMs: nowMs,
    workers: pool.size,
  };
  const handlers = {
    'app.getInfo': (_input, ctx) => ({
      ...info,
      desk: connections.desk(),
      transport: ctx.transport,
    }),
    ...bookHandlers(book),
    ...marketHandlers(market),
    ...limitsHandlers(db),
    ...surface.handlers,
    ...basis.handlers,
    ...funding.handlers,
    ...margin.handlers,
    ...connections.handlers,
    ...risk.handlers,
  } satisfies ApiHandlers;

  return {
    config,
    bus,
    handlers,
    info,
    notices,
    db,
    book,
    market,
    pool,
    ctx,
    async close() {
      clearInterval(housekeeping);
      await connections.stop();
      await desk.stop();
      await surface.stop();
      await basis.stop();
      await funding.stop();
      await margin.stop();
      await risk.stop();
      book.stop();
      await market.stop();
      await saveDemoState(db, desk);
      await pool.close();
      await store.close();
    },
  };
}
