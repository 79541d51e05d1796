import * as Comlink from 'comlink';
import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { Feature, FeatureContext } from '../../app/feature';
import { MarginService } from './margin.service';
import type { MarginCompute } from './probability-runner';

/** Margin is re-evaluated this often (alerts fire on the first evaluation past a band). */
const REFRESH_EVERY_MS = 1000;
/** A Monte Carlo of 2 million paths over four weeks stays well inside this. */
const PROBABILITY_TIMEOUT_MS = 10 * 60_000;

export function marginHandlers(margin: MarginService) {
  return {
    'margin.getReport': () => margin.report(),
    'margin.computeProbability': (input) => margin.computeProbability(input),
    'margin.cancelProbability': (input) => ({
      cancelled: margin.cancelProbability(input.requestId),
    }),
    'margin.listAlerts': (input) => margin.listAlerts(input.includeAcknowledged, input.limit),
    'margin.acknowledgeAlerts': async (input) => ({
      acknowledged: await margin.acknowledge(input.ids),
    }),
    'margin.listTicketInstruments': (input) => margin.ticketInstruments(input.accountId),
    'margin.previewTrade': (input) => margin.previewTrade(input.accountId, input.ticket),
    'margin.setMarginSystem': (input) => margin.setMarginSystem(input.accountId, input.system),
  } satisfies Partial<ApiHandlers>;
}

function poolCompute(ctx: FeatureContext): MarginCompute {
  return {
    async reports(accounts) {
      const job = ctx.pool.run((api, control) => api.marginReports({ accounts }, control), 10_000);
      return (await job.promise).reports;
    },
    async preview(input) {
      const job = ctx.pool.run((api, control) => api.tradePreview(input, control), 10_000);
      return (await job.promise).preview;
    },
    probability(job, onProgress) {
      const handle = ctx.pool.run(
        (api, control) => api.liquidationProbability(job, control, Comlink.proxy(onProgress)),
        PROBABILITY_TIMEOUT_MS,
      );
      return { promise: handle.promise, cancel: handle.cancel };
    },
  };
}

/** Evaluates every derivatives account each second and raises band alerts. */
export async function startMarginFeature(
  ctx: FeatureContext,
): Promise<Feature<ReturnType<typeof marginHandlers>> & { service: MarginService }> {
  const service = new MarginService({
    sources: () => ctx.derivatives,
    store: ctx.db,
    compute: poolCompute(ctx),
    vols: () =>
      Object.fromEntries(ctx.market.getUnderlyings().map((u) => [u.underlying, u.atmVol])),
    accountName: (id) => ctx.book.contents().accounts.find((a) => a.id === id)?.name,
    emitReport: (report) => ctx.bus.emit('margin.updated', report),
    emitAlert: (alert) => ctx.bus.emit('margin.alerted', alert),
    emitProgress: (p) => ctx.bus.emit('margin.probabilityProgressed', p),
    now: ctx.config.now,
  });
  await service.start();
  const timer = setInterval(() => {
    service.refresh().catch(() => {
      // Counted in service.failures; the next tick tries again.
    });
  }, REFRESH_EVERY_MS);
  timer.unref();
  return {
    service,
    handlers: marginHandlers(service),
    async stop() {
      clearInterval(timer);
      await service.stop();
    },
  };
}
