/**
 * First launch: the bundled MSTR company record (`assets/data/mstr_daily_with_btc_holdings_...`)
 * goes into the store's `mstr_fundamentals`, once. Later launches find it there; the user's
 * purchases are stored separately and never overwritten.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { utcDayStartMs } from '../../../shared/domain/time';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import type { DbClient } from '../../db/db-client';
import type { MstrFundamentalsRow } from '../../db/repos/basis.repo';
import { MSTR_DAILY_FILE } from '../../venues/demo/demo-history-files';

/** The file's rows as store rows; a row without holdings cannot serve the model and is skipped. */
export function fundamentalsRowsFromCsv(text: string): MstrFundamentalsRow[] {
  const out: MstrFundamentalsRow[] = [];
  for (const r of parseMstrDailyCsv(text)) {
    if (r.btcHoldings === undefined || !(r.btcHoldings > 0)) continue;
    if (!(r.closeUsd > 0 && r.marketCapUsd > 0)) continue;
    out.push({
      dayMs: utcDayStartMs(r.dateMs),
      closeUsd: r.closeUsd,
      marketCapUsd: r.marketCapUsd,
      btcPriceUsd: r.btcPriceUsd !== undefined && r.btcPriceUsd > 0 ? r.btcPriceUsd : null,
      btcHoldings: r.btcHoldings,
      debtUsd: r.debtUsd ?? null,
      preferredUsd: r.preferredUsd ?? null,
      cashUsd: r.cashUsd ?? null,
      sourceMNav: r.sourceMNav ?? null,
    });
  }
  return out;
}

/** Imports the record when the store has none; returns the number of rows imported (0 if present). */
export async function ensureMstrFundamentals(
  db: DbClient,
  assetsDir: string,
  nowMs: number,
): Promise<number> {
  if ((await db.countMstrFundamentals()) > 0) return 0;
  const text = await readFile(join(assetsDir, 'data', MSTR_DAILY_FILE), 'utf8');
  const rows = fundamentalsRowsFromCsv(text);
  return db.importMstrFundamentals(rows, `assets/data/${MSTR_DAILY_FILE}`, 'system', nowMs);
}
