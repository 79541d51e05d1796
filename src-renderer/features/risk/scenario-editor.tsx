/**
 * Stress scenario editor: the built-in files and the user's scenarios, a JSON editor validated as
 * you type with the same zod schema main uses, Save (a new version; nothing is overwritten) and
 * Delete for user scenarios. An unsaved draft survives tab switches and reloads; a refused save
 * keeps the text as typed and says why.
 */
import { parseScenario, ScenarioError } from '../../../shared/quant/risk/scenario-schema';
import { fmtTime } from '../../ui/format';
import { deleteScenario, editScenario, saveDraft, setDraftText, useRiskStore } from './risk.store';

const TEMPLATE = JSON.stringify(
  {
    id: 'my-scenario',
    name: 'My scenario: BTC -20%, vols +30%',
    kind: 'custom',
    description: 'What it models and why.',
    source: 'User-defined.',
    shocks: { BTC: { spot: -0.2, vol: 0.3 } },
    proxies: { MSTR: { of: 'BTC', beta: 1.1 } },
    default: { spot: -0.05 },
    rateShiftBps: 0,
  },
  null,
  2,
);

function check(text: string): { ok: true; summary: string } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    return {
      ok: false,
      error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  try {
    const s = parseScenario(value, 'scenario');
    const detail =
      s.kind === 'grid'
        ? `grid ${s.rateShiftBps.length} rate shifts`
        : `${Object.keys(s.shocks).length} shocked underlying(s)`;
    return { ok: true, summary: `valid ${s.kind} scenario "${s.id}", ${detail}` };
  } catch (err) {
    return { ok: false, error: err instanceof ScenarioError ? err.message : String(err) };
  }
}

export function ScenarioEditor() {
  const { scenarios, scenarioErrors, draft, saveMessage } = useRiskStore();
  const verdict = draft ? check(draft.text) : null;
  return (
    <div className="risk-scenarios" data-testid="scenario-editor">
      <section className="panel">
        <header className="panel-head">
          <h2>Scenarios</h2>
          <button onClick={() => editScenario(null, TEMPLATE)} data-testid="scenario-new">
            New
          </button>
        </header>
        <table className="table compact">
          <thead>
            <tr>
              <th>Id</th>
              <th>Kind</th>
              <th>Origin</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {scenarios.map((s) => (
              <tr key={s.id} className={draft?.baseId === s.id ? 'selected' : ''}>
                <td title={s.name}>{s.id}</td>
                <td className="muted">{s.kind}</td>
                <td>
                  {s.origin === 'user' ? (
                    <span className="risk-badge">
                      user v{s.version}
                      {s.overridesBuiltin ? ' (replaces built-in)' : ''}
                    </span>
                  ) : (
                    <span className="muted">built-in</span>
                  )}
                </td>
                <td className="actions">
                  <button onClick={() => editScenario(s)}>Edit</button>
                  {s.origin === 'user' ? (
                    <button onClick={() => void deleteScenario(s.id)}>
                      {s.overridesBuiltin ? 'Revert' : 'Delete'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {scenarioErrors.length > 0 ? (
          <ul className="error">
            {scenarioErrors.map((e) => (
              <li key={e.file}>
                {e.file}: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="footnote">
          Built-in scenarios are files in assets/scenarios. Saving one you edited keeps the file and
          stores your version, which replaces it until reverted. Every save is kept.
        </div>
      </section>
      <section className="panel editor-panel">
        <header className="panel-head">
          <h2>
            {draft
              ? `Editing ${draft.baseId ?? 'a new scenario'}${draft.dirty ? ' *' : ''}`
              : 'Editor'}
          </h2>
          <button
            disabled={!draft || !verdict?.ok}
            onClick={() => void saveDraft()}
            data-testid="scenario-save"
          >
            Save
          </button>
        </header>
        {draft ? (
          <>
            <textarea
              className="json-editor"
              spellCheck={false}
              value={draft.text}
              onChange={(e) => setDraftText(e.target.value)}
              data-testid="scenario-text"
            />
            <div className={verdict?.ok ? 'pos' : 'error'} data-testid="scenario-verdict">
              {verdict?.ok ? verdict.summary : verdict?.error}
            </div>
          </>
        ) : (
          <div className="muted">Pick a scenario to edit, or New.</div>
        )}
        {saveMessage ? (
          <div
            className={saveMessage.kind === 'ok' ? 'pos' : 'error'}
            data-testid="scenario-message"
          >
            {saveMessage.text}
          </div>
        ) : null}
        <div className="footnote">
          Units: spot and vol are relative changes (-0.3 = -30%), volPoints absolute (0.1 = +10 vol
          points), rateShiftBps in basis points; proxies move an unnamed underlying by beta x
          another&apos;s log move. Last saved{' '}
          {fmtTime(scenarios.find((s) => s.id === draft?.baseId)?.savedMs ?? undefined)}.
        </div>
      </section>
    </div>
  );
}
