/**
 * Funding screen state: the board main pushes about once a second (`funding.updated`), the
 * history series of the chosen underlying and range, and which venues the chart shows. The
 * clock offset to main lets the countdowns tick locally between pushes.
 */
import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { client } from '../../app/client';

export type FundingBoard = ApiOutput<'funding.getBoard'>;
export type FundingRow = FundingBoard['rows'][number];
export type PositionFunding = FundingBoard['positions'][number];
export type FundingSeries = ApiOutput<'funding.getHistory'>[number];

export const RANGES = [
  { id: '30d', label: '30D', days: 30 },
  { id: '90d', label: '90D', days: 90 },
  { id: '1y', label: '1Y', days: 365 },
  { id: 'all', label: 'All', days: 365 * 8 },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];
export type RateUnit = 'interval' | 'annualised';

interface FundingState {
  board: FundingBoard | undefined;
  /** Main's clock minus ours when the board arrived (ms). */
  clockOffsetMs: number;
  underlying: string;
  range: RangeId;
  unit: RateUnit;
  hiddenVenues: string[];
  series: FundingSeries[];
  historyLoading: boolean;
  error: string | undefined;
}

export const useFundingStore = create<FundingState>(() => ({
  board: undefined,
  clockOffsetMs: 0,
  underlying: 'BTC',
  range: '90d',
  unit: 'interval',
  hiddenVenues: [],
  series: [],
  historyLoading: false,
  error: undefined,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
let historySeq = 0;

function setBoard(board: FundingBoard): void {
  useFundingStore.setState({ board, clockOffsetMs: board.tsMs - Date.now(), error: undefined });
}

export async function loadHistory(): Promise<void> {
  const { underlying, range } = useFundingStore.getState();
  const days = RANGES.find((r) => r.id === range)?.days ?? 90;
  const seq = ++historySeq;
  useFundingStore.setState({ historyLoading: true });
  try {
    const toMs = Date.now() + useFundingStore.getState().clockOffsetMs;
    const series = await client.invoke('funding.getHistory', {
      underlying,
      fromMs: Math.max(0, Math.floor(toMs - days * 86_400_000)),
      bucket: 'auto',
    });
    if (seq === historySeq) useFundingStore.setState({ series, historyLoading: false });
  } catch (err) {
    if (seq === historySeq)
      useFundingStore.setState({ error: message(err), historyLoading: false });
  }
}

export function setUnderlying(underlying: string): void {
  useFundingStore.setState({ underlying });
  void loadHistory();
}

export function setRange(range: RangeId): void {
  useFundingStore.setState({ range });
  void loadHistory();
}

export function toggleVenue(venue: string): void {
  const hidden = useFundingStore.getState().hiddenVenues;
  useFundingStore.setState({
    hiddenVenues: hidden.includes(venue) ? hidden.filter((v) => v !== venue) : [...hidden, venue],
  });
}

let started = false;
let lastRealisedKey = '';

/** Subscribes to the board and loads the first history; idempotent. */
export function startFundingFeed(): void {
  if (started) return;
  started = true;
  client.on('funding.updated', (board) => {
    setBoard(board);
    // A new realised rate (a funding time passed): refresh the chart.
    const key = board.rows.map((r) => r.lastRateMs ?? 0).join(',');
    if (lastRealisedKey !== '' && key !== lastRealisedKey) void loadHistory();
    lastRealisedKey = key;
  });
  client
    .invoke('funding.getBoard', {})
    .then(setBoard, (err: unknown) => useFundingStore.setState({ error: message(err) }));
  void loadHistory();
}
