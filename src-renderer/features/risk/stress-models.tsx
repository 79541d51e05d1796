/**
 * The stress run's pricing model: BSM at the SVI surface vols (default), or the Heston or Merton
 * model the surface feature calibrated to each underlying (picking one starts a run). Shows which
 * underlyings each model covers, the vol rule of the spot moves (sticky-strike or sticky-delta,
 * the surface setting) and the run's pricing notes; the per-model P&L columns are in the table.
 */
import type { StressJobView } from '../../../shared/quant/risk-live/risk-views';
import { PRICING_MODEL_LABELS, PRICING_MODELS } from '../../../shared/quant/risk/model-pricing';
import { runNow } from './risk.store';

const STICKY: Record<StressJobView['pricing']['stickiness'], string> = {
  'sticky-strike': 'sticky-strike (each strike keeps its vol)',
  'sticky-delta': 'sticky-delta (smile moves with the forward)',
};

export function StressPricingBar({ stress }: { stress: StressJobView }) {
  const p = stress.pricing;
  return (
    <section className="panel stress-pricing" data-testid="stress-pricing">
      <header className="panel-head">
        <h2>Pricing model</h2>
        <div className="seg" data-testid="stress-model">
          {PRICING_MODELS.map((m) => {
            const info = p.models.find((x) => x.model === m);
            return (
              <button
                key={m}
                className={p.requested === m ? 'on' : ''}
                title={
                  info && info.covered.length > 0
                    ? `${PRICING_MODEL_LABELS[m]} values ${info.covered.join(', ')}`
                    : 'no calibration yet: falls back to BSM/SVI'
                }
                onClick={() => void runNow(undefined, m)}
                data-testid={`stress-model-${m}`}
              >
                {PRICING_MODEL_LABELS[m]}
                {info && !info.available ? <span className="muted"> (n/a)</span> : null}
              </button>
            );
          })}
        </div>
        <span className="muted">
          priced with <b data-testid="stress-model-used">{PRICING_MODEL_LABELS[p.used]}</b>
          {' \u00b7 '}spot moves {STICKY[p.stickiness]}
        </span>
      </header>
      <ul className="stress-pricing-notes">
        {p.models
          .filter((m) => m.model !== 'bsm-svi')
          .map((m) => (
            <li key={m.model}>
              {PRICING_MODEL_LABELS[m.model]}:{' '}
              {m.available
                ? `calibrated for ${m.covered.join(', ')}${m.fallback.length > 0 ? `; ${m.fallback.join(', ')} on BSM/SVI` : ''}`
                : 'no calibration for the book\u2019s option underlyings yet'}
            </li>
          ))}
        {p.notes.map((n) => (
          <li key={n} className="muted">
            {n}
          </li>
        ))}
      </ul>
    </section>
  );
}
