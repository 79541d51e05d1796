import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { api } from '../../shared/contract/api';
import { dispatch, type ApiHandlers } from '../../shared/contract/dispatch';
import { ServiceError } from '../../shared/contract/result';
import { bookSnapshotSchema, quoteSchema } from '../../shared/contract/schemas';
import { clientFrameSchema } from '../../shared/contract/ws-protocol';

const ctx = { transport: 'in-process' as const };

const notUsed = (): never => {
  throw new Error('not used');
};

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const base: ApiHandlers = {
    'app.getInfo': () => ({
      name: 'Cerberus',
      version: '0',
      desk: 'demo',
      dataDir: '/x',
      transport: 'in-process',
      startedMs: 1,
      workers: 1,
    }),
    'book.getSnapshot': () => null,
    'market.getQuotes': () => [],
    'market.getUnderlyings': () => [],
    'market.getCandles': () => [],
    'limits.list': () => [],
    'basis.getReport': () => {
      throw new Error('not used');
    },
    'basis.getLive': () => {
      throw new Error('not used');
    },
    'basis.listHoldings': () => ({
      lastRecordedDayMs: null,
      current: null,
      purchases: [],
      changes: [],
    }),
    'basis.recordPurchase': () => {
      throw new Error('not used');
    },
    'basis.getHedge': () => {
      throw new Error('not used');
    },
    'surface.getStatus': notUsed,
    'surface.getFit': notUsed,
    'surface.getGrid': notUsed,
    'surface.getHistory': notUsed,
    'surface.refit': notUsed,
    'surface.getSettings': notUsed,
    'surface.setSettings': notUsed,
    'surface.getBookVols': notUsed,
    'surface.getLocalVol': notUsed,
    'surface.getModels': notUsed,
    'surface.calibrateModels': notUsed,
    'surface.cancelModels': notUsed,
    'funding.getBoard': notUsed,
    'funding.getHistory': notUsed,
    'margin.getReport': notUsed,
    'margin.computeProbability': notUsed,
    'margin.cancelProbability': notUsed,
    'margin.listAlerts': notUsed,
    'margin.acknowledgeAlerts': notUsed,
    'margin.listTicketInstruments': notUsed,
    'margin.previewTrade': notUsed,
    'margin.setMarginSystem': notUsed,
    'connections.list': notUsed,
    'connections.save': notUsed,
    'connections.remove': notUsed,
    'connections.test': notUsed,
    'connections.setDesk': notUsed,
    'risk.getLatest': notUsed,
    'risk.getSummary': notUsed,
    'risk.getStatus': notUsed,
    'risk.run': notUsed,
    'risk.cancel': notUsed,
    'risk.getHistory': notUsed,
    'risk.listScenarios': notUsed,
    'risk.saveScenario': notUsed,
    'risk.deleteScenario': notUsed,
  };
  return { ...base, ...overrides };
}

describe('contract dispatch', () => {
  it('answers a valid request', async () => {
    const r = await dispatch(handlers(), 'limits.list', {}, ctx);
    expect(r).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown keys, including prototype names', async () => {
    for (const key of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      42,
      null,
      undefined,
      { a: 1 },
    ]) {
      const r = await dispatch(handlers(), key, {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('unknown-key');
    }
  });

  it('refuses junk input with a message naming the field', async () => {
    const cases: unknown[] = [
      { series: 'BTC', bucket: '5s' },
      { series: '', bucket: '1m' },
      { series: 'BTC', bucket: '1m', limit: Number.NaN },
      { series: 'BTC', bucket: '1m', limit: -1 },
      { series: 'BTC', bucket: '1m', fromMs: 'yesterday' },
      { series: 'BTC', bucket: '1m', extra: true },
      'BTC',
      [1, 2, 3],
    ];
    for (const input of cases) {
      const r = await dispatch(handlers(), 'market.getCandles', input, ctx);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('invalid-input');
    }
  });

  it('never lets a throw cross the boundary', async () => {
    const r = await dispatch(
      handlers({
        'limits.list': () => {
          throw new Error('disk on fire');
        },
      }),
      'limits.list',
      {},
      ctx,
    );
    expect(r).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'limits.list failed: disk on fire' },
    });
    const s = await dispatch(
      handlers({
        'limits.list': () => {
          throw new ServiceError('not-found', 'no such limit');
        },
      }),
      'limits.list',
      {},
      ctx,
    );
    expect(s).toEqual({ ok: false, error: { kind: 'not-found', message: 'no such limit' } });
  });

  it('catches a NaN in handler output when output validation is on', async () => {
    const bad = handlers({
      'market.getQuotes': () => [{ instrumentId: 'x', tsMs: 1, mark: Number.NaN }],
    });
    const r = await dispatch(bad, 'market.getQuotes', {}, ctx, { validateOutput: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/mark/);
  });

  it('rejects arbitrary junk for every key without throwing (property)', async () => {
    const keys = Object.keys(api);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.anything(), async (key, input) => {
        const r = await dispatch(handlers(), key, input, ctx);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('schemas', () => {
  it('refuse NaN, Infinity and negative prices in quotes', () => {
    for (const mark of [Number.NaN, Infinity, -1, 0]) {
      expect(quoteSchema.safeParse({ instrumentId: 'x', tsMs: 1, mark }).success).toBe(false);
    }
    expect(quoteSchema.safeParse({ instrumentId: 'x', tsMs: 1, mark: 1.5 }).success).toBe(true);
  });

  it('refuse a book snapshot with a non-finite Greek', () => {
    const risk = {
      positionId: 'p',
      accountId: 'a',
      instrumentId: 'i',
      underlying: 'BTC',
      quantity: 1,
      price: 1,
      priceCurrency: 'USD',
      marketValueUsd: 1,
      unrealizedPnlUsd: 0,
      dayPnlUsd: 0,
      deltaUnits: 1,
      deltaUsd: 1,
      gammaUsdPer1Pct: Number.NaN,
      vegaUsdPerVolPt: 0,
      thetaUsdPerDay: 0,
      freshness: 'live',
    };
    const totals = {
      marketValueUsd: 0,
      unrealizedPnlUsd: 0,
      dayPnlUsd: 0,
      deltaUsd: 0,
      gammaUsdPer1Pct: 0,
      vegaUsdPerVolPt: 0,
      thetaUsdPerDay: 0,
    };
    const snap = {
      tsMs: 1,
      seq: 1,
      accounts: [],
      instruments: [],
      positions: [],
      risks: [risk],
      underlyings: [],
      totals,
      computeMs: 0,
    };
    expect(bookSnapshotSchema.safeParse(snap).success).toBe(false);
    expect(
      bookSnapshotSchema.safeParse({ ...snap, risks: [{ ...risk, gammaUsdPer1Pct: 0 }] }).success,
    ).toBe(true);
  });

  it('validate WebSocket frames', () => {
    expect(
      clientFrameSchema.safeParse({ t: 'invoke', id: 1, key: 'limits.list', input: {} }).success,
    ).toBe(true);
    expect(clientFrameSchema.safeParse({ t: 'invoke', id: -1, key: 'x' }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ t: 'hack', id: 1 }).success).toBe(false);
  });
});
