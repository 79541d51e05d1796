/** American options: pricing (BS2002, ALO, trees), Greeks, implied vol, discrete dividends. */
export type {
  AmericanGreeks,
  AmericanInput,
  AmericanMethod,
  AmericanOptions,
  CashDividend,
} from './american-types';
export { priceAmerican } from './price-american';
export { americanGreeks } from './american-greeks';
export {
  americanImpliedVol,
  type AmericanImpliedVolInput,
  type AmericanImpliedVolOptions,
} from './american-implied-vol';
export { americanBs2002Price } from './bjerksund-stensland-2002';
export { americanBs2002Batch } from './bs2002-batch';
export { americanAccurateBatch } from './alo-batch';
export {
  binomialTree,
  leisenReimerExtrapolated,
  type TreeKind,
  type TreeResult,
  type TreeSpec,
} from './binomial-tree';
export {
  ALO_REFERENCE_SCHEME,
  ALO_ROBUST_SCHEME,
  ALO_STANDARD_SCHEME,
  americanAccuratePrice,
  chooseAloScheme,
} from './alo-american';
export { makeAloScheme, type AloScheme, type AloSchemeSpec } from './alo-scheme';
export {
  aloBoundaryAt,
  aloPutBoundary,
  createAloWorkspace,
  type AloPutBoundary,
  type AloWorkspace,
} from './alo-engine';
export { ALO_LEVEL_SCHEMES } from './alo-levels';
export { aloPutPrice } from './alo-price';
export { dividendsPresentValue, escrowedSpot } from './escrowed-dividends';
