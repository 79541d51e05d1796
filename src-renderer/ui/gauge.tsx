/**
 * A semicircular gauge for a signed risk measure against its limit: green inside the warning
 * band, amber up to the limit, red beyond. The needle is clamped to the dial; the status text
 * says when the limit is breached.
 */
import { limitStatus, type RiskLimit } from '../../shared/domain/limits';

interface GaugeProps {
  label: string;
  value: number;
  limit: RiskLimit | undefined;
  format: (x: number) => string;
  testId?: string;
}

const CX = 100;
const CY = 100;
const R = 80;

function point(fraction: number, radius: number): [number, number] {
  const theta = Math.PI * (1 - fraction);
  return [CX + radius * Math.cos(theta), CY - radius * Math.sin(theta)];
}

function arc(from: number, to: number): string {
  const [x0, y0] = point(from, R);
  const [x1, y1] = point(to, R);
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${R} ${R} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

export function Gauge({ label, value, limit, format, testId }: GaugeProps) {
  const safe = Number.isFinite(value) ? value : 0;
  const lim = limit?.limit ?? Math.max(Math.abs(safe) * 1.5, 1);
  const warn = limit?.warnFraction ?? 0.8;
  const status = limit ? limitStatus(safe, limit) : 'ok';
  const fraction = Math.min(1, Math.max(0, (safe + lim) / (2 * lim)));
  const [nx, ny] = point(fraction, R - 14);
  const lo = (1 - warn) / 2;
  const hi = 1 - lo;
  const usage = Math.abs(safe) / lim;
  return (
    <figure className={`gauge gauge-${status}`} data-testid={testId} data-value={safe}>
      <svg viewBox="0 0 200 118" role="img" aria-label={`${label}: ${format(safe)}`}>
        <path d={arc(0, 0.001)} className="band band-red" />
        <path d={arc(0, lo)} className="band band-amber" />
        <path d={arc(lo, hi)} className="band band-green" />
        <path d={arc(hi, 1)} className="band band-amber" />
        <line x1={CX} y1={CY} x2={nx} y2={ny} className="needle" />
        <circle cx={CX} cy={CY} r={5} className="hub" />
        <text x={18} y={114} className="tick">
          {format(-lim)}
        </text>
        <text x={182} y={114} className="tick" textAnchor="end">
          {format(lim)}
        </text>
      </svg>
      <figcaption>
        <span className="gauge-label">{label}</span>
        <span className="gauge-value">{format(safe)}</span>
        <span className="gauge-usage">
          {limit
            ? `${(usage * 100).toFixed(0)}% of limit${status === 'breach' ? ' \u2014 BREACH' : ''}`
            : 'no limit set'}
        </span>
      </figcaption>
    </figure>
  );
}
