/**
 * One benchmark of `npm run bench`. `run` measures our implementation (`value`) and, in the same
 * process and run, a straightforward baseline implementation (`baseline`), both in `unit`.
 * `higherIsBetter` says whether `value` is a throughput (options/s) or a duration (s, ms): the
 * printed `ratio` is always the speed-up over the baseline (> 1 means Cerberus is faster).
 */
export interface Benchmark {
  name: string;
  unit: string;
  higherIsBetter: boolean;
  run(): Promise<BenchResult> | BenchResult;
}

export interface BenchResult {
  value: number;
  baseline: number;
  /** Optional extra figures printed alongside (accuracy, sizes). */
  extra?: Record<string, number | string>;
}

/** Median wall time in ms of `fn` over `repeats` runs after one warm-up. */
export function medianMs(fn: () => void, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
