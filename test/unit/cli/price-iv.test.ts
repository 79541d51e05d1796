import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/io/csv';
import { jsonLines, runCli } from '../../helpers/cli-run';

const line = (o: object) => JSON.stringify(o) + '\n';

describe('cerberus price', () => {
  it('prices every reference row within 1e-10 relative or 1e-12 absolute', async () => {
    const rows = parseCsv(readFileSync('test/fixtures/reference/european_bsm.csv', 'utf8')).rows;
    const input = rows
      .map((r, i) =>
        line({
          id: String(i),
          model: 'bsm',
          style: 'european',
          type: r['type'],
          S: +r['S']!,
          K: +r['K']!,
          T: +r['T_years']!,
          r: +r['r']!,
          q: +r['q']!,
          sigma: +r['sigma']!,
        }),
      )
      .join('');
    const { code, stdout } = await runCli(['price'], input);
    expect(code).toBe(0);
    const out = jsonLines(stdout);
    expect(out).toHaveLength(rows.length);
    out.forEach((o, i) => {
      const r = rows[i] as Record<string, string>;
      for (const g of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho']) {
        const want = Number(r[g]);
        const got = o[g] as number;
        expect(
          Math.abs(got - want) <= 1e-12 || Math.abs(got - want) / Math.abs(want) <= 1e-10,
          `row ${i} ${g}: ${got} vs ${want}`,
        ).toBe(true);
      }
    });
  });

  it('writes exactly the documented keys, for Black-76 and American too', async () => {
    const keys = [
      'id',
      'price',
      'delta',
      'gamma',
      'vega',
      'theta',
      'rho',
      'vanna',
      'volga',
      'charm',
      'speed',
      'zomma',
      'color',
    ];
    const { stdout } = await runCli(
      ['price'],
      line({
        id: 'b',
        model: 'black76',
        type: 'call',
        F: 100,
        K: 95,
        T: 0.5,
        r: 0.03,
        discounted: true,
        sigma: 0.25,
      }) +
        line({
          id: 'a',
          model: 'bsm',
          style: 'american',
          type: 'put',
          S: 100,
          K: 100,
          T: 1,
          r: 0.05,
          q: 0,
          sigma: 0.3,
        }),
    );
    for (const o of jsonLines(stdout)) {
      expect(Object.keys(o)).toEqual(keys);
      for (const k of keys.slice(1)) expect(Number.isFinite(o[k])).toBe(true);
    }
  });

  it('reports bad lines with a clear error and keeps going', async () => {
    const { code, stdout } = await runCli(
      ['price'],
      [
        line({ id: 1, type: 'call', S: 100, K: 100, T: 1, sigma: -0.2 }),
        line({ id: 2, type: 'call', S: 'abc', K: 100, T: 1, sigma: 0.2 }),
        line({ id: 3, type: 'straddle', S: 100, K: 100, T: 1, sigma: 0.2 }),
        line({ id: 4, type: 'call', S: 100, K: 100, T: 0, sigma: 0.2 }),
        line({ id: 5, model: 'black76', type: 'call', S: 100, K: 100, T: 1, sigma: 0.2 }),
        'not json\n',
        line({ id: 6, type: 'call', S: 100, K: 100, T: 1, sigma: 0.2 }),
      ].join(''),
    );
    expect(code).toBe(0);
    const out = jsonLines(stdout);
    expect(out.map((o) => o['error'])).toEqual([
      'sigma must be > 0',
      'S must be a finite number',
      'type must be "call" or "put"',
      'T must be > 0',
      'F (forward) is required for model black76',
      'line is not valid JSON',
      undefined,
    ]);
    expect(out[6]?.['price']).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/NaN|Infinity|null,"price"/);
  });
});

describe('cerberus iv', () => {
  it('recovers every reference implied vol to 1e-12 relative', async () => {
    const rows = parseCsv(
      readFileSync('test/fixtures/reference/implied_vol_black76_dev.csv', 'utf8'),
    ).rows;
    const input = rows
      .map((r, i) =>
        line({
          id: i,
          model: 'black76',
          type: r['type'],
          F: +r['F']!,
          K: +r['K']!,
          T: +r['T_years']!,
          r: 0,
          discounted: false,
          price: Number(r['price_mp_str']),
        }),
      )
      .join('');
    const out = jsonLines((await runCli(['iv'], input)).stdout);
    out.forEach((o, i) => {
      const want = Number((rows[i] as Record<string, string>)['sigma_true']);
      expect(Math.abs((o['sigma'] as number) / want - 1), `row ${i}`).toBeLessThanOrEqual(1e-12);
    });
  });

  it('refuses prices outside the no-arbitrage bounds', async () => {
    const out = jsonLines(
      (
        await runCli(
          ['iv'],
          line({ id: 'lo', type: 'call', S: 100, K: 90, T: 1, r: 0, price: 5 }) +
            line({ id: 'hi', type: 'call', S: 100, K: 90, T: 1, r: 0, price: 150 }) +
            line({
              id: 'am',
              style: 'american',
              type: 'put',
              S: 100,
              K: 120,
              T: 1,
              r: 0.05,
              price: 15,
            }),
        )
      ).stdout,
    );
    expect(out[0]?.['error']).toMatch(/below intrinsic/);
    expect(out[1]?.['error']).toMatch(/above/);
    expect(out[2]?.['error']).toMatch(/below the immediate-exercise value/);
  });

  it('round-trips American prices through price and iv', async () => {
    const base = {
      model: 'bsm',
      style: 'american',
      type: 'put',
      S: 90,
      K: 100,
      T: 0.75,
      r: 0.04,
      q: 0.01,
    };
    const priced = jsonLines(
      (await runCli(['price'], line({ ...base, id: 'p', sigma: 0.45 }))).stdout,
    )[0];
    const iv = jsonLines(
      (await runCli(['iv'], line({ ...base, id: 'p', price: priced?.['price'] }))).stdout,
    )[0];
    expect(iv?.['sigma']).toBeCloseTo(0.45, 6);
  });
});

describe('cerberus CLI', () => {
  it('prints help and refuses unknown commands with exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/price/);
    const bad = await runCli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr.split('\n')[0] ?? '{}')).toEqual({
      error: 'unknown command "frobnicate"',
    });
  });
});
