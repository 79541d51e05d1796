import { useEffect } from 'react';
import { DashboardView } from '../features/dashboard/dashboard-view';
import { PlaceholderView } from '../features/placeholder/placeholder-view';
import { PositionsView } from '../features/positions/positions-view';
import { startBookFeed } from '../stores/book.store';
import { ROUTES } from './routes';
import { StatusBar } from './status-bar';
import { useRoute } from './use-route';

export function AppShell() {
  const [route, go] = useRoute();
  useEffect(() => startBookFeed(), []);
  const current = ROUTES.find((r) => r.path === route) ?? (ROUTES[0] as (typeof ROUTES)[number]);
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Cerberus</div>
        {ROUTES.map((r) => (
          <button
            key={r.path}
            className={r.path === route ? 'on' : ''}
            onClick={() => go(r.path)}
            title={`Alt+${r.key}`}
            data-testid={`nav-${r.path}`}
          >
            {r.title}
          </button>
        ))}
      </nav>
      <main className="main">
        <header className="title">
          <h1>{current.title}</h1>
        </header>
        <div className="content">
          {route === 'dashboard' ? (
            <DashboardView />
          ) : route === 'positions' ? (
            <PositionsView />
          ) : (
            <PlaceholderView route={current} />
          )}
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
