/**
 * Balance-sheet metrics of one day:
 *   BTC NAV            = BTC holdings x BTC price
 *   shares outstanding = the source's share count, else market cap / close (the shipped file has no
 *                        share column; its closes are split-adjusted, so the ratio is continuous)
 *   BTC NAV per share  = BTC NAV / shares;  BTC per share = holdings / shares
 *   mNAV               = market cap / BTC NAV;  premium = mNAV - 1
 *   enterprise mNAV    = (market cap + debt + preferreds - cash) / BTC NAV
 * Enterprise mNAV needs a known debt figure; unknown preferreds count as 0 (none were issued before
 * 2025) and unknown cash as 0 (flagged), which overstates enterprise mNAV by cash / BTC NAV.
 * Note: the shipped file's own `m_nav` column is Strategy's enterprise-value definition, so it is
 * `enterpriseMNav` here, not `mNav`.
 */
import type { AlignedBasisDay } from './align';

export interface NavMetrics {
  btcNavUsd: number;
  sharesOutstanding: number;
  btcNavPerShareUsd: number;
  btcPerShare: number;
  mNav: number;
  premium: number;
  enterpriseValueUsd: number | undefined;
  enterpriseMNav: number | undefined;
  /** Enterprise value computed without a cash figure. */
  cashAssumedZero: boolean;
}

export function navMetrics(day: AlignedBasisDay): NavMetrics {
  const btcNavUsd = day.btcHoldings * day.btcPriceUsd;
  const mNav = day.marketCapUsd / btcNavUsd;
  const enterpriseValueUsd =
    day.debtUsd !== undefined
      ? day.marketCapUsd + day.debtUsd + (day.preferredUsd ?? 0) - (day.cashUsd ?? 0)
      : undefined;
  return {
    btcNavUsd,
    sharesOutstanding: day.sharesOutstanding,
    btcNavPerShareUsd: btcNavUsd / day.sharesOutstanding,
    btcPerShare: day.btcHoldings / day.sharesOutstanding,
    mNav,
    premium: mNav - 1,
    enterpriseValueUsd,
    enterpriseMNav: enterpriseValueUsd !== undefined ? enterpriseValueUsd / btcNavUsd : undefined,
    cashAssumedZero: enterpriseValueUsd !== undefined && day.cashUsd === undefined,
  };
}
