import type { RouteDef } from '../../app/routes';

/** A screen a later issue delivers: says what will be here instead of showing nothing. */
export function PlaceholderView({ route }: { route: RouteDef }) {
  return (
    <div className="placeholder">
      <h2>{route.title}</h2>
      <p>{route.blurb}</p>
      <p className="muted">This screen is not built yet (issue #{route.issue}).</p>
    </div>
  );
}
