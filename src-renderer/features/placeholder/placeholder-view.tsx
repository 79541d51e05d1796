/** A screen a later issue delivers: says what will be here instead of showing nothing. */
export function PlaceholderView({
  title,
  issue,
  blurb,
}: {
  title: string;
  issue: number;
  blurb: string;
}) {
  return (
    <div className="placeholder">
      <h2>{title}</h2>
      <p>{blurb}</p>
      <p className="muted">This screen is not built yet (issue #{issue}).</p>
    </div>
  );
}
