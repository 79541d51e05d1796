/** Five ADL lights (Binance style): more lit = earlier in the auto-deleveraging queue. */
export function AdlLights({ lights, score }: { lights: 1 | 2 | 3 | 4 | 5; score: number }) {
  return (
    <span
      className="adl"
      title={`ADL score ${score.toFixed(3)} (PnL% x effective leverage), no peer data: fixed scale`}
      data-lights={lights}
    >
      {[1, 2, 3, 4, 5].map((i) => (
        <i key={i} className={i <= lights ? `on l${lights}` : ''} />
      ))}
    </span>
  );
}
