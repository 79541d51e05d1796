// `npm run bench [-- NAME]`: runs every test/bench/*.bench.ts benchmark whose name contains NAME
// and prints one JSON line each: {"name","unit","value","baseline","ratio", ...extra}.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from '../test/bench/bench-types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const benchDir = join(root, 'test', 'bench');
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as {
    benchmarks?: Benchmark[];
  };
  for (const bench of mod.benchmarks ?? []) {
    if (!bench.name.includes(filter)) continue;
    const { value, baseline, extra } = await bench.run();
    const ratio = bench.higherIsBetter ? value / baseline : baseline / value;
    const round = (x: number) => Number(x.toPrecision(4));
    console.log(
      JSON.stringify({
        name: bench.name,
        unit: bench.unit,
        value: round(value),
        baseline: round(baseline),
        ratio: round(ratio),
        ...extra,
      }),
    );
  }
}
