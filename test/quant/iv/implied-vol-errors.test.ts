import { describe, it, expect } from 'vitest';
import { impliedVolBlack76, impliedVolBsm } from '../../../shared/quant/iv/implied-vol';
import { ImpliedVolError } from '../../../shared/quant/iv/implied-vol-error';
import type { ImpliedVolFailure } from '../../../shared/quant/iv/implied-vol-error';
import type { Black76ImpliedVolInput } from '../../../shared/quant/iv/implied-vol';

const base: Black76ImpliedVolInput = {
  type: 'call',
  forward: 100,
  strike: 110,
  tYears: 0.5,
  price: 3,
};

function failure(fn: () => number): { reason: ImpliedVolFailure; message: string } {
  try {
    const v = fn();
    throw new Error(`expected an ImpliedVolError, got ${v}`);
  } catch (e) {
    if (!(e instanceof ImpliedVolError)) throw e;
    return { reason: e.reason, message: e.message };
  }
}

describe('implied vol bad input', () => {
  it.each([
    ['zero price', { price: 0 }],
    ['negative price', { price: -1 }],
    ['NaN price', { price: NaN }],
    ['infinite price', { price: Infinity }],
    ['zero T', { tYears: 0 }],
    ['negative T', { tYears: -0.1 }],
    ['NaN T', { tYears: NaN }],
    ['zero forward', { forward: 0 }],
    ['negative forward', { forward: -100 }],
    ['infinite forward', { forward: Infinity }],
    ['zero strike', { strike: 0 }],
    ['negative strike', { strike: -5 }],
    ['NaN strike', { strike: NaN }],
    ['zero discount factor', { discountFactor: 0 }],
    ['NaN discount factor', { discountFactor: NaN }],
  ] as const)('%s -> invalid-input', (_name, patch) => {
    const f = failure(() => impliedVolBlack76({ ...base, ...patch }));
    expect(f.reason).toBe('invalid-input');
    expect(f.message).toMatch(/^invalid input: /);
  });

  it('rejects an unknown option type at run time', () => {
    const bad = { ...base, type: 'straddle' } as unknown as Black76ImpliedVolInput;
    expect(failure(() => impliedVolBlack76(bad)).reason).toBe('invalid-input');
  });

  it('price below intrinsic -> below-intrinsic (calls and puts, discounted)', () => {
    const call = failure(() =>
      impliedVolBlack76({ type: 'call', forward: 120, strike: 100, tYears: 1, price: 19.9 }),
    );
    expect(call.reason).toBe('below-intrinsic');
    expect(call.message).toMatch(/price below intrinsic value/);
    const put = failure(() =>
      impliedVolBlack76({
        type: 'put',
        forward: 80,
        strike: 100,
        tYears: 1,
        price: 18,
        discountFactor: 0.95,
      }),
    );
    expect(put.reason).toBe('below-intrinsic');
  });

  it('price at or above the upper bound -> above-maximum', () => {
    const call = failure(() => impliedVolBlack76({ ...base, price: 100 }));
    expect(call.reason).toBe('above-maximum');
    expect(call.message).toMatch(/price above the forward\/strike upper bound/);
    // Discounted: the bound is F * df for calls, K * df for puts.
    const callDf = failure(() => impliedVolBlack76({ ...base, price: 95.5, discountFactor: 0.95 }));
    expect(callDf.reason).toBe('above-maximum');
    const put = failure(() =>
      impliedVolBlack76({ type: 'put', forward: 100, strike: 110, tYears: 1, price: 110 }),
    );
    expect(put.reason).toBe('above-maximum');
    const putDf = failure(() =>
      impliedVolBlack76({
        type: 'put',
        forward: 100,
        strike: 110,
        tYears: 1,
        price: 104.6,
        discountFactor: 0.95,
      }),
    );
    expect(putDf.reason).toBe('above-maximum');
  });

  it('just inside the bounds still solves', () => {
    expect(impliedVolBlack76({ ...base, price: 99.99 })).toBeGreaterThan(5);
    expect(
      impliedVolBlack76({ type: 'call', forward: 120, strike: 100, tYears: 1, price: 20 + 1e-9 }),
    ).toBeGreaterThan(0);
  });

  it('BSM validates spot, rate and yield', () => {
    const bsm = {
      type: 'call' as const,
      spot: 100,
      strike: 100,
      tYears: 1,
      rate: 0.05,
      carryYield: 0,
      price: 10,
    };
    expect(failure(() => impliedVolBsm({ ...bsm, spot: 0 })).reason).toBe('invalid-input');
    expect(failure(() => impliedVolBsm({ ...bsm, rate: NaN })).reason).toBe('invalid-input');
    expect(failure(() => impliedVolBsm({ ...bsm, carryYield: Infinity })).reason).toBe(
      'invalid-input',
    );
    // Call above S e^{-qT}: impossible.
    expect(failure(() => impliedVolBsm({ ...bsm, price: 100.5 })).reason).toBe('above-maximum');
    // Put below K e^{-rT} - S: below intrinsic.
    expect(
      failure(() => impliedVolBsm({ ...bsm, type: 'put', strike: 150, price: 40 })).reason,
    ).toBe('below-intrinsic');
  });

  it('errors are ImpliedVolError instances with name and reason', () => {
    try {
      impliedVolBlack76({ ...base, price: -1 });
    } catch (e) {
      expect(e).toBeInstanceOf(ImpliedVolError);
      expect(e).toBeInstanceOf(Error);
      expect((e as ImpliedVolError).name).toBe('ImpliedVolError');
    }
  });
});
