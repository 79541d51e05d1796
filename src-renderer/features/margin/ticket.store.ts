/**
 * The trade ticket's state: the account and perp chosen, side, size, leverage and an optional
 * limit price as typed; the before/after preview main computes (refreshed as the inputs change
 * and every few seconds as marks move); and a before/after liquidation-probability pair run with
 * one seed so the difference is the trade's, not the sampling's.
 */
import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { client } from '../../app/client';
import { jumpsOption, useMarginStore } from './margin.store';

export type TradePreview = ApiOutput<'margin.previewTrade'>;
export type TicketInstruments = ApiOutput<'margin.listTicketInstruments'>;
export type TicketInstrument = TicketInstruments['instruments'][number];
type Probability = ApiOutput<'margin.computeProbability'>;
export type DoneProbability = Extract<Probability, { status: 'done' }>;

export interface TicketRun {
  requestId: string;
  running: boolean;
  pathsDone: number;
  pathsTotal: number;
  result: DoneProbability | undefined;
  error: string | undefined;
}

interface TicketState {
  accountId: string | undefined;
  instruments: TicketInstruments | undefined;
  instrumentId: string | undefined;
  side: 'buy' | 'sell';
  size: string;
  leverage: string;
  limit: string;
  preview: TradePreview | undefined;
  error: string | undefined;
  before: TicketRun | undefined;
  after: TicketRun | undefined;
}

export const useTicketStore = create<TicketState>(() => ({
  accountId: undefined,
  instruments: undefined,
  instrumentId: undefined,
  side: 'buy',
  size: '',
  leverage: '',
  limit: '',
  preview: undefined,
  error: undefined,
  before: undefined,
  after: undefined,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A positive number from a field, or undefined. */
export function positiveOf(text: string): number | undefined {
  const v = Number(text.replace(/,/g, ''));
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
}

function niceSize(i: TicketInstrument): string {
  // About one coin: 1 BTC on Binance, 100 x 0.01 BTC on OKX, the USD value of a coin on Deribit.
  const coins =
    i.settlement === 'linear' ? 1 / i.contractSize : (i.markPrice ?? 0) / i.contractSize;
  const step = coins >= 1000 ? 1000 : 1;
  return String(Math.max(step, Math.round(coins / step) * step));
}

export function selectInstrument(instrumentId: string): void {
  const i = useTicketStore
    .getState()
    .instruments?.instruments.find((x) => x.instrumentId === instrumentId);
  if (!i) return;
  useTicketStore.setState({
    instrumentId,
    size: niceSize(i),
    leverage: String(i.leverage ?? 10),
    limit: '',
    preview: undefined,
    before: undefined,
    after: undefined,
  });
  schedulePreview();
}

export async function selectAccount(accountId: string): Promise<void> {
  useTicketStore.setState({
    accountId,
    instruments: undefined,
    preview: undefined,
    error: undefined,
  });
  try {
    const instruments = await client.invoke('margin.listTicketInstruments', { accountId });
    if (useTicketStore.getState().accountId !== accountId) return;
    useTicketStore.setState({ instruments });
    const first =
      instruments.instruments.find((i) => i.heldContracts !== 0) ?? instruments.instruments[0];
    if (first) selectInstrument(first.instrumentId);
  } catch (err) {
    useTicketStore.setState({ error: message(err) });
  }
}

export function setField(
  patch: Partial<Pick<TicketState, 'side' | 'size' | 'leverage' | 'limit'>>,
) {
  useTicketStore.setState({ ...patch, before: undefined, after: undefined });
  schedulePreview();
}

/** The ticket as the contract takes it, or the reason it is incomplete. */
export function ticketOf(s: TicketState) {
  const contracts = positiveOf(s.size);
  const leverage = positiveOf(s.leverage);
  const limit = s.limit.trim() === '' ? undefined : positiveOf(s.limit);
  if (!s.accountId || !s.instrumentId) return { error: 'choose an account and a perpetual' };
  if (contracts === undefined) return { error: 'size must be a positive number of contracts' };
  if (leverage === undefined) return { error: 'leverage must be positive' };
  if (s.limit.trim() !== '' && limit === undefined)
    return { error: 'limit price must be positive' };
  return {
    accountId: s.accountId,
    ticket: {
      instrumentId: s.instrumentId,
      side: s.side,
      contracts,
      leverage,
      ...(limit !== undefined ? { limitPrice: limit } : {}),
    },
  };
}

let timer: ReturnType<typeof setTimeout> | undefined;
let seq = 0;

export function schedulePreview(delayMs = 250): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void refreshPreview(), delayMs);
}

export async function refreshPreview(): Promise<void> {
  const t = ticketOf(useTicketStore.getState());
  if ('error' in t) {
    useTicketStore.setState({ preview: undefined, error: t.error });
    return;
  }
  const mine = ++seq;
  try {
    const preview = await client.invoke('margin.previewTrade', t);
    if (mine === seq) useTicketStore.setState({ preview, error: undefined });
  } catch (err) {
    if (mine === seq) useTicketStore.setState({ preview: undefined, error: message(err) });
  }
}

let runSeq = 0;

async function runOne(which: 'before' | 'after', seed: number): Promise<void> {
  const s = useTicketStore.getState();
  const t = ticketOf(s);
  if ('error' in t) return;
  const { horizonHours, paths, tails } = useMarginStore.getState();
  const jumps = jumpsOption();
  const requestId = `ticket-${which}-${Date.now().toString(36)}-${++runSeq}`;
  const patch = (p: Partial<TicketRun>) => {
    const cur = useTicketStore.getState()[which];
    if (cur?.requestId === requestId) useTicketStore.setState({ [which]: { ...cur, ...p } });
  };
  useTicketStore.setState({
    [which]: {
      requestId,
      running: true,
      pathsDone: 0,
      pathsTotal: paths,
      result: undefined,
      error: undefined,
    },
  });
  try {
    const r = await client.invoke('margin.computeProbability', {
      accountId: t.accountId,
      horizonHours,
      paths,
      tails,
      seed,
      requestId,
      ...(jumps ? { jumps } : {}),
      ...(which === 'after' ? { trade: t.ticket } : {}),
    });
    if (r.status === 'done') patch({ running: false, result: r, pathsDone: r.paths });
    else patch({ running: false, error: 'cancelled' });
  } catch (err) {
    patch({ running: false, error: message(err) });
  }
}

/** Before and after with one seed (common random numbers). */
export async function compareProbability(): Promise<void> {
  const seed = Math.floor(Math.random() * 2_000_000_000);
  await Promise.all([runOne('before', seed), runOne('after', seed)]);
}

export async function cancelCompare(): Promise<void> {
  const { before, after } = useTicketStore.getState();
  for (const r of [before, after])
    if (r?.running) await client.invoke('margin.cancelProbability', { requestId: r.requestId });
}

let started = false;

export function startTicketFeed(): void {
  if (started) return;
  started = true;
  client.on('margin.probabilityProgressed', (p) => {
    for (const which of ['before', 'after'] as const) {
      const r = useTicketStore.getState()[which];
      if (r?.requestId === p.requestId && r.running)
        useTicketStore.setState({
          [which]: { ...r, pathsDone: p.pathsDone, pathsTotal: p.pathsTotal },
        });
    }
  });
}
