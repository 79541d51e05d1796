/**
 * Every screen, in navigation order: one entry per screen (path, title, Alt+key shortcut, the
 * component). A screen still to come can use `features/placeholder` until it is delivered.
 */
import type { ReactElement } from 'react';
import { BasisView } from '../features/basis/basis-view';
import { ConnectionsView } from '../features/connections/connections-view';
import { DashboardView } from '../features/dashboard/dashboard-view';
import { FundingView } from '../features/funding/funding-view';
import { MarginView } from '../features/margin/margin-view';
import { PositionsView } from '../features/positions/positions-view';
import { RiskView } from '../features/risk/risk-view';
import { SurfaceView } from '../features/surface/surface-view';

export interface ScreenDef {
  path: string;
  title: string;
  key: string;
  render: () => ReactElement;
}

export const SCREENS: ScreenDef[] = [
  { path: 'dashboard', title: 'Dashboard', key: '1', render: () => <DashboardView /> },
  { path: 'positions', title: 'Positions', key: '2', render: () => <PositionsView /> },
  {
    path: 'surface',
    title: 'Vol surface',
    key: '3',
    render: () => <SurfaceView />,
  },
  {
    path: 'risk',
    title: 'VaR & stress',
    key: '4',
    render: () => <RiskView />,
  },
  {
    path: 'funding',
    title: 'Funding',
    key: '5',
    render: () => <FundingView />,
  },
  {
    path: 'margin',
    title: 'Margin & liquidation',
    key: '6',
    render: () => <MarginView />,
  },
  {
    path: 'basis',
    title: 'Basis',
    key: '7',
    render: () => <BasisView />,
  },
  {
    path: 'connections',
    title: 'Connections',
    key: '8',
    render: () => <ConnectionsView />,
  },
];

export function screenFromHash(hash: string): ScreenDef {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return SCREENS.find((s) => s.path === path) ?? (SCREENS[0] as ScreenDef);
}
