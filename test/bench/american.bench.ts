// American option throughput on the QuantLib reference grid (600 options, 100 distinct
// (T, r, q, vol) boundaries): BS2002 and the accurate (ALO) method through their batch APIs, and
// the accurate Greeks, each against a plain baseline in the same run (a 500-step CRR tree for
// prices, bump-every-input finite differences for the Greeks). `extra` reports the max relative
// error against the QuantLib reference (test/fixtures/reference/american_alo_quantlib.csv) and,
// for the accurate method, the throughput without boundary reuse (every row's vol nudged by a
// relative 1e-12 i, so each row solves its own boundary).
import { readFileSync } from 'node:fs';
import {
  americanAccurateBatch,
  americanBs2002Batch,
  americanGreeks,
  chooseAloScheme,
  priceAmerican,
  type AmericanInput,
} from '../../shared/quant/american';
import type { BsmBatchInput } from '../../shared/quant/pricing/batch';
import type { BsmInput } from '../../shared/quant/pricing/types';
import { medianMs, type Benchmark } from './bench-types';

interface Options {
  inputs: BsmInput[];
  refs: number[];
  batch: BsmBatchInput;
}

function loadOptions(): Options {
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
  const n = inputs.length;
  const batch: BsmBatchInput = {
    type: new Int8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    tYears: new Float64Array(n),
    rate: new Float64Array(n),
    carryYield: new Float64Array(n),
    volAnnual: new Float64Array(n),
  };
  inputs.forEach((o, i) => {
    batch.type[i] = o.type === 'call' ? 1 : -1;
    batch.spot[i] = o.spot;
    batch.strike[i] = o.strike;
    batch.tYears[i] = o.tYears;
    batch.rate[i] = o.rate;
    batch.carryYield[i] = o.carryYield;
    batch.volAnnual[i] = o.volAnnual;
  });
  return { inputs, refs, batch };
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

function maxRelError(inputs: BsmInput[], refs: number[], price: (i: number) => number): number {
  let worst = 0;
  inputs.forEach((o, i) => {
    const ref = refs[i] as number;
    if (ref >= 1e-4 * o.strike) worst = Math.max(worst, Math.abs(price(i) - ref) / ref);
  });
  return worst;
}

/** The batch with every row's vol nudged by a relative 1e-12 i: no two rows share a boundary. */
function distinctKeys(batch: BsmBatchInput): BsmBatchInput {
  const volAnnual = batch.volAnnual.map((v, i) => v * (1 + 1e-12 * i));
  return { ...batch, volAnnual };
}

function crrBaseline(o: Options, sinkRef: { sink: number }) {
  const baselineInputs = o.inputs.slice(0, 100);
  const ms = medianMs(() => {
    for (const x of baselineInputs) sinkRef.sink += crr500(x);
  }, 3);
  return {
    perS: baselineInputs.length / (ms / 1000),
    maxRelErr: maxRelError(baselineInputs, o.refs.slice(0, 100), (i) =>
      crr500(baselineInputs[i] as BsmInput),
    ),
  };
}

function batchBench(
  name: string,
  batchFn: (inp: BsmBatchInput, out: Float64Array, start?: number, end?: number) => number,
  repeats: number,
  reportNoReuse: boolean,
): Benchmark {
  return {
    name,
    unit: 'options/s/core',
    higherIsBetter: true,
    run() {
      const o = loadOptions();
      const n = o.inputs.length;
      const out = new Float64Array(n);
      const sinkRef = { sink: 0 };
      const ours = medianMs(() => {
        for (let r = 0; r < repeats; r++) batchFn(o.batch, out, 0, n);
        sinkRef.sink += out[0] as number;
      }, 5);
      const unique = distinctKeys(o.batch);
      const single = reportNoReuse ? medianMs(() => batchFn(unique, out, 0, n), 3) : 0;
      batchFn(o.batch, out, 0, n);
      const base = crrBaseline(o, sinkRef);
      return {
        value: (repeats * n) / (ours / 1000),
        baseline: base.perS,
        extra: {
          options: n,
          ...(reportNoReuse
            ? { noReuseOptionsPerS: Number((n / (single / 1000)).toPrecision(3)) }
            : {}),
          maxRelErr: Number(maxRelError(o.inputs, o.refs, (i) => out[i] as number).toPrecision(3)),
          baselineMaxRelErr: Number(base.maxRelErr.toPrecision(3)),
          checksum: Number.isFinite(sinkRef.sink) ? 'ok' : 'bad',
        },
      };
    },
  };
}

/** Baseline Greeks: central differences bumping every input, a fresh boundary per price. */
function bumpEveryInput(input: AmericanInput): number {
  const rPut = input.type === 'put' ? input.rate : input.carryYield;
  const qPut = input.type === 'put' ? input.carryYield : input.rate;
  const scheme = chooseAloScheme(rPut, qPut, input.volAnnual, input.tYears);
  const price = (x: AmericanInput) => priceAmerican(x, 'accurate', { scheme });
  const hS = input.spot * 1e-3;
  const h = 1e-5;
  const dt = Math.min(1 / 365, input.tYears / 4);
  let sum = price(input);
  for (const [k, step] of [
    ['spot', hS],
    ['volAnnual', 1e-3 * input.volAnnual],
    ['rate', h],
    ['carryYield', h],
    ['tYears', dt],
  ] as const) {
    sum += price({ ...input, [k]: input[k] + step }) - price({ ...input, [k]: input[k] - step });
  }
  return sum;
}

const greeksBench: Benchmark = {
  name: 'pricing.american_greeks',
  unit: 'greek sets/s/core',
  higherIsBetter: true,
  run() {
    const inputs = loadOptions().inputs.filter((_, i) => i % 6 === 0);
    let sink = 0;
    const ours = medianMs(() => {
      for (const x of inputs) sink += americanGreeks(x, 'accurate').vega;
    }, 5);
    const base = medianMs(() => {
      for (const x of inputs) sink += bumpEveryInput(x);
    }, 3);
    return {
      value: inputs.length / (ours / 1000),
      baseline: inputs.length / (base / 1000),
      extra: { options: inputs.length, checksum: Number.isFinite(sink) ? 'ok' : 'bad' },
    };
  },
};

export const benchmarks: Benchmark[] = [
  batchBench('pricing.american_bs2002', americanBs2002Batch, 5, false),
  batchBench('pricing.american_accurate', americanAccurateBatch, 5, true),
  greeksBench,
];
