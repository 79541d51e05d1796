/** Accounts for the margin tests: the sample book's Binance (cross USDT) and Deribit (BTC) shapes. */
import { readFileSync } from 'node:fs';
import type {
  AccountMarginState,
  MarginBracket,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import type { MarginAccountInput } from '../../../shared/quant/perps-live/margin-spec';

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/venues/recordings/binance.json', import.meta.url), 'utf8'),
) as { options: { leverageBrackets: Record<string, [string, string][]> } };

export function binanceRows(symbol: string): [string, string][] {
  const rows = recording.options.leverageBrackets[symbol];
  if (!rows) throw new Error(`no recorded brackets for ${symbol}`);
  return rows;
}

export function binanceBrackets(symbol: string): MarginBracket[] {
  return tiersFromBrackets(binanceRows(symbol)).map((t) => ({ ...t }));
}

export const BTC_USDT: PerpMarket = {
  instrumentId: 'binanceusdm:BTC/USDT:USDT',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  underlying: 'BTC',
  settlement: 'linear',
  contractSize: 1,
  fundingIntervalHours: 8,
};
export const ETH_USDT: PerpMarket = {
  ...BTC_USDT,
  instrumentId: 'binanceusdm:ETH/USDT:USDT',
  symbol: 'ETH/USDT:USDT',
  underlying: 'ETH',
};
export const BTC_PERP_DERIBIT: PerpMarket = {
  instrumentId: 'deribit:BTC/USD:BTC',
  venue: 'deribit',
  symbol: 'BTC/USD:BTC',
  underlying: 'BTC',
  settlement: 'inverse',
  contractSize: 10,
  fundingIntervalHours: 8,
};

export function binanceAccount(
  walletBalance = 4_700,
  btcMark = 55_000,
  ethMark = 1_900,
): AccountMarginState {
  return {
    accountId: 'demo-binance',
    venue: 'binanceusdm',
    tsMs: Date.UTC(2026, 10, 22),
    currency: 'USDT',
    walletBalance,
    positions: [
      {
        instrumentId: BTC_USDT.instrumentId,
        side: 'short',
        contracts: 4,
        entryPrice: 55_660,
        markPrice: btcMark,
        leverage: 50,
        marginMode: 'cross',
      },
      {
        instrumentId: ETH_USDT.instrumentId,
        side: 'long',
        contracts: 30,
        entryPrice: 1_870,
        markPrice: ethMark,
        leverage: 50,
        marginMode: 'cross',
      },
    ],
  };
}

export function binanceInput(account = binanceAccount()): MarginAccountInput {
  return {
    account,
    name: 'Binance USD-M (demo)',
    markets: [BTC_USDT, ETH_USDT],
    brackets: {
      [BTC_USDT.instrumentId]: binanceBrackets('BTC/USDT:USDT'),
      [ETH_USDT.instrumentId]: binanceBrackets('ETH/USDT:USDT'),
    },
    vols: { BTC: 0.45, ETH: 0.6 },
  };
}

export const DERIBIT_TIERS = [
  { floor: 0, cap: 25, mmr: 0.005625 },
  { floor: 25, cap: Infinity, mmr: 0.006875 },
];
export const DERIBIT_BRACKETS: MarginBracket[] = DERIBIT_TIERS;

export function deribitInput(walletBalance = 1.1, mark = 55_000): MarginAccountInput {
  return {
    account: {
      accountId: 'demo-deribit',
      venue: 'deribit',
      tsMs: Date.UTC(2026, 10, 22),
      currency: 'BTC',
      walletBalance,
      positions: [
        {
          instrumentId: BTC_PERP_DERIBIT.instrumentId,
          side: 'short',
          contracts: 40_000,
          entryPrice: 54_200,
          markPrice: mark,
          leverage: 10,
          marginMode: 'cross',
        },
      ],
    },
    name: 'Deribit BTC (demo)',
    markets: [BTC_PERP_DERIBIT],
    brackets: { [BTC_PERP_DERIBIT.instrumentId]: DERIBIT_BRACKETS },
    vols: { BTC: 0.45 },
  };
}
