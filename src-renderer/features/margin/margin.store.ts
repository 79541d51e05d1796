/**
 * Margin screen state: the report main pushes each second (`margin.updated`), band alerts
 * (`margin.alerted`, acknowledged here), and liquidation-probability runs per account with their
 * progress (`margin.probabilityProgressed`) and a Cancel.
 */
import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { client } from '../../app/client';

export type MarginReport = ApiOutput<'margin.getReport'>;
export type MarginAccount = MarginReport['accounts'][number];
export type MarginPosition = MarginAccount['positions'][number];
export type MarginAlert = ApiOutput<'margin.listAlerts'>[number];
export type ProbabilityResult = ApiOutput<'margin.computeProbability'>;
export type DoneResult = Extract<ProbabilityResult, { status: 'done' }>;
export type Tails = 'normal' | 'studentT';

export const HORIZONS = [
  { hours: 4, label: '4h' },
  { hours: 24, label: '1d' },
  { hours: 72, label: '3d' },
  { hours: 168, label: '1w' },
  { hours: 336, label: '2w' },
  { hours: 672, label: '4w' },
];
export const PATHS = [20_000, 100_000, 500_000];

/** Merton jumps on every underlying: intensity per year, mean and sd of the log jump. */
export interface JumpSpec {
  intensityPerYear: number;
  meanLog: number;
  volLog: number;
}
/** The demo market's BTC jump parameters (shared/sim/demo-universe.ts), a starting point. */
export const DEFAULT_JUMPS: JumpSpec = { intensityPerYear: 6, meanLog: -0.02, volLog: 0.05 };

export interface ProbabilityRun {
  requestId: string;
  running: boolean;
  pathsDone: number;
  pathsTotal: number;
  result: DoneResult | undefined;
  cancelled: boolean;
  error: string | undefined;
}

interface MarginState {
  report: MarginReport | undefined;
  alerts: MarginAlert[];
  horizonHours: number;
  paths: number;
  tails: Tails;
  jumpsOn: boolean;
  jumps: JumpSpec;
  runs: Record<string, ProbabilityRun>;
  error: string | undefined;
}

export const useMarginStore = create<MarginState>(() => ({
  report: undefined,
  alerts: [],
  horizonHours: 168,
  paths: 100_000,
  tails: 'normal',
  jumpsOn: false,
  jumps: DEFAULT_JUMPS,
  runs: {},
  error: undefined,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function setRun(accountId: string, patch: Partial<ProbabilityRun>): void {
  const runs = useMarginStore.getState().runs;
  const prev = runs[accountId];
  if (!prev) return;
  useMarginStore.setState({ runs: { ...runs, [accountId]: { ...prev, ...patch } } });
}

export async function loadAlerts(): Promise<void> {
  try {
    useMarginStore.setState({ alerts: await client.invoke('margin.listAlerts', {}) });
  } catch (err) {
    useMarginStore.setState({ error: message(err) });
  }
}

export async function acknowledgeAlerts(ids?: number[]): Promise<void> {
  await client.invoke('margin.acknowledgeAlerts', ids ? { ids } : {});
  await loadAlerts();
}

let seq = 0;

/** The jump option of a run, when on and valid. */
export function jumpsOption(): JumpSpec | undefined {
  const { jumpsOn, jumps } = useMarginStore.getState();
  const ok =
    Number.isFinite(jumps.intensityPerYear) &&
    jumps.intensityPerYear >= 0 &&
    jumps.intensityPerYear <= 365 &&
    Math.abs(jumps.meanLog) <= 1 &&
    jumps.volLog >= 0 &&
    jumps.volLog <= 1;
  return jumpsOn && ok ? jumps : undefined;
}

/** Switches a demo account's margin system; the error message when refused. */
export async function setMarginSystem(
  accountId: string,
  system: 'standard' | 'portfolio',
): Promise<string | undefined> {
  try {
    await client.invoke('margin.setMarginSystem', { accountId, system });
    useMarginStore.setState({ report: await client.invoke('margin.getReport', {}) });
    return undefined;
  } catch (err) {
    return message(err);
  }
}

export async function computeProbability(accountId: string): Promise<void> {
  const { horizonHours, paths, tails, runs } = useMarginStore.getState();
  const jumps = jumpsOption();
  if (runs[accountId]?.running) return;
  const requestId = `liq-${Date.now().toString(36)}-${++seq}`;
  useMarginStore.setState({
    runs: {
      ...runs,
      [accountId]: {
        requestId,
        running: true,
        pathsDone: 0,
        pathsTotal: paths,
        result: runs[accountId]?.result,
        cancelled: false,
        error: undefined,
      },
    },
  });
  try {
    const result = await client.invoke('margin.computeProbability', {
      accountId,
      horizonHours,
      paths,
      tails,
      requestId,
      ...(jumps ? { jumps } : {}),
    });
    if (result.status === 'done')
      setRun(accountId, { running: false, result, pathsDone: result.paths });
    else setRun(accountId, { running: false, cancelled: true });
  } catch (err) {
    setRun(accountId, { running: false, error: message(err) });
  }
}

export async function cancelProbability(accountId: string): Promise<void> {
  const run = useMarginStore.getState().runs[accountId];
  if (!run?.running) return;
  await client.invoke('margin.cancelProbability', { requestId: run.requestId });
}

let started = false;

/** Subscribes to reports, alerts and progress; idempotent (the Dashboard starts it too). */
export function startMarginFeed(): void {
  if (started) return;
  started = true;
  client.on('margin.updated', (report) => useMarginStore.setState({ report, error: undefined }));
  client.on('margin.alerted', (alert) =>
    useMarginStore.setState((s) => ({
      alerts: [alert, ...s.alerts.filter((a) => a.id !== alert.id)],
    })),
  );
  client.on('margin.probabilityProgressed', (p) => {
    const run = useMarginStore.getState().runs[p.accountId];
    if (run?.requestId === p.requestId && run.running)
      setRun(p.accountId, { pathsDone: p.pathsDone, pathsTotal: p.pathsTotal });
  });
  client.invoke('margin.getReport', {}).then(
    (report) => useMarginStore.setState({ report }),
    (err: unknown) => useMarginStore.setState({ error: message(err) }),
  );
  void loadAlerts();
}
