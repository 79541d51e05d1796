/**
 * The 0-100 basis risk score (blueprint weights): a dial, the four components against their
 * caps, and every warning the model raised (thresholds |z| > 2, leverage > 2, tail > 0.3, and
 * the data and test caveats).
 */
import { fmtNumber } from '../../ui/format';
import type { BasisReport } from './basis.store';

const COMPONENTS: { key: keyof BasisReport['riskScoreComponents']; label: string; max: number }[] =
  [
    { key: 'premiumDeviation', label: 'Premium deviation |z|', max: 30 },
    { key: 'leverage', label: 'Implied leverage', max: 30 },
    { key: 'tailDependence', label: 'Tail dependence', max: 20 },
    { key: 'betaInstability', label: 'Beta instability', max: 20 },
  ];

function band(score: number): 'low' | 'elevated' | 'high' {
  return score >= 70 ? 'high' : score >= 40 ? 'elevated' : 'low';
}

const R = 52;
const C = 2 * Math.PI * R;

export function RiskScoreCard({ report }: { report: BasisReport }) {
  const score = Number.isFinite(report.riskScore) ? report.riskScore : 0;
  const level = band(score);
  const riskWarnings = report.warnings.filter((w) => w.code.startsWith('risk.'));
  const otherWarnings = report.warnings.filter((w) => !w.code.startsWith('risk.'));
  return (
    <section className="panel risk-card" data-testid="basis-risk-card">
      <header className="panel-head">
        <h2>Basis risk score</h2>
        <span className={`pill pill-${level}`}>{level}</span>
      </header>
      <div className="risk-top">
        <svg
          viewBox="0 0 130 130"
          className={`risk-dial risk-${level}`}
          role="img"
          aria-label={`risk score ${fmtNumber(score, 1)} of 100`}
        >
          <circle cx="65" cy="65" r={R} className="dial-track" />
          <circle
            cx="65"
            cy="65"
            r={R}
            className="dial-value"
            strokeDasharray={`${(C * score) / 100} ${C}`}
            transform="rotate(-90 65 65)"
          />
          <text
            x="65"
            y="70"
            textAnchor="middle"
            className="dial-text"
            data-testid="basis-risk-score"
            data-value={score}
          >
            {fmtNumber(score, 1)}
          </text>
          <text x="65" y="88" textAnchor="middle" className="dial-sub">
            of 100
          </text>
        </svg>
        <div className="risk-components">
          {COMPONENTS.map((c) => {
            const v = report.riskScoreComponents[c.key];
            return (
              <div key={c.key} className="risk-comp">
                <div className="risk-comp-label">
                  <span>{c.label}</span>
                  <span className="num">
                    {v === null ? 'n/a' : `${fmtNumber(v, 1)} / ${c.max}`}
                  </span>
                </div>
                <div className="bar">
                  <span
                    style={{ width: `${v === null ? 0 : Math.min(100, (v / c.max) * 100)}%` }}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <ul className="warnings" data-testid="basis-warnings">
        {riskWarnings.length === 0 ? <li className="ok-line">No risk threshold crossed</li> : null}
        {riskWarnings.map((w, i) => (
          <li key={`r${i}`} className="warn-line">
            {w.message}
          </li>
        ))}
        {otherWarnings.map((w, i) => (
          <li key={`o${i}`} className="note-line">
            {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
