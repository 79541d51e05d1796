import { useEffect } from 'react';
import { startBookFeed } from '../stores/book.store';
import { MarginAlertToasts } from '../features/margin/alert-toasts';
import { SCREENS } from './screens';
import { StatusBar } from './status-bar';
import { useRoute } from './use-route';

export function AppShell() {
  const [screen, go] = useRoute();
  useEffect(() => startBookFeed(), []);
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Cerberus</div>
        {SCREENS.map((s) => (
          <button
            key={s.path}
            className={s.path === screen.path ? 'on' : ''}
            onClick={() => go(s.path)}
            title={`Alt+${s.key}`}
            data-testid={`nav-${s.path}`}
          >
            {s.title}
          </button>
        ))}
      </nav>
      <main className="main">
        <header className="title">
          <h1>{screen.title}</h1>
        </header>
        <div className="content">{screen.render()}</div>
      </main>
      <StatusBar />
      <MarginAlertToasts />
    </div>
  );
}
