/**
 * MSTR holdings for the basis feature: the imported company record and the user's 8-K purchases,
 * held in memory after loading from the store. A purchase is checked (`purchase-rules.ts`: no
 * future dates, nothing inside the imported record, no negative holdings), stored with its audit
 * row, and announced so the model is recomputed with it from its date on.
 */
import { ServiceError } from '../../../shared/contract/result';
import {
  fundamentalsOn,
  holdingsChanges,
  type FundamentalsRecord,
  type FundamentalsState,
  type HoldingsChange,
  type HoldingsPurchase,
} from '../../../shared/quant/basis/holdings-timeline';
import {
  checkPurchase,
  parsePurchaseDate,
  type PurchaseInput,
} from '../../../shared/quant/basis/purchase-rules';
import type { DbClient } from '../../db/db-client';
import { ensureMstrFundamentals } from './basis-import';

/** How many holdings changes `list` returns (newest first). */
const MAX_CHANGES = 200;

export interface HoldingsList {
  lastRecordedDayMs: number | null;
  current: FundamentalsState | null;
  purchases: HoldingsPurchase[];
  changes: HoldingsChange[];
}

export class BasisHoldings {
  records: FundamentalsRecord[] = [];
  purchases: HoldingsPurchase[] = [];

  constructor(
    private readonly db: DbClient,
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  /** Imports the bundled record on first launch, then loads record and purchases. */
  async load(assetsDir: string): Promise<void> {
    try {
      const n = await ensureMstrFundamentals(this.db, assetsDir, this.now());
      if (n > 0) console.log(`basis: imported ${n} days of the MSTR company record`);
    } catch (err) {
      console.error(
        'basis: could not import the MSTR company record:',
        err instanceof Error ? err.message : String(err),
      );
    }
    [this.records, this.purchases] = await Promise.all([
      this.db.listMstrFundamentals(),
      this.db.listMstrPurchases(),
    ]);
  }

  lastRecordedDayMs(): number | null {
    return this.records.at(-1)?.dayMs ?? null;
  }

  list(): HoldingsList {
    return {
      lastRecordedDayMs: this.lastRecordedDayMs(),
      current: fundamentalsOn(this.records, this.purchases, this.now()) ?? null,
      purchases: [...this.purchases].reverse(),
      changes: holdingsChanges(this.records, this.purchases).reverse().slice(0, MAX_CHANGES),
    };
  }

  async record(
    input: PurchaseInput,
    actor = 'user',
  ): Promise<{ purchase: HoldingsPurchase; warnings: string[] }> {
    const dayMs = parsePurchaseDate(input.date);
    const check = checkPurchase(input, {
      nowMs: this.now(),
      lastRecordedDayMs: this.lastRecordedDayMs(),
      // The state just before the purchase's day (earlier facts only).
      before: dayMs !== null ? fundamentalsOn(this.records, this.purchases, dayMs - 1) : undefined,
      purchaseDaysMs: this.purchases.map((p) => p.dayMs),
    });
    if (check.errors.length > 0 || check.dayMs === null) {
      const message = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new ServiceError('invalid-input', `basis.recordPurchase: ${message}`);
    }
    const note = input.note?.trim();
    const purchase = await this.db.recordMstrPurchase(
      {
        dayMs: check.dayMs,
        btcBought: input.btcBought,
        btcHoldings: input.btcHoldings,
        avgCostUsd: input.avgCostUsd ?? null,
        sharesOutstanding: input.sharesOutstanding ?? null,
        debtUsd: input.debtUsd ?? null,
        preferredUsd: input.preferredUsd ?? null,
        cashUsd: input.cashUsd ?? null,
        note: note ? note : null,
      },
      actor,
      this.now(),
    );
    this.purchases = await this.db.listMstrPurchases();
    this.onChange();
    return { purchase, warnings: check.warnings };
  }
}
