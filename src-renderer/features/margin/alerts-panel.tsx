/**
 * Margin band alerts, newest first, each with an Acknowledge button (persisted in main). The
 * Dashboard shows the same panel in compact form, with each account's current ratio.
 */
import { useEffect } from 'react';
import { fmtTime } from '../../ui/format';
import { fmtRatio } from './margin-format';
import { acknowledgeAlerts, startMarginFeed, useMarginStore } from './margin.store';

export function MarginAlertsPanel({ compact = false }: { compact?: boolean }) {
  const alerts = useMarginStore((s) => s.alerts);
  const report = useMarginStore((s) => s.report);
  useEffect(() => startMarginFeed(), []);
  const shown = compact ? alerts.slice(0, 5) : alerts;
  return (
    <section
      className={`panel alerts-panel${compact ? ' compact' : ''}`}
      data-testid="margin-alerts"
    >
      <header className="panel-head">
        <h2>
          Margin alerts{' '}
          {alerts.length > 0 ? <span className="alert-count">{alerts.length}</span> : null}
        </h2>
        {compact && report
          ? report.accounts.map((a) => (
              <a
                key={a.accountId}
                className={`ratio-chip level-${a.level}`}
                href="#/margin"
                title={a.name}
              >
                {a.name.replace(/ \(demo\)$/, '')} {fmtRatio(a.marginRatio)}
              </a>
            ))
          : null}
        {alerts.length > 1 ? (
          <button onClick={() => void acknowledgeAlerts()} data-testid="ack-all">
            Acknowledge all
          </button>
        ) : null}
      </header>
      {shown.length === 0 ? (
        <div className="muted small">
          No unacknowledged alerts. Bands: warning 150%, danger 120%, liquidation 100%.
        </div>
      ) : (
        <ul className="alert-list">
          {shown.map((a) => (
            <li
              key={a.id}
              className={`alert-item level-${a.to} ${a.direction}`}
              data-testid="margin-alert"
            >
              <span className={`level-badge level-${a.to}`}>{a.to}</span>
              <span className="alert-msg">{a.message}</span>
              <span className="muted small">{fmtTime(a.tsMs)}</span>
              <button onClick={() => void acknowledgeAlerts([a.id])}>Acknowledge</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
