/** One margin account: gauge and balances, positions with liquidation prices, ladder, probability. */
import { RatioGauge } from '../../ui/ratio-gauge';
import { LiquidationTable } from './liquidation-table';
import { Ladder } from './ladder';
import { LadderChart } from './ladder-chart';
import { fmtCcy, fmtMove, fmtRatio } from './margin-format';
import type { MarginAccount } from './margin.store';
import { ProbabilityPanel } from './probability-panel';
import { PortfolioMarginCard } from './portfolio-margin';

function Fact({ label, value, tone = '' }: { label: string; value: string; tone?: string }) {
  return (
    <div className="fact">
      <span className="muted">{label}</span>
      <span className={`num ${tone}`}>{value}</span>
    </div>
  );
}

export function AccountSection({
  account,
  switchable,
}: {
  account: MarginAccount;
  switchable: boolean;
}) {
  const c = account.currency;
  const venuePct =
    account.venueRatio === null ? '\u2014' : `${(account.venueRatio * 100).toFixed(2)}%`;
  const liqMoves = [account.liquidationShockDown, account.liquidationShockUp]
    .filter((x): x is number => x !== null)
    .map((x) => fmtMove(x))
    .join(' / ');
  return (
    <section
      className={`panel margin-account level-${account.level}`}
      data-testid={`margin-account-${account.accountId}`}
    >
      <header className="panel-head">
        <h2>
          {account.name}
          <span className="muted small">
            {' '}
            &middot; {account.currency} &middot; {account.contractType} &middot;{' '}
            {account.portfolioMargin ? 'portfolio margin' : 'cross margin'}
          </span>
        </h2>
        <span className="muted small">
          Cerberus ratio = margin balance / maintenance; liquidation at 100%
        </span>
      </header>
      <div className="margin-top">
        <div className="margin-gauge-card">
          <RatioGauge
            ratio={account.marginRatio}
            level={account.level}
            detail={`venue: ${venuePct} (maint./balance)`}
            testId={`gauge-${account.accountId}`}
          />
          <div className="facts">
            <Fact label="Wallet" value={fmtCcy(account.walletBalance, c)} />
            <Fact
              label="Unrealised P&L"
              value={fmtCcy(account.unrealisedPnl, c)}
              tone={account.unrealisedPnl >= 0 ? 'pos' : 'neg'}
            />
            <Fact label="Margin balance" value={fmtCcy(account.marginBalance, c)} />
            <Fact label="Maintenance" value={fmtCcy(account.maintenanceMargin, c)} />
            <Fact label="Initial margin" value={fmtCcy(account.initialMargin, c)} />
            <Fact
              label="Deposit to 150%"
              value={account.depositToSafe > 0 ? fmtCcy(account.depositToSafe, c) : 'none needed'}
              tone={account.depositToSafe > 0 ? 'warn' : ''}
            />
            <Fact
              label="Liquidating move"
              value={liqMoves || 'none within -99%..+500%'}
              tone="strong"
            />
            <Fact label="Ratio" value={fmtRatio(account.marginRatio)} />
          </div>
          {switchable || account.portfolioMargin ? (
            <PortfolioMarginCard account={account} switchable={switchable} />
          ) : null}
        </div>
        <div className="margin-main">
          <LiquidationTable account={account} />
          <div className="margin-lower">
            <div>
              <h3 className="sub">Liquidation probability</h3>
              <ProbabilityPanel account={account} />
            </div>
            <div>
              <h3 className="sub">Margin ratio if every mark moves</h3>
              <LadderChart account={account} />
            </div>
          </div>
        </div>
      </div>
      <details className="ladder-wrap">
        <summary>Mark ladder table</summary>
        <Ladder account={account} />
      </details>
      {account.notes.length > 0 ? (
        <div className="footnote">{account.notes.join(' \u00b7 ')}</div>
      ) : null}
    </section>
  );
}
