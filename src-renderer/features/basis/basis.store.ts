/**
 * Basis screen state: the model report for the chosen lookback, the live basis pushed by main
 * (`basis.updated`), the book hedge and the holdings record. A new default report (daily, after a
 * purchase, on demand) bumps `reportVersion` in the event, and the screen refetches.
 */
import { create } from 'zustand';
import type { ApiInput, ApiOutput } from '../../../shared/contract/api';
import { DEFAULT_BASIS_LOOKBACK } from '../../../shared/contract/features/basis.api';
import { client } from '../../app/client';

export type BasisReportResponse = ApiOutput<'basis.getReport'>;
export type BasisReport = BasisReportResponse['report'];
export type BasisLive = ApiOutput<'basis.getLive'>['live'];
export type BasisHedge = ApiOutput<'basis.getHedge'>;
export type BasisHoldings = ApiOutput<'basis.listHoldings'>;
export type PurchaseRequest = ApiInput<'basis.recordPurchase'>;

export const LOOKBACKS: { days: number; label: string }[] = [
  { days: 63, label: '3M' },
  { days: 126, label: '6M' },
  { days: 252, label: '1Y' },
  { days: 504, label: '2Y' },
  { days: 756, label: '3Y' },
];

interface BasisState {
  lookbackDays: number;
  response: BasisReportResponse | undefined;
  live: BasisLive | undefined;
  hedge: BasisHedge | undefined;
  holdings: BasisHoldings | undefined;
  loading: boolean;
  error: string | undefined;
  reportVersion: number;
}

export const useBasisStore = create<BasisState>(() => ({
  lookbackDays: DEFAULT_BASIS_LOOKBACK,
  response: undefined,
  live: undefined,
  hedge: undefined,
  holdings: undefined,
  loading: false,
  error: undefined,
  reportVersion: -1,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
let requestSeq = 0;

export async function loadReport(refresh = false): Promise<void> {
  const { lookbackDays } = useBasisStore.getState();
  const seq = ++requestSeq;
  useBasisStore.setState({ loading: true });
  try {
    const response = await client.invoke('basis.getReport', {
      lookbackDays,
      ...(refresh ? { refresh: true } : {}),
    });
    if (seq !== requestSeq) return;
    useBasisStore.setState({ response, loading: false, error: undefined });
    void refreshLive();
    void loadHedge();
  } catch (err) {
    if (seq === requestSeq) useBasisStore.setState({ loading: false, error: message(err) });
  }
}

export function setLookback(lookbackDays: number): void {
  if (useBasisStore.getState().lookbackDays === lookbackDays) return;
  useBasisStore.setState({ lookbackDays });
  void loadReport();
}

async function refreshLive(): Promise<void> {
  const { lookbackDays } = useBasisStore.getState();
  try {
    const r = await client.invoke('basis.getLive', { lookbackDays });
    if (r.lookbackDays === useBasisStore.getState().lookbackDays)
      useBasisStore.setState({ live: r.live });
  } catch {
    // The next push brings live numbers anyway; the report error (if any) is shown.
  }
}

export async function loadHedge(): Promise<void> {
  const { lookbackDays } = useBasisStore.getState();
  try {
    const hedge = await client.invoke('basis.getHedge', { lookbackDays });
    if (hedge.lookbackDays === useBasisStore.getState().lookbackDays)
      useBasisStore.setState({ hedge });
  } catch (err) {
    useBasisStore.setState({ error: message(err) });
  }
}

export async function loadHoldings(): Promise<void> {
  try {
    useBasisStore.setState({ holdings: await client.invoke('basis.listHoldings', {}) });
  } catch (err) {
    useBasisStore.setState({ error: message(err) });
  }
}

/** Records a purchase; resolves with the service's warnings, rejects with its error. */
export async function recordPurchase(input: PurchaseRequest): Promise<string[]> {
  const r = await client.invoke('basis.recordPurchase', input);
  await loadHoldings();
  return r.warnings;
}

let unsubscribe: (() => void) | undefined;
let hedgeTimer: ReturnType<typeof setInterval> | undefined;

/** Loads everything and follows main's pushes while the screen is open; returns the stop. */
export function startBasisFeed(): () => void {
  void loadReport();
  void loadHoldings();
  unsubscribe?.();
  unsubscribe = client.on('basis.updated', (e) => {
    const s = useBasisStore.getState();
    if (e.reportVersion !== s.reportVersion) {
      useBasisStore.setState({ reportVersion: e.reportVersion });
      if (s.reportVersion !== -1) void loadReport();
    }
    if (s.lookbackDays === DEFAULT_BASIS_LOOKBACK) {
      if (e.live) useBasisStore.setState({ live: e.live });
    } else if (e.reason === 'live') {
      void refreshLive();
    }
  });
  // The hedge follows the book (deltas move with the market): refresh it every few seconds.
  hedgeTimer = setInterval(() => void loadHedge(), 5000);
  return () => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (hedgeTimer) clearInterval(hedgeTimer);
  };
}
