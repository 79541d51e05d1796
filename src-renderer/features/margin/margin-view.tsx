/**
 * Margin & liquidation: each derivatives account's margin ratio against the bands, liquidation
 * prices (Cerberus' and the venue's), distance and probability, a ladder of mark moves, and band
 * alerts with acknowledgement.
 */
import { useEffect } from 'react';
import { AccountSection } from './account-section';
import { MarginAlertsPanel } from './alerts-panel';
import { startMarginFeed, useMarginStore } from './margin.store';
import { TradeTicket } from './trade-ticket';

export function MarginView() {
  const report = useMarginStore((s) => s.report);
  const error = useMarginStore((s) => s.error);
  useEffect(() => startMarginFeed(), []);
  if (!report) {
    return error ? (
      <div className="error">{error}</div>
    ) : (
      <div className="loading">Evaluating margin{'\u2026'}</div>
    );
  }
  return (
    <div className="margin">
      <MarginAlertsPanel />
      {report.accounts.length > 0 ? <TradeTicket accounts={report.accounts} /> : null}
      {report.accounts.map((a) => (
        <AccountSection
          key={a.accountId}
          account={a}
          switchable={report.switchableAccounts.includes(a.accountId)}
        />
      ))}
      {report.skipped.length > 0 ? (
        <div className="footnote">
          Not evaluated: {report.skipped.map((s) => `${s.accountId} (${s.reason})`).join('; ')}
        </div>
      ) : null}
      <div className="footnote">
        Perpetual positions only: options held on Deribit are margined too on the venue and are not
        included here. Demo accounts: the simulated venue pays funding into the wallet and the demo
        trader tops up to 300% when the ratio falls to 110%.
      </div>
    </div>
  );
}
