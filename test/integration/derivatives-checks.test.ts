/**
 * The crypto-derivatives additions on the real services (real workers, real SQLite, output
 * validation on): the trade preview in the compute pool equals the library call, the ticket keys
 * through the contract, the funding board's futures and mark checks, and the demo
 * portfolio-margin switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract/api';
import { dispatch } from '../../shared/contract/dispatch';
import { previewTrade, type PreTradeInput } from '../../shared/quant/perps-live/pre-trade';
import { BTC_USDT, binanceInput } from '../unit/perps-live/margin-fixtures';
import { withServices } from '../helpers/services-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const ctx = { transport: 'in-process' as const };

async function ok<T>(key: string, input: unknown): Promise<T> {
  const r = await dispatch(harness.services.handlers, key, input, ctx, { validateOutput: true });
  if (!r.ok) throw new Error(`${key}: ${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  harness = await withServices();
});
afterAll(async () => {
  await harness?.stop();
});

describe('derivatives checks on the real services', () => {
  it('the pool computes the trade preview exactly as the library does', async () => {
    const input: PreTradeInput = {
      account: binanceInput(),
      ticket: { instrumentId: BTC_USDT.instrumentId, side: 'sell', contracts: 2, leverage: 50 },
      markPrice: 55_000,
    };
    const out = await harness.services.pool.run((api, c) => api.tradePreview(input, c)).promise;
    expect(out.preview).toEqual(previewTrade(input));
  });

  it('offers the ticket instruments and previews a risk-reducing trade through the contract', async () => {
    const t = await ok<ApiOutput<'margin.listTicketInstruments'>>('margin.listTicketInstruments', {
      accountId: 'demo-binance',
    });
    expect(t.instruments.map((i) => i.instrumentId)).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:ETH/USDT:USDT',
    ]);
    const p = await ok<ApiOutput<'margin.previewTrade'>>('margin.previewTrade', {
      accountId: 'demo-binance',
      ticket: {
        instrumentId: 'binanceusdm:BTC/USDT:USDT',
        side: 'buy',
        contracts: 1,
        leverage: 50,
      },
    });
    expect(p.kind).toBe('reduce');
    expect(p.reducesRisk).toBe(true);
    expect(p.after.marginRatio as number).toBeGreaterThan(p.before.marginRatio as number);
    const refused = await ok<ApiOutput<'margin.previewTrade'>>('margin.previewTrade', {
      accountId: 'demo-deribit',
      ticket: { instrumentId: 'binanceusdm:BTC/USDT:USDT', side: 'buy', contracts: 1, leverage: 5 },
    });
    expect(refused.refused).toBe(true);
  });

  it('carries dated futures and the mark/index check on the funding board', async () => {
    const board = await ok<ApiOutput<'funding.getBoard'>>('funding.getBoard', {});
    // The board is rebuilt each second; wait for one built with the samplers.
    await expect
      .poll(
        async () => (await ok<ApiOutput<'funding.getBoard'>>('funding.getBoard', {})).marks.length,
        {
          timeout: 5_000,
        },
      )
      .toBe(8);
    const next = await ok<ApiOutput<'funding.getBoard'>>('funding.getBoard', {});
    // Deribit: the front monthly and three quarterlies; Binance: two quarterlies; by expiry.
    expect(next.futures.filter((f) => f.venue === 'deribit')).toHaveLength(4);
    expect(next.futures.filter((f) => f.venue === 'binanceusdm')).toHaveLength(2);
    const expiries = next.futures.map((f) => f.expiryMs);
    expect(expiries).toEqual([...expiries].sort((a, b) => a - b));
    for (const f of next.futures) {
      expect(f.annualisedSimple).toBeGreaterThan(0.04);
      expect(f.annualisedSimple).toBeLessThan(0.06);
    }
    for (const m of next.marks) {
      expect(m.index.from).toBe('constituents');
      expect(Number.isFinite(m.diffBps)).toBe(true);
    }
    expect(board.rows).toHaveLength(8);
  });

  it('switches the demo Binance account to portfolio margin and back', async () => {
    await ok('margin.setMarginSystem', { accountId: 'demo-binance', system: 'portfolio' });
    const r = await ok<ApiOutput<'margin.getReport'>>('margin.getReport', {});
    const b = r.accounts.find((a) => a.accountId === 'demo-binance');
    expect(r.switchableAccounts).toEqual(['demo-binance']);
    expect(b?.portfolioMargin?.collateralValue).toBeGreaterThan(0);
    expect(b?.portfolioMargin?.uniMmr as number).toBeGreaterThan(b?.marginRatio as number);
    await ok('margin.setMarginSystem', { accountId: 'demo-binance', system: 'standard' });
    const back = await ok<ApiOutput<'margin.getReport'>>('margin.getReport', {});
    expect(back.accounts.find((a) => a.accountId === 'demo-binance')?.portfolioMargin).toBeNull();
    const deribit = await dispatch(
      harness.services.handlers,
      'margin.setMarginSystem',
      { accountId: 'nope', system: 'portfolio' },
      ctx,
    );
    expect(deribit.ok).toBe(false);
  });
});
