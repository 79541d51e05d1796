/**
 * The mark ladder as a chart: margin ratio (log scale) against a move of every mark, over the
 * band zones, with "now" and the liquidating moves marked. SVG, no chart library needed.
 */
import { fmtMove } from './margin-format';
import type { MarginAccount } from './margin.store';

const W = 560;
const H = 220;
const L = 46;
const R = 22;
const T = 10;
const B = 26;
const LO = 0.8;

const BANDS = [
  { from: LO, to: 1, cls: 'zone-liq' },
  { from: 1, to: 1.2, cls: 'zone-danger' },
  { from: 1.2, to: 1.5, cls: 'zone-warn' },
];

export function LadderChart({ account }: { account: MarginAccount }) {
  const rows = account.ladder;
  const first = rows[0]?.shock ?? -0.3;
  const last = rows.at(-1)?.shock ?? 0.3;
  const ratios = rows.map((r) =>
    r.marginBalance <= 0 || r.marginRatio === null ? LO : r.marginRatio,
  );
  // Capped at 4000% so the bands near liquidation keep their room.
  const hi = Math.min(40, Math.max(3, ...ratios) * 1.3);
  const x = (s: number) => L + ((s - first) / (last - first)) * (W - L - R);
  const y = (r: number) => {
    const c = Math.min(hi, Math.max(LO, r));
    return T + (1 - Math.log(c / LO) / Math.log(hi / LO)) * (H - T - B);
  };
  const path = rows
    .map(
      (r, i) => `${i === 0 ? 'M' : 'L'} ${x(r.shock).toFixed(1)} ${y(ratios[i] ?? LO).toFixed(1)}`,
    )
    .join(' ');
  const yTicks = [1, 1.5, 3, 10, 30, 100].filter((t) => t <= hi);
  const xTicks = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3].filter(
    (t) => t >= first - 1e-9 && t <= last + 1e-9,
  );
  const liq = [account.liquidationShockDown, account.liquidationShockUp].filter(
    (s): s is number => s !== null && s >= first && s <= last,
  );
  const now = rows.find((r) => r.shock === 0);
  return (
    <svg
      className="ladder-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Margin ratio against a move of every mark"
      data-testid={`ladder-chart-${account.accountId}`}
    >
      {BANDS.map((b) => (
        <rect
          key={b.cls}
          className={b.cls}
          x={L}
          width={W - L - R}
          y={y(b.to)}
          height={Math.max(0, y(b.from) - y(b.to))}
        />
      ))}
      <rect className="zone-safe" x={L} width={W - L - R} y={T} height={Math.max(0, y(1.5) - T)} />
      {yTicks.map((t) => (
        <g key={t}>
          <line className="grid-line" x1={L} x2={W - R} y1={y(t)} y2={y(t)} />
          <text className="axis" x={L - 5} y={y(t) + 3} textAnchor="end">
            {`${Math.round(t * 100)}%`}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={t} className="axis" x={x(t)} y={H - 8} textAnchor="middle">
          {t === 0 ? 'now' : fmtMove(t, 0)}
        </text>
      ))}
      <line className="now-line" x1={x(0)} x2={x(0)} y1={T} y2={H - B} />
      {liq.map((s) => (
        <g key={s}>
          <line className="liq-line" x1={x(s)} x2={x(s)} y1={T} y2={H - B} />
          <text
            className="liq-text"
            x={x(s) + (s > 0 ? 4 : -4)}
            y={T + 12}
            textAnchor={s > 0 ? 'start' : 'end'}
          >
            {`liquidation ${fmtMove(s)}`}
          </text>
        </g>
      ))}
      <path className="ratio-line" d={path} />
      {now && now.marginRatio !== null ? (
        <circle className="now-dot" cx={x(0)} cy={y(now.marginRatio)} r={4} />
      ) : null}
    </svg>
  );
}
