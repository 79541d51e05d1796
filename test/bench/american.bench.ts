// American option throughput: BS2002 and the accurate (ALO) method against a plain 500-step
// CRR tree on the same options, in the same run. `extra` reports the max relative error of each
// against the QuantLib reference (test/fixtures/reference/american_alo_quantlib.csv).
import { readFileSync } from 'node:fs';
import { americanBs2002Price, americanAccuratePrice } from '../../shared/quant/american';
import type { BsmInput } from '../../shared/quant/pricing/types';
import { medianMs, type Benchmark } from './bench-types';

function loadOptions(): { inputs: BsmInput[]; refs: number[] } {
  const lines = readFileSync('test/fixtures/reference/american_alo_quantlib.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const inputs: BsmInput[] = [];
  const refs: number[] = [];
  for (const line of lines) {
    const f = line.split(',');
    inputs.push({
      type: f[0] === 'call' ? 'call' : 'put',
      spot: Number(f[1]),
      strike: Number(f[2]),
      tYears: Number(f[4]),
      rate: Number(f[5]),
      carryYield: Number(f[6]),
      volAnnual: Number(f[7]),
    });
    refs.push(Number(f[8]));
  }
  return { inputs, refs };
}

/** Baseline: the textbook CRR loop, 500 steps, American exercise. */
function crr500(o: BsmInput): number {
  const n = 500;
  const dt = o.tYears / n;
  const u = Math.exp(o.volAnnual * Math.sqrt(dt));
  const d = 1 / u;
  const p = (Math.exp((o.rate - o.carryYield) * dt) - d) / (u - d);
  const disc = Math.exp(-o.rate * dt);
  const sign = o.type === 'call' ? 1 : -1;
  const v = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) v[j] = Math.max(sign * (o.spot * u ** (2 * j - n) - o.strike), 0);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = 0; j <= i; j++) {
      const cont = disc * (p * (v[j + 1] as number) + (1 - p) * (v[j] as number));
      v[j] = Math.max(cont, sign * (o.spot * u ** (2 * j - i) - o.strike));
    }
  }
  return v[0] as number;
}

function maxRelError(inputs: BsmInput[], refs: number[], price: (o: BsmInput) => number): number {
  let worst = 0;
  inputs.forEach((o, i) => {
    const ref = refs[i] as number;
    if (ref >= 1e-4 * o.strike) worst = Math.max(worst, Math.abs(price(o) - ref) / ref);
  });
  return worst;
}

function run(name: string, price: (o: BsmInput) => number, repeats: number): Benchmark {
  return {
    name,
    unit: 'options/s/core',
    higherIsBetter: true,
    run() {
      const { inputs, refs } = loadOptions();
      let sink = 0;
      const ours = medianMs(() => {
        for (let r = 0; r < repeats; r++) for (const o of inputs) sink += price(o);
      }, 5);
      const baselineInputs = inputs.slice(0, 100);
      const base = medianMs(() => {
        for (const o of baselineInputs) sink += crr500(o);
      }, 3);
      return {
        value: (repeats * inputs.length) / (ours / 1000),
        baseline: baselineInputs.length / (base / 1000),
        extra: {
          options: inputs.length,
          maxRelErr: Number(maxRelError(inputs, refs, price).toPrecision(3)),
          baselineMaxRelErr: Number(
            maxRelError(baselineInputs, refs.slice(0, 100), crr500).toPrecision(3),
          ),
          checksum: Number.isFinite(sink) ? 'ok' : 'bad',
        },
      };
    },
  };
}

export const benchmarks: Benchmark[] = [
  run('pricing.american_bs2002', americanBs2002Price, 20),
  run('pricing.american_accurate', (o) => americanAccuratePrice(o), 1),
];
