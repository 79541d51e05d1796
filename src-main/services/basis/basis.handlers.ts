import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { FeatureContext, Feature } from '../../app/feature';
import { BasisService } from './basis.service';

export function basisHandlers(basis: BasisService) {
  return {
    'basis.getReport': (input) => basis.getReport(input),
    'basis.getLive': (input) => basis.getLive(input.lookbackDays),
    'basis.listHoldings': () => basis.holdings.list(),
    'basis.recordPurchase': (input) => basis.holdings.record(input),
    'basis.getHedge': (input) => basis.getHedge(input.lookbackDays),
  } satisfies Partial<ApiHandlers>;
}

/** Loads (or on first launch imports) the MSTR record and starts the basis service. */
export async function startBasisFeature(
  ctx: FeatureContext,
): Promise<Feature<ReturnType<typeof basisHandlers>> & { service: BasisService }> {
  const service = new BasisService(ctx);
  await service.start();
  return { service, handlers: basisHandlers(service), stop: () => service.stop() };
}
