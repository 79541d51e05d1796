/** Inputs and results of the American option API (units as in shared/quant/pricing/types.ts). */
import type { AloScheme } from './alo-scheme';
import type { TreeKind } from './binomial-tree';
import type { BsmInput, Greeks } from '../pricing/types';

/** A discrete cash dividend: paid at `tYears` from now (ACT/365), `amount` per share. */
export interface CashDividend {
  tYears: number;
  amount: number;
}

/** BSM inputs plus optional discrete cash dividends (escrowed model, see escrowed-dividends.ts). */
export interface AmericanInput extends BsmInput {
  dividends?: readonly CashDividend[];
}

/** 'bs2002': Bjerksund-Stensland 2002 (fast, a lower bound); 'accurate': ALO; 'tree': binomial. */
export type AmericanMethod = 'bs2002' | 'accurate' | 'tree';

export interface AmericanOptions {
  /** Tree steps for method 'tree' (default 1001). */
  treeSteps?: number;
  /** Tree kind for method 'tree' (default 'lr', Leisen-Reimer). */
  treeKind?: TreeKind;
  /** ALO scheme for method 'accurate' (default: chosen per option, see alo-american.ts). */
  scheme?: AloScheme;
}

/**
 * American Greeks: the first- and second-order ones of `Greeks`, by finite differences (or from
 * the tree nodes). Third-order and cross Greeks are not provided for American options.
 */
export type AmericanGreeks = Pick<
  Greeks,
  'price' | 'delta' | 'gamma' | 'vega' | 'theta' | 'rho' | 'phi'
>;
