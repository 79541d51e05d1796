/**
 * Everything the rest of the app may ask of the store, as one object of plain-data methods.
 * The db worker exposes it over comlink; tests call it directly on an in-memory database.
 */
import type { Db } from './database';
import { createBasisRepo } from './repos/basis.repo';
import { createBarsRepo } from './repos/bars.repo';
import { createFundingRepo } from './repos/funding.repo';
import { createMarginAlertsRepo } from './repos/margin-alerts.repo';
import { createQuotesRepo } from './repos/quotes.repo';
import { createReferenceRepo } from './repos/reference.repo';
import { createRiskRepo } from './repos/risk.repo';
import { createSettingsRepo } from './repos/settings.repo';
import { createSurfaceRepo } from './repos/surface.repo';

export function createDbApi(db: Db) {
  const repos = {
    ...createReferenceRepo(db),
    ...createQuotesRepo(db),
    ...createBarsRepo(db),
    ...createSettingsRepo(db),
    ...createBasisRepo(db),
    ...createSurfaceRepo(db),
    ...createFundingRepo(db),
    ...createMarginAlertsRepo(db),
    ...createRiskRepo(db),
  };
  return {
    ...repos,
    /** Consistent snapshot of the whole store into another file (a `.cerberus` book). */
    async backupTo(path: string): Promise<void> {
      await db.backup(path);
    },
    checkpoint(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

export type DbApi = ReturnType<typeof createDbApi>;
