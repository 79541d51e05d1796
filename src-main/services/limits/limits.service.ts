/** Desk risk limits: stored, seeded with defaults on first launch, every change audited. */
import type { ApiHandlers } from '../../../shared/contract/dispatch';
import { DEFAULT_LIMITS, type RiskLimit } from '../../../shared/domain/limits';
import type { DbClient } from '../../db/db-client';

export async function ensureDefaultLimits(db: DbClient, nowMs: number): Promise<RiskLimit[]> {
  const existing = await db.listLimits();
  const missing = DEFAULT_LIMITS.filter((d) => !existing.some((e) => e.metric === d.metric));
  if (missing.length > 0) await db.saveLimits(missing, 'system', nowMs);
  return db.listLimits();
}

export function limitsHandlers(db: DbClient) {
  return {
    'limits.list': () => db.listLimits(),
  } satisfies Partial<ApiHandlers>;
}
