/**
 * Binance Portfolio Margin for an account: uniMMR on a gauge with Binance's bands (margin call
 * at 150%, reduce-only at 120%, liquidation at 105%) and, for demo accounts, the switch between
 * standard and portfolio margin.
 */
import { useState } from 'react';
import { RatioGauge, type MarginBand } from '../../ui/ratio-gauge';
import { fmtCcy } from './margin-format';
import { setMarginSystem, type MarginAccount } from './margin.store';

type Pm = NonNullable<MarginAccount['portfolioMargin']>;

const BAND_OF: Record<Pm['status'], MarginBand> = {
  normal: 'safe',
  marginCall: 'warning',
  reduceOnly: 'danger',
  liquidation: 'liquidation',
  liquidationWithLoss: 'liquidation',
};

const STATUS_TEXT: Record<Pm['status'], string> = {
  normal: 'normal',
  marginCall: 'margin call',
  reduceOnly: 'reduce-only',
  liquidation: 'liquidation',
  liquidationWithLoss: 'liquidation with loss',
};

export function PortfolioMarginCard({
  account,
  switchable,
}: {
  account: MarginAccount;
  switchable: boolean;
}) {
  const [error, setError] = useState<string | undefined>();
  const pm = account.portfolioMargin;
  const toggle = async () =>
    setError(await setMarginSystem(account.accountId, pm ? 'standard' : 'portfolio'));
  return (
    <div className="pm-card" data-testid={`pm-${account.accountId}`}>
      {switchable ? (
        <label className="pm-switch">
          <input
            type="checkbox"
            checked={pm !== null}
            onChange={() => void toggle()}
            data-testid="pm-toggle"
          />
          Binance Portfolio Margin (demo switch)
        </label>
      ) : null}
      {error ? <div className="error small">{error}</div> : null}
      {pm ? (
        <>
          <RatioGauge
            ratio={pm.uniMmr}
            level={BAND_OF[pm.status]}
            label="uniMMR"
            detail={STATUS_TEXT[pm.status]}
            liquidationAt={pm.bands.liquidation}
            testId={`unimmr-${account.accountId}`}
          />
          <div className="pm-bands">
            adjusted equity {fmtCcy(pm.adjustedEquity, account.currency)} (collateral{' '}
            {fmtCcy(pm.collateralValue, account.currency)} after haircuts) / maintenance; margin
            call &le; 150%, reduce-only &le; 120%, liquidation &le; 105%
            {pm.reduceOnly ? '; new risk-increasing orders are refused' : ''}
          </div>
        </>
      ) : null}
    </div>
  );
}
