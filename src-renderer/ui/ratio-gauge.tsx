/**
 * A margin-ratio dial (balance / maintenance, 100% = liquidation) on a log scale from 90% to
 * 3000%, so the bands near liquidation get room: liquidation <= 100%, danger <= 120%, warning
 * <= 150%, safe above. The needle is clamped to the dial; the caption says the level.
 */
const CX = 110;
const CY = 104;
const R = 86;
const MIN = 0.9;
const MAX = 30;
const TICKS = [1, 1.2, 1.5, 3, 10, 30];

export type MarginBand = 'safe' | 'warning' | 'danger' | 'liquidation';

interface Props {
  ratio: number | null;
  level: MarginBand;
  label?: string;
  detail?: string;
  testId?: string;
  /** Ratio at which the venue liquidates (1 by default; Binance uniMMR: 1.05). */
  liquidationAt?: number;
}

function fraction(ratio: number): number {
  const r = Math.min(MAX, Math.max(MIN, ratio));
  return Math.log(r / MIN) / Math.log(MAX / MIN);
}

function point(f: number, radius: number): [number, number] {
  const theta = Math.PI * (1 - f);
  return [CX + radius * Math.cos(theta), CY - radius * Math.sin(theta)];
}

function arc(from: number, to: number): string {
  const [x0, y0] = point(fraction(from), R);
  const [x1, y1] = point(fraction(to), R);
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${R} ${R} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

export function RatioGauge({
  ratio,
  level,
  label = 'Margin ratio',
  detail,
  testId,
  liquidationAt = 1,
}: Props) {
  const value = ratio !== null && Number.isFinite(ratio) ? ratio : MAX;
  const [nx, ny] = point(fraction(value), R - 18);
  const text = ratio === null ? 'no maintenance' : `${(ratio * 100).toFixed(0)}%`;
  return (
    <figure
      className={`ratio-gauge level-${level}`}
      data-testid={testId}
      data-value={value}
      data-level={level}
    >
      <svg viewBox="-14 -6 248 130" role="img" aria-label={`${label}: ${text}, ${level}`}>
        <path d={arc(MIN, liquidationAt)} className="band band-liq" />
        <path d={arc(liquidationAt, 1.2)} className="band band-danger" />
        <path d={arc(1.2, 1.5)} className="band band-warn" />
        <path d={arc(1.5, MAX)} className="band band-safe" />
        {TICKS.map((t) => {
          const [x0, y0] = point(fraction(t), R - 9);
          const [x1, y1] = point(fraction(t), R + 9);
          const [tx, ty] = point(fraction(t), R + 17);
          return (
            <g key={t}>
              <line x1={x0} y1={y0} x2={x1} y2={y1} className="tick-line" />
              <text x={tx} y={ty + 3} className="tick" textAnchor="middle">
                {pct(t)}
              </text>
            </g>
          );
        })}
        <line x1={CX} y1={CY} x2={nx} y2={ny} className="needle" />
        <circle cx={CX} cy={CY} r={5} className="hub" />
      </svg>
      <figcaption>
        <span className="gauge-label">{label}</span>
        <span className="gauge-value">{text}</span>
        <span className={`level-badge level-${level}`}>{level}</span>
        {detail ? <span className="gauge-usage">{detail}</span> : null}
      </figcaption>
    </figure>
  );
}
