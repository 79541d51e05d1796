import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { Feature, FeatureContext } from '../../app/feature';
import { RiskService, type RiskServiceOptions } from './risk.service';

export function riskHandlers(risk: RiskService) {
  return {
    'risk.getLatest': () => risk.getLatest(),
    'risk.getSummary': () => risk.getSummary(),
    'risk.getStatus': () => risk.getStatus(),
    'risk.run': (input) => risk.run('demand', input.reverseTargetUsd, input.stressPricingModel),
    'risk.cancel': (input) => ({ cancelled: risk.cancel(input.runId) }),
    'risk.getHistory': (input) => risk.getHistory(input.fromMs, input.toMs, input.maxPoints),
    'risk.listScenarios': () => risk.scenarios.list(),
    'risk.saveScenario': (input) => risk.scenarios.save(input.text),
    'risk.deleteScenario': async (input) => ({ deleted: await risk.scenarios.delete(input.id) }),
  } satisfies Partial<ApiHandlers>;
}

/**
 * Starts the risk engine: scenarios loaded, the GPU host probed when the shell provides one
 * (`ctx.config.gpuHost`, Electron only), the first run once the book has been valued.
 */
export async function startRiskFeature(
  ctx: FeatureContext,
  opts: Partial<RiskServiceOptions> = {},
): Promise<Feature<ReturnType<typeof riskHandlers>> & { service: RiskService }> {
  const service = new RiskService(ctx, { gpu: ctx.config.gpuHost ?? null, ...opts });
  await service.start();
  return { service, handlers: riskHandlers(service), stop: () => service.stop() };
}
