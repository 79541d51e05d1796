/**
 * Record a new 8-K purchase: date, BTC bought, total holdings after it, and optionally the average
 * cost and the new share count, debt, preferreds and cash. Checked here with the contract's own
 * schema and the service's rules (same messages, shown under each field), then by main again.
 */
import { useState, type FormEvent } from 'react';
import { purchaseInputSchema } from '../../../shared/contract/features/basis.api';
import { checkPurchase, type PurchaseField } from '../../../shared/quant/basis/purchase-rules';
import { fmtNumber } from '../../ui/format';
import { isoDay } from './basis-format';
import { recordPurchase, type BasisHoldings, type PurchaseRequest } from './basis.store';

type Field = PurchaseField | 'note';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field | 'form', string>>;

const FIELDS: {
  id: Field;
  label: string;
  hint: string;
  optional: boolean;
  kind: 'date' | 'number' | 'text';
}[] = [
  { id: 'date', label: 'Date (UTC)', hint: '', optional: false, kind: 'date' },
  {
    id: 'btcBought',
    label: 'BTC bought',
    hint: 'negative for a sale',
    optional: false,
    kind: 'number',
  },
  { id: 'btcHoldings', label: 'Total BTC held after', hint: '', optional: false, kind: 'number' },
  {
    id: 'avgCostUsd',
    label: 'Avg cost',
    hint: 'USD per BTC',
    optional: true,
    kind: 'number',
  },
  {
    id: 'sharesOutstanding',
    label: 'Shares',
    hint: 'split-adjusted count',
    optional: true,
    kind: 'number',
  },
  {
    id: 'debtUsd',
    label: 'Debt (USD)',
    hint: 'total after',
    optional: true,
    kind: 'number',
  },
  {
    id: 'preferredUsd',
    label: 'Preferreds (USD)',
    hint: 'total after',
    optional: true,
    kind: 'number',
  },
  {
    id: 'cashUsd',
    label: 'Cash (USD)',
    hint: 'total after',
    optional: true,
    kind: 'number',
  },
  {
    id: 'note',
    label: 'Note',
    hint: 'e.g. the 8-K reference',
    optional: true,
    kind: 'text',
  },
];

const todayIso = () => new Date().toISOString().slice(0, 10);
const blank = (): Values => ({
  date: todayIso(),
  btcBought: '',
  btcHoldings: '',
  avgCostUsd: '',
  sharesOutstanding: '',
  debtUsd: '',
  preferredUsd: '',
  cashUsd: '',
  note: '',
});

function toNumber(text: string): number {
  const t = text.replace(/[,\s_]/g, '');
  return t === '' ? Number.NaN : Number(t);
}

function toRequest(v: Values): PurchaseRequest {
  const opt = (text: string) => (text.trim() === '' ? undefined : toNumber(text));
  const req: PurchaseRequest = {
    date: v.date.trim(),
    btcBought: toNumber(v.btcBought),
    btcHoldings: toNumber(v.btcHoldings),
  };
  const extra = {
    avgCostUsd: opt(v.avgCostUsd),
    sharesOutstanding: opt(v.sharesOutstanding),
    debtUsd: opt(v.debtUsd),
    preferredUsd: opt(v.preferredUsd),
    cashUsd: opt(v.cashUsd),
    note: v.note.trim() === '' ? undefined : v.note.trim(),
  };
  for (const [k, x] of Object.entries(extra)) if (x !== undefined) Object.assign(req, { [k]: x });
  return req;
}

function validate(req: PurchaseRequest, holdings: BasisHoldings | undefined): Errors {
  const errors: Errors = {};
  const parsed = purchaseInputSchema.safeParse(req);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? 'form') as Field | 'form';
      const value = (req as Record<string, unknown>)[f];
      errors[f] ??= Number.isNaN(value) ? 'enter a number' : issue.message;
    }
  }
  // The service's own rules too (dates, totals), so every problem shows at once.
  const check = checkPurchase(req, {
    nowMs: Date.now(),
    lastRecordedDayMs: holdings?.lastRecordedDayMs ?? null,
    before: undefined,
    purchaseDaysMs: [],
  });
  for (const e of check.errors) errors[e.field] ??= e.message;
  return errors;
}

/** "basis.recordPurchase: date: ...; btcHoldings: ..." -> per-field messages. */
function serverErrors(message: string): Errors {
  const errors: Errors = {};
  const body = message.replace(/^basis\.recordPurchase: /, '');
  for (const part of body.split('; ')) {
    const m = /^(\w+): (.*)$/.exec(part);
    const f = m?.[1] as Field | undefined;
    if (m && f && FIELDS.some((x) => x.id === f)) errors[f] ??= m[2] ?? part;
    else errors.form = errors.form ? `${errors.form}; ${part}` : part;
  }
  return errors;
}

export function PurchaseForm({ holdings }: { holdings: BasisHoldings | undefined }) {
  const [values, setValues] = useState<Values>(blank);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const current = holdings?.current;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const req = toRequest(values);
    const found = validate(req, holdings);
    setErrors(found);
    setNotice([]);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const warnings = await recordPurchase(req);
      setNotice([`Recorded: ${fmtNumber(req.btcHoldings, 0)} BTC from ${req.date}.`, ...warnings]);
      setValues(blank());
    } catch (err) {
      setErrors(serverErrors(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" data-testid="basis-purchase-form">
      <header className="panel-head">
        <h2>Record an 8-K purchase</h2>
        <span className="muted">
          {current
            ? `now ${fmtNumber(current.btcHoldings, 0)} BTC · ${fmtNumber(current.sharesOutstanding / 1e6, 1)}M shares (as of ${isoDay(current.asOfDayMs)})`
            : ''}
        </span>
      </header>
      <form className="purchase-form" onSubmit={(e) => void submit(e)} noValidate>
        {FIELDS.map((f) => (
          <label
            key={f.id}
            className={`field ${f.id === 'note' ? 'wide' : ''} ${errors[f.id] ? 'has-error' : ''}`}
          >
            <span className="field-label">
              {f.label}
              {f.optional ? <em> (optional)</em> : null}
            </span>
            <input
              type={f.kind === 'date' ? 'date' : 'text'}
              inputMode={f.kind === 'number' ? 'decimal' : undefined}
              value={values[f.id]}
              placeholder={
                f.id === 'btcHoldings' && current ? fmtNumber(current.btcHoldings, 0) : ''
              }
              onChange={(e) => setValues((v) => ({ ...v, [f.id]: e.target.value }))}
              data-testid={`purchase-${f.id}`}
              aria-invalid={errors[f.id] ? true : undefined}
            />
            {errors[f.id] ? (
              <span className="field-error" data-testid={`purchase-error-${f.id}`}>
                {errors[f.id]}
              </span>
            ) : null}
          </label>
        ))}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="purchase-submit">
            {busy ? 'Recording…' : 'Record purchase'}
          </button>
          {errors.form ? (
            <span className="field-error" data-testid="purchase-error-form">
              {errors.form}
            </span>
          ) : null}
          {notice.map((n, i) => (
            <span
              key={i}
              className={i === 0 ? 'pos' : 'warn'}
              data-testid={i === 0 ? 'purchase-ok' : undefined}
            >
              {n}
            </span>
          ))}
        </div>
        <div className="footnote wide">
          Purchases apply from their date on: holdings (and any share, debt, preferred or cash
          figure given) replace the record from that day. Dates must be after the imported company
          record ({isoDay(holdings?.lastRecordedDayMs)}) and not in the future. Every purchase is
          kept in the audit log.
        </div>
      </form>
    </section>
  );
}
