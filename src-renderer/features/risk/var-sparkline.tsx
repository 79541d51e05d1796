/**
 * VaR99 1-day of the live book over time (the stored risk snapshots) as a small SVG line with
 * the limit, refetched after every run. No chart library: it sits on the dashboard.
 */
import { useEffect, useState } from 'react';
import type { RiskHistoryPoint } from '../../../shared/contract/features/risk.api';
import { fmtTime, fmtUsd } from '../../ui/format';
import { client } from '../../app/client';

const W = 300;
const H = 64;

export function VarSparkline({
  runId,
  limitUsd,
}: {
  runId: number | null;
  limitUsd: number | null;
}) {
  const [points, setPoints] = useState<RiskHistoryPoint[]>([]);
  useEffect(() => {
    let live = true;
    client.invoke('risk.getHistory', { maxPoints: 200 }).then(
      (r) => live && setPoints(r.points),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [runId]);
  if (points.length < 2)
    return <div className="sparkline-empty muted">VaR history builds up with every run.</div>;
  const vals = points.map((p) => p.var99_1dUsd);
  const t0 = points[0]?.tsMs ?? 0;
  const t1 = points[points.length - 1]?.tsMs ?? t0 + 1;
  // From zero to the limit (or the largest VaR): the line's height reads as limit usage.
  const top = Math.max(...vals, limitUsd ?? 0) * 1.05;
  const x = (t: number) => ((t - t0) / Math.max(1, t1 - t0)) * W;
  const y = (v: number) => H - (v / Math.max(1, top)) * H;
  const line = points
    .map((p) => `${x(p.tsMs).toFixed(1)},${y(p.var99_1dUsd).toFixed(1)}`)
    .join(' ');
  return (
    <figure className="sparkline" data-testid="var-sparkline" data-points={points.length}>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label="VaR history">
        {limitUsd !== null && limitUsd <= top ? (
          <line x1={0} x2={W} y1={y(limitUsd)} y2={y(limitUsd)} className="spark-limit" />
        ) : null}
        <polyline points={line} className="spark-line" />
      </svg>
      <figcaption className="muted">
        {points.length} runs since {fmtTime(t0)} &middot; range {fmtUsd(Math.min(...vals), true)}
        {'\u2013'}
        {fmtUsd(Math.max(...vals), true)}
      </figcaption>
    </figure>
  );
}
