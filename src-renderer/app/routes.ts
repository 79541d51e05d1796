/** The screens, in navigation order. `issue` marks screens a later issue delivers. */
export interface RouteDef {
  path: string;
  title: string;
  key: string;
  issue?: number;
  blurb?: string;
}

export const ROUTES: RouteDef[] = [
  { path: 'dashboard', title: 'Dashboard', key: '1' },
  { path: 'positions', title: 'Positions', key: '2' },
  {
    path: 'surface',
    title: 'Vol surface',
    key: '3',
    issue: 4,
    blurb: 'SVI/SABR fits per expiry, 3D surface, smiles with bid/ask, arbitrage checks.',
  },
  {
    path: 'risk',
    title: 'VaR & stress',
    key: '4',
    issue: 5,
    blurb: 'Historical, Monte Carlo and parametric VaR/ES, stress scenarios, ladders, backtests.',
  },
  {
    path: 'funding',
    title: 'Funding',
    key: '5',
    issue: 6,
    blurb: 'Perpetual funding across venues, history, next payment, annualised carry.',
  },
  {
    path: 'margin',
    title: 'Margin & liquidation',
    key: '6',
    issue: 6,
    blurb: 'Margin ratio per account, liquidation prices, distance and probability.',
  },
  {
    path: 'basis',
    title: 'Basis',
    key: '7',
    issue: 7,
    blurb: 'MSTR premium to BTC NAV, mean reversion, beta, tail dependence.',
  },
];

export function routeFromHash(hash: string): string {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return ROUTES.some((r) => r.path === path) ? path : 'dashboard';
}
