/**
 * Risk state in the renderer: the latest full run (fetched when a run ends), the small summary
 * the dashboard needs, the status and live progress of a run in flight, the screen's selections,
 * and the scenario editor's draft (kept here so switching tabs never loses an edit).
 */
import { create } from 'zustand';
import type {
  RiskProgress,
  RiskRun,
  RiskStatus,
  RiskSummary,
  ScenarioEntry,
} from '../../../shared/contract/features/risk.api';
import type { PricingModelId } from '../../../shared/quant/risk/model-pricing';
import type { VarMethodId } from '../../../shared/quant/risk-live/risk-views';
import { client } from '../../app/client';

export type RiskTab = 'var' | 'stress' | 'backtest' | 'scenarios';

export interface ScenarioDraft {
  /** Id of the scenario the draft started from (null: a new one). */
  baseId: string | null;
  text: string;
  dirty: boolean;
}

interface RiskState {
  run: RiskRun | null;
  summary: RiskSummary | null;
  status: RiskStatus | null;
  progress: RiskProgress | null;
  lastEnd: RiskSummary | null;
  error: string | undefined;
  tab: RiskTab;
  method: VarMethodId;
  horizonDays: number;
  confidence: number;
  scenarios: ScenarioEntry[];
  scenarioErrors: { file: string; message: string }[];
  draft: ScenarioDraft | null;
  saveMessage: { kind: 'ok' | 'error'; text: string } | null;
}

const DRAFT_KEY = 'cerberus.risk.scenarioDraft';

/** An unsaved draft survives a reload of the window (localStorage); saved edits live in the store. */
function storedDraft(): ScenarioDraft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<ScenarioDraft>;
    return typeof d.text === 'string'
      ? {
          baseId: typeof d.baseId === 'string' ? d.baseId : null,
          text: d.text,
          dirty: d.dirty === true,
        }
      : null;
  } catch {
    return null;
  }
}

function keepDraft(d: ScenarioDraft | null): void {
  try {
    if (d && d.dirty) localStorage.setItem(DRAFT_KEY, JSON.stringify(d));
    else localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage unavailable: the draft still lives in memory.
  }
}

export const useRiskStore = create<RiskState>(() => ({
  run: null,
  summary: null,
  status: null,
  progress: null,
  lastEnd: null,
  error: undefined,
  tab: 'var',
  method: 'historical',
  horizonDays: 1,
  confidence: 0.99,
  scenarios: [],
  scenarioErrors: [],
  draft: storedDraft(),
  saveMessage: null,
}));

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function loadRun(): Promise<void> {
  try {
    const [run, status] = await Promise.all([
      client.invoke('risk.getLatest', {}),
      client.invoke('risk.getStatus', {}),
    ]);
    useRiskStore.setState({ run, status, error: undefined });
  } catch (err) {
    useRiskStore.setState({ error: message(err) });
  }
}

let summaryFeed = false;
let runFeed = false;

/** The dashboard's feed: the summary now and after every run. Idempotent. */
export function startRiskSummaryFeed(): void {
  if (summaryFeed) return;
  summaryFeed = true;
  client.on('risk.updated', (s) => {
    useRiskStore.setState((st) => ({
      lastEnd: s,
      summary: s.status === 'done' ? s : st.summary,
      progress: null,
    }));
    if (runFeed) void loadRun();
  });
  client.invoke('risk.getSummary', {}).then(
    (summary) => useRiskStore.setState((st) => ({ summary: st.summary ?? summary })),
    (err: unknown) => useRiskStore.setState({ error: message(err) }),
  );
}

/** The risk screen's feed: full runs, status and progress. Idempotent. */
export function startRiskFeed(): void {
  startRiskSummaryFeed();
  if (runFeed) return;
  runFeed = true;
  client.on('risk.progressed', (p) => useRiskStore.setState({ progress: p }));
  void loadRun();
  void loadScenarios();
}

export async function runNow(
  reverseTargetUsd?: number,
  stressPricingModel?: PricingModelId,
): Promise<void> {
  try {
    await client.invoke('risk.run', {
      ...(reverseTargetUsd !== undefined ? { reverseTargetUsd } : {}),
      ...(stressPricingModel !== undefined ? { stressPricingModel } : {}),
    });
    const status = await client.invoke('risk.getStatus', {});
    useRiskStore.setState({
      status,
      progress:
        status.runId !== null
          ? {
              runId: status.runId,
              phase: status.phase ?? 'inputs',
              fraction: status.fraction,
              message: 'starting',
            }
          : null,
    });
  } catch (err) {
    useRiskStore.setState({ error: message(err) });
  }
}

export async function cancelRun(): Promise<void> {
  const runId = useRiskStore.getState().progress?.runId;
  try {
    await client.invoke('risk.cancel', runId !== undefined ? { runId } : {});
  } catch (err) {
    useRiskStore.setState({ error: message(err) });
  }
}

export async function loadScenarios(): Promise<void> {
  try {
    const r = await client.invoke('risk.listScenarios', {});
    useRiskStore.setState({ scenarios: r.scenarios, scenarioErrors: r.errors });
  } catch (err) {
    useRiskStore.setState({ error: message(err) });
  }
}

export function editScenario(entry: ScenarioEntry | null, text?: string): void {
  const draft = {
    baseId: entry?.id ?? null,
    text: text ?? entry?.text ?? '',
    dirty: text !== undefined,
  };
  keepDraft(draft);
  useRiskStore.setState({ draft, saveMessage: null });
}

export function setDraftText(text: string): void {
  const draft = { baseId: useRiskStore.getState().draft?.baseId ?? null, text, dirty: true };
  keepDraft(draft);
  useRiskStore.setState({ draft, saveMessage: null });
}

/** Saves the draft; on any failure the draft stays as typed and the message says why. */
export async function saveDraft(): Promise<void> {
  const draft = useRiskStore.getState().draft;
  if (!draft) return;
  try {
    const saved = await client.invoke('risk.saveScenario', { text: draft.text });
    keepDraft(null);
    useRiskStore.setState({
      draft: { baseId: saved.id, text: draft.text, dirty: false },
      saveMessage: { kind: 'ok', text: `Saved "${saved.name}" as version ${saved.version ?? 1}` },
    });
    await loadScenarios();
  } catch (err) {
    useRiskStore.setState({ saveMessage: { kind: 'error', text: message(err) } });
  }
}

export async function deleteScenario(id: string): Promise<void> {
  try {
    await client.invoke('risk.deleteScenario', { id });
    useRiskStore.setState({
      saveMessage: { kind: 'ok', text: `Deleted "${id}" (earlier versions are kept in the store)` },
    });
    await loadScenarios();
  } catch (err) {
    useRiskStore.setState({ saveMessage: { kind: 'error', text: message(err) } });
  }
}
