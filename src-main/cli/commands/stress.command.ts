/** `cerberus stress`: stress scenarios, spot x vol x rate grids and reverse stress on a saved book. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { positionLiquidity, type RiskBookInput } from '../../../shared/quant/risk/book-input';
import { buildFactorModel, withCorrelationShock } from '../../../shared/quant/risk/factor-model';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import { simulateFactorsRange } from '../../../shared/quant/risk/mc-simulate';
import {
  proportionalDirection,
  reverseStress,
  tailDirection,
} from '../../../shared/quant/risk/reverse-stress';
import {
  parseScenario,
  ScenarioError,
  type GridScenario,
  type Scenario,
  type ShockScenario,
} from '../../../shared/quant/risk/scenario-schema';
import { expandGrid, runStress, type StressResult } from '../../../shared/quant/risk/stress';
import { numberFlag, parseArgs, requiredFlag, stringFlag } from '../cli-args';
import { CliUsageError, type CliCommand } from '../cli-command';
import { defaultAssetsDir } from '../cli-paths';
import { readBook, readText, writeJson } from './risk-cli-io';

const usage = `Usage: cerberus stress --book FILE [--scenario NAME|all] [--dir DIR] [--reverse LOSS_USD]

Applies stress scenarios (JSON files in assets/scenarios, or --dir) to a saved book by full
revaluation and prints one JSON object, USD, negative pnl = loss:
  {"currency":"USD","asOf","scenarios":[{"id","name","kind","pnlUsd","revaluationPnlUsd",
    "liquidityCostUsd","byUnderlying":[{"underlying","pnlUsd"}],"shocks":[...],
    "stressedVar99_1d"?:{"base","stressed"}}] (sorted by loss, worst first),
   "grids":[{"id","name","spot":[..],"vol":[..],"rateShiftBps":[..],"pnlUsd":[rate][vol][spot],
    "worst":{"name","pnlUsd"}}],
   "reverse"?:[{"direction","targetLossUsd","found","t","moves","lossUsd","byUnderlying","maxLossUsd"}]}
--scenario takes a scenario id (file name without .json) or all (default). Scenarios with a
correlation shock also report a 1-day 99% Monte Carlo VaR with and without it (20,000 paths).
--reverse L finds the smallest shock losing L USD along: all spots down, all spots up, and the
Monte Carlo tail direction.`;

function loadScenarios(dir: string, which: string): Scenario[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    throw new CliUsageError(`cannot read scenario directory ${dir}`);
  }
  if (which !== 'all') {
    if (!names.includes(`${which}.json`)) {
      throw new CliUsageError(
        `unknown scenario "${which}" (available: ${names.map((n) => n.replace(/\.json$/, '')).join(', ')})`,
      );
    }
    names = [`${which}.json`];
  }
  return names.map((n) => {
    let value: unknown;
    try {
      value = JSON.parse(readText(join(dir, n)));
    } catch {
      throw new CliUsageError(`${n} is not valid JSON`);
    }
    try {
      return parseScenario(value, n);
    } catch (err) {
      if (err instanceof ScenarioError) throw new CliUsageError(err.message);
      throw err;
    }
  });
}

function stressedVar(input: RiskBookInput, s: ShockScenario): { base: number; stressed: number } {
  const { book, file } = input;
  const model = buildFactorModel(book.underlyings, file.underlyings, file.history);
  const opts = {
    paths: 20_000,
    horizonsDays: [1],
    confidences: [0.99],
    seed: 1,
    incremental: false,
  };
  const v = (m: typeof model) =>
    monteCarloVar(book, m, opts).horizons[0]?.results[0]?.var as number;
  return { base: v(model), stressed: v(withCorrelationShock(model, s.correlation ?? [])) };
}

function gridOut(input: RiskBookInput, g: GridScenario) {
  const nodes = expandGrid(g).map((s) => ({ s, r: runStress(input.book, input.portfolio, s) }));
  const spots = [...new Set(nodes.map((n) => n.s.default?.spot as number))];
  const vols = [...new Set(nodes.map((n) => n.s.default?.vol as number))];
  const worst = nodes.reduce((a, b) => (b.r.pnlUsd < a.r.pnlUsd ? b : a));
  return {
    id: g.id,
    name: g.name,
    spot: spots,
    vol: vols,
    rateShiftBps: g.rateShiftBps,
    pnlUsd: g.rateShiftBps.map((_, ri) =>
      vols.map((_, vi) =>
        spots.map(
          (_, si) => nodes[(ri * vols.length + vi) * spots.length + si]?.r.pnlUsd as number,
        ),
      ),
    ),
    worst: { name: worst.s.name, pnlUsd: worst.r.pnlUsd },
  };
}

function scenarioOut(r: StressResult) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    pnlUsd: r.pnlUsd,
    revaluationPnlUsd: r.revaluationPnlUsd,
    liquidityCostUsd: r.liquidityCostUsd,
    byUnderlying: r.byUnderlying,
    shocks: r.shocks,
  };
}

function reverse(input: RiskBookInput, loss: number) {
  const { book, file } = input;
  const nU = book.underlyings.length;
  const model = buildFactorModel(book.underlyings, file.underlyings, file.history);
  const mc = monteCarloVar(book, model, {
    paths: 20_000,
    horizonsDays: [1],
    confidences: [0.99],
    keepPnl: true,
    incremental: false,
  });
  const f = simulateFactorsRange(model, [1], 1, 0, 20_000)[0];
  const dirs = [proportionalDirection(nU, -1), proportionalDirection(nU, 1)];
  const v99 = mc.horizons[0]?.results[0]?.var as number;
  if (f && mc.horizons[0]?.pnl && v99 > 0)
    dirs.push(tailDirection(f.x, f.v, mc.horizons[0].pnl, v99, nU));
  return dirs.map((d) => reverseStress(book, loss, d));
}

export const stressCommand: CliCommand = {
  name: 'stress',
  summary: 'stress scenarios, spot x vol x rate grid and reverse stress on a saved book',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    const input = readBook(requiredFlag(parsed, 'book'));
    const dir = stringFlag(parsed, 'dir') ?? join(defaultAssetsDir(), 'scenarios');
    const scenarios = loadScenarios(dir, stringFlag(parsed, 'scenario') ?? 'all');
    const liquidity = positionLiquidity(input);
    const shocks = scenarios.filter((s): s is ShockScenario => s.kind !== 'grid');
    const results = shocks
      .map((s) => {
        const out: Record<string, unknown> = scenarioOut(
          runStress(input.book, input.portfolio, s, liquidity),
        );
        if (s.correlation && s.correlation.length > 0) out.stressedVar99_1d = stressedVar(input, s);
        return out;
      })
      .sort((a, b) => (a.pnlUsd as number) - (b.pnlUsd as number));
    const grids = scenarios
      .filter((s): s is GridScenario => s.kind === 'grid')
      .map((g) => gridOut(input, g));
    const out: Record<string, unknown> = {
      currency: 'USD',
      asOf: new Date(input.file.asOfMs).toISOString(),
      scenarios: results,
      grids,
    };
    if (stringFlag(parsed, 'reverse') !== undefined) {
      const loss = numberFlag(parsed, 'reverse', 0);
      if (!(loss > 0)) throw new CliUsageError('--reverse must be a loss in USD > 0');
      out.reverse = reverse(input, loss);
    }
    writeJson(io, out);
    return 0;
  },
};
