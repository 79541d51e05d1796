/**
 * The carry term structure of one underlying: each venue's dated futures as annualised basis
 * against days to expiry (points joined per venue), and each perpetual's annualised funding as a
 * flat line (predicted solid, 30-day average dashed): where the curves sit apart is the
 * perp-vs-future carry trade.
 */
import { fmtAnnual, venueLabel, VENUE_COLOR } from './funding-format';
import type { FundingBoard, FundingRow } from './funding.store';

type FutureRow = FundingBoard['futures'][number];

const W = 560;
const H = 220;
const PAD = { l: 48, r: 16, t: 12, b: 28 };

interface Props {
  futures: FutureRow[];
  perps: FundingRow[];
}

export function CarryChart({ futures, perps }: Props) {
  const perpRates = perps.flatMap((p) =>
    [p.predictedAnnualised, p.stats?.last30dAnnualised ?? null].filter(
      (x): x is number => x !== null && Number.isFinite(x),
    ),
  );
  const values = [...futures.map((f) => f.annualisedSimple), ...perpRates, 0];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const span = Math.max(hi - lo, 0.02);
  lo -= span * 0.1;
  hi += span * 0.1;
  const maxDays = Math.max(30, ...futures.map((f) => f.daysToExpiry)) * 1.05;
  const x = (d: number) => PAD.l + (d / maxDays) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + ((hi - v) / (hi - lo)) * (H - PAD.t - PAD.b);
  const venues = [...new Set(futures.map((f) => f.venue))];
  const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  const dayTicks = [0, 30, 90, 180, 270, 365].filter((d) => d <= maxDays);
  return (
    <svg
      className="carry-chart"
      viewBox={`0 0 ${W} ${H}`}
      data-testid="carry-chart"
      data-points={futures.length}
      role="img"
      aria-label="annualised futures basis and perpetual funding against days to expiry"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} className="grid" />
          <text x={PAD.l - 6} y={y(t) + 3} textAnchor="end" className="axis">
            {fmtAnnual(t)}
          </text>
        </g>
      ))}
      {dayTicks.map((d) => (
        <text key={d} x={x(d)} y={H - 8} textAnchor="middle" className="axis">
          {d}d
        </text>
      ))}
      {perps.map((p) => {
        const color = VENUE_COLOR[p.venue] ?? '#888';
        const rows: { v: number | null | undefined; dash: string; tag: string }[] = [
          { v: p.predictedAnnualised, dash: '', tag: 'pred.' },
          { v: p.stats?.last30dAnnualised, dash: '5 4', tag: '30d' },
        ];
        return rows.map((r) =>
          r.v === null || r.v === undefined || !Number.isFinite(r.v) ? null : (
            <line
              key={`${p.instrumentId}-${r.tag}`}
              x1={PAD.l}
              x2={W - PAD.r}
              y1={y(r.v)}
              y2={y(r.v)}
              stroke={color}
              strokeDasharray={r.dash}
              strokeOpacity={0.75}
              className="perp-line"
            >
              <title>{`${venueLabel(p.venue)} ${p.symbol} funding (${r.tag}): ${fmtAnnual(r.v)} a year`}</title>
            </line>
          ),
        );
      })}
      {venues.map((v) => {
        const pts = futures
          .filter((f) => f.venue === v)
          .sort((a, b) => a.daysToExpiry - b.daysToExpiry);
        const color = VENUE_COLOR[v] ?? '#888';
        const d = pts
          .map(
            (f, i) =>
              `${i ? 'L' : 'M'} ${x(f.daysToExpiry).toFixed(1)} ${y(f.annualisedSimple).toFixed(1)}`,
          )
          .join(' ');
        return (
          <g key={v}>
            <path d={d} stroke={color} fill="none" strokeWidth={2} className="future-line" />
            {pts.map((f) => (
              <circle
                key={f.instrumentId}
                cx={x(f.daysToExpiry)}
                cy={y(f.annualisedSimple)}
                r={4}
                fill={color}
              >
                <title>{`${f.symbol}: ${fmtAnnual(f.annualisedSimple)} a year, ${f.daysToExpiry.toFixed(1)} days`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
