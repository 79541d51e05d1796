/**
 * "What would this trade do to margin?": a ticket (account, perp, side, size, leverage, optional
 * limit price) checked by main against the account as the venue would book it. Nothing is sent
 * to a venue: Cerberus is read-only.
 */
import { useEffect } from 'react';
import { fmtPrice } from '../../ui/format';
import './trade-ticket.css';
import { TradeCompare } from './trade-compare';
import type { MarginAccount } from './margin.store';
import {
  refreshPreview,
  selectAccount,
  selectInstrument,
  setField,
  startTicketFeed,
  useTicketStore,
} from './ticket.store';

const PREVIEW_EVERY_MS = 3000;

export function TradeTicket({ accounts }: { accounts: MarginAccount[] }) {
  const s = useTicketStore();
  const first = accounts[0]?.accountId;
  useEffect(() => startTicketFeed(), []);
  useEffect(() => {
    if (!s.accountId && first) void selectAccount(first);
  }, [s.accountId, first]);
  useEffect(() => {
    // Marks move: the preview follows them.
    const t = setInterval(() => void refreshPreview(), PREVIEW_EVERY_MS);
    return () => clearInterval(t);
  }, []);
  const inst = s.instruments?.instruments.find((i) => i.instrumentId === s.instrumentId);
  const unit =
    inst === undefined
      ? ''
      : inst.settlement === 'inverse'
        ? `x ${inst.contractSize} USD`
        : `x ${inst.contractSize} ${inst.underlying}`;
  return (
    <section className="panel trade-ticket" data-testid="trade-ticket">
      <header className="panel-head">
        <h2>Trade ticket: what a trade does to margin</h2>
        <span className="muted small">
          checked against the account as the venue books it; nothing is sent to the venue
        </span>
      </header>
      <div className="ticket-form">
        <label>
          <span className="field-label">Account</span>
          <select
            value={s.accountId ?? ''}
            onChange={(e) => void selectAccount(e.target.value)}
            data-testid="ticket-account"
          >
            {accounts.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">Perpetual</span>
          <select
            value={s.instrumentId ?? ''}
            onChange={(e) => selectInstrument(e.target.value)}
            data-testid="ticket-instrument"
          >
            {(s.instruments?.instruments ?? []).map((i) => (
              <option key={i.instrumentId} value={i.instrumentId}>
                {i.symbol}
                {i.heldContracts !== 0
                  ? ` (held ${i.heldContracts > 0 ? '+' : ''}${i.heldContracts.toLocaleString('en-US')})`
                  : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="seg side-seg">
          <button
            className={s.side === 'buy' ? 'on buy' : ''}
            onClick={() => setField({ side: 'buy' })}
            data-testid="ticket-buy"
          >
            Buy / long
          </button>
          <button
            className={s.side === 'sell' ? 'on sell' : ''}
            onClick={() => setField({ side: 'sell' })}
            data-testid="ticket-sell"
          >
            Sell / short
          </button>
        </div>
        <label>
          <span className="field-label">
            Size <em>contracts {unit}</em>
          </span>
          <input
            value={s.size}
            inputMode="decimal"
            onChange={(e) => setField({ size: e.target.value })}
            data-testid="ticket-size"
          />
        </label>
        <label>
          <span className="field-label">Leverage</span>
          <input
            value={s.leverage}
            inputMode="decimal"
            onChange={(e) => setField({ leverage: e.target.value })}
            data-testid="ticket-leverage"
          />
        </label>
        <label>
          <span className="field-label">
            Limit price <em>optional; mark {fmtPrice(inst?.markPrice ?? undefined)}</em>
          </span>
          <input
            value={s.limit}
            inputMode="decimal"
            placeholder="market"
            onChange={(e) => setField({ limit: e.target.value })}
            data-testid="ticket-limit"
          />
        </label>
      </div>
      {s.error ? <div className="error small">{s.error}</div> : null}
      {s.preview ? <TradeCompare preview={s.preview} /> : null}
    </section>
  );
}
