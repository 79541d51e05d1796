/**
 * Pre-trade check latency as the user sees it: `margin.previewTrade` through the contract
 * dispatch into the worker pool and back, on the real services (demo desk, SQLite, workers),
 * p99 over 200 tickets of random size and side. Baseline in the same run: the same preview
 * computed in-process (no contract, no pool), i.e. the pure cost.
 */
import { dispatch } from '../../shared/contract/dispatch';
import { previewTrade, type PreTradeInput } from '../../shared/quant/perps-live/pre-trade';
import { BTC_USDT, binanceInput } from '../unit/perps-live/margin-fixtures';
import { withServices } from '../helpers/services-harness';
import type { Benchmark } from './bench-types';

function p99(ms: number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] as number;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'whatif.p99',
    unit: 'ms',
    higherIsBetter: false,
    async run() {
      const harness = await withServices({ computeWorkers: 2 });
      try {
        await harness.services.book.nextSnapshot();
        const times: number[] = [];
        for (let i = 0; i < 220; i++) {
          const input = {
            accountId: 'demo-binance',
            ticket: {
              instrumentId: 'binanceusdm:BTC/USDT:USDT',
              side: i % 2 ? 'buy' : 'sell',
              contracts: 0.1 + (i % 7) * 0.3,
              leverage: 20,
            },
          };
          const t0 = performance.now();
          const r = await dispatch(harness.services.handlers, 'margin.previewTrade', input, {
            transport: 'in-process',
          });
          if (!r.ok) throw new Error(r.error.message);
          if (i >= 20) times.push(performance.now() - t0);
        }
        const direct: number[] = [];
        for (let i = 0; i < 220; i++) {
          const input: PreTradeInput = {
            account: binanceInput(),
            ticket: {
              instrumentId: BTC_USDT.instrumentId,
              side: i % 2 ? 'buy' : 'sell',
              contracts: 0.1 + (i % 7) * 0.3,
              leverage: 20,
            },
            markPrice: 55_000,
          };
          const t0 = performance.now();
          previewTrade(input);
          if (i >= 20) direct.push(performance.now() - t0);
        }
        return {
          value: p99(times),
          baseline: p99(direct),
          extra: {
            tickets: times.length,
            medianMs: [...times].sort((a, b) => a - b)[times.length >> 1] as number,
            baselineMethod: 'previewTrade in-process (no contract, no pool)',
          },
        };
      } finally {
        await harness.stop();
      }
    },
  },
];
