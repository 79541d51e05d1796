/**
 * Stress scenarios of the app: the built-in files in `assets/scenarios/` (read-only, validated on
 * load; a bad file is reported, not fatal) and the user's scenarios in the store (every save a
 * new version; a user scenario with a built-in's id replaces it until deleted). Saving validates
 * with the scenario zod schema and refuses junk with a message naming the problem; what the user
 * typed is stored verbatim once valid, and earlier versions are never overwritten.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioEntry } from '../../../shared/contract/features/risk.api';
import { ServiceError } from '../../../shared/contract/result';
import {
  parseScenario,
  ScenarioError,
  type Scenario,
} from '../../../shared/quant/risk/scenario-schema';
import type { ScenarioOrigin } from '../../../shared/quant/risk-live/stress-job';
import type { DbClient } from '../../db/db-client';

interface Builtin {
  scenario: Scenario;
  text: string;
}

export interface ActiveScenario {
  origin: ScenarioOrigin;
  scenario: Scenario;
}

/** JSON.parse with the position of a syntax error in the message. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ServiceError('invalid-input', `the scenario is not valid JSON: ${msg}`);
  }
}

export function validateScenarioText(text: string): Scenario {
  const value = parseJsonText(text);
  try {
    return parseScenario(value, 'scenario');
  } catch (err) {
    if (err instanceof ScenarioError) throw new ServiceError('invalid-input', err.message);
    throw err;
  }
}

export class ScenarioLibrary {
  private builtins = new Map<string, Builtin>();
  private loadErrors: { file: string; message: string }[] = [];

  constructor(
    private readonly db: DbClient,
    private readonly now: () => number,
  ) {}

  async load(dir: string): Promise<void> {
    this.builtins.clear();
    this.loadErrors = [];
    let files: string[] = [];
    try {
      files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    } catch (err) {
      this.loadErrors.push({ file: dir, message: `cannot read: ${String(err)}` });
    }
    for (const file of files) {
      try {
        const text = await readFile(join(dir, file), 'utf8');
        const scenario = parseScenario(JSON.parse(text) as unknown, file);
        this.builtins.set(scenario.id, { scenario, text });
      } catch (err) {
        this.loadErrors.push({ file, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** User scenarios from the store; one that no longer validates is listed (kind 'invalid') but not run. */
  private async users(): Promise<
    { entry: ScenarioEntry; scenario: Scenario | null; error: string | null }[]
  > {
    const rows = await this.db.listUserScenarios();
    return rows.map((r) => {
      let scenario: Scenario | null = null;
      let error: string | null = null;
      try {
        scenario = parseScenario(JSON.parse(r.body) as unknown, `user scenario ${r.id}`);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      return {
        scenario,
        error,
        entry: {
          id: r.id,
          name: scenario?.name ?? r.id,
          kind: scenario?.kind ?? 'invalid',
          origin: 'user',
          overridesBuiltin: this.builtins.has(r.id),
          version: r.version,
          savedMs: r.savedMs,
          text: r.body,
        },
      };
    });
  }

  async list(): Promise<{
    scenarios: ScenarioEntry[];
    errors: { file: string; message: string }[];
  }> {
    const users = await this.users();
    const overridden = new Set(users.map((u) => u.entry.id));
    const builtins: ScenarioEntry[] = [...this.builtins.values()]
      .filter((b) => !overridden.has(b.scenario.id))
      .map((b) => ({
        id: b.scenario.id,
        name: b.scenario.name,
        kind: b.scenario.kind,
        origin: 'builtin',
        overridesBuiltin: false,
        version: null,
        savedMs: null,
        text: b.text,
      }));
    const scenarios = [...builtins, ...users.map((u) => u.entry)].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const invalid = users
      .filter((u) => u.error !== null)
      .map((u) => ({ file: `user scenario ${u.entry.id}`, message: u.error ?? '' }));
    return { scenarios, errors: [...this.loadErrors, ...invalid] };
  }

  /** What the stress job runs: built-ins not replaced by a user scenario, then the user's. */
  async active(): Promise<ActiveScenario[]> {
    const users = await this.users();
    const overridden = new Set(users.filter((u) => u.scenario).map((u) => u.entry.id));
    return [
      ...[...this.builtins.values()]
        .filter((b) => !overridden.has(b.scenario.id))
        .map((b): ActiveScenario => ({ origin: 'builtin', scenario: b.scenario })),
      ...users.flatMap((u): ActiveScenario[] =>
        u.scenario ? [{ origin: 'user', scenario: u.scenario }] : [],
      ),
    ];
  }

  async save(text: string): Promise<ScenarioEntry> {
    const scenario = validateScenarioText(text);
    const savedMs = this.now();
    const version = await this.db.saveUserScenario(scenario.id, text, savedMs);
    return {
      id: scenario.id,
      name: scenario.name,
      kind: scenario.kind,
      origin: 'user',
      overridesBuiltin: this.builtins.has(scenario.id),
      version,
      savedMs,
      text,
    };
  }

  async delete(id: string): Promise<boolean> {
    if (this.builtins.has(id) && !(await this.users()).some((u) => u.entry.id === id))
      throw new ServiceError(
        'invalid-input',
        `"${id}" is a built-in scenario file; it cannot be deleted`,
      );
    return this.db.deleteUserScenario(id, this.now());
  }
}
