/**
 * The sample book created on first launch: three accounts (IB, Binance, Deribit) holding what
 * the desk trades -- MSTR stock and options, QQQ stock and puts, BTC spot, BTC and ETH perps,
 * Deribit BTC options and a short BTC-PERPETUAL. Strikes are chosen from the listed chains around today's spot, entry
 * prices a little away from today's marks so the P&L column is not all zeros.
 */
import type { Account, Position } from '../../../shared/domain/account';
import type { Instrument, OptionRight } from '../../../shared/domain/instrument';
import type { BookData } from '../venue-gateway';
import {
  BTC_SPOT,
  chainSpec,
  equityInstrument,
  linearPerp,
  nearestStrike,
} from '../../../shared/sim/demo-instruments';
import { quoteInstrument, type DemoMarketView } from '../../../shared/sim/demo-quotes';
import { demoPerp } from './demo-perp-markets';
import type { DemoUnderlying } from '../../../shared/sim/demo-universe';

export const DEMO_ACCOUNTS: Account[] = [
  {
    id: 'demo-ib',
    venue: 'ib',
    name: 'IB U7654321 (demo)',
    baseCurrency: 'USD',
    source: 'demo',
    marginMode: 'portfolio',
  },
  {
    id: 'demo-binance',
    venue: 'binanceusdm',
    name: 'Binance USD-M (demo)',
    baseCurrency: 'USDT',
    source: 'demo',
    marginMode: 'cross',
  },
  {
    id: 'demo-deribit',
    venue: 'deribit',
    name: 'Deribit BTC (demo)',
    baseCurrency: 'BTC',
    source: 'demo',
    marginMode: 'cross',
  },
];

interface Leg {
  account: string;
  instrument: Instrument;
  quantity: number;
  leverage?: number;
  /** Entry price relative to today's mark (0.9 = bought 10% below). */
  entryVsMark: number;
}

function option(
  view: DemoMarketView,
  u: DemoUnderlying,
  right: OptionRight,
  moneyness: number,
  expiryIndex: number,
): Instrument {
  const spec = chainSpec(u, view.spot[u], view.tsMs);
  const expiryMs = spec.expiries[Math.min(expiryIndex, spec.expiries.length - 1)] as number;
  const strike = nearestStrike(spec.strikesFor(expiryMs), view.spot[u] * moneyness);
  return spec.make(right, strike, expiryMs);
}

function deribitBtcPerp(): Instrument {
  const perp = demoPerp('deribit:BTC/USD:BTC');
  if (!perp) throw new Error('sample book: the demo desk lists no Deribit BTC perpetual');
  return perp.instrument;
}

export function createSampleBook(view: DemoMarketView): BookData {
  const legs: Leg[] = [
    { account: 'demo-ib', instrument: equityInstrument('MSTR'), quantity: 3000, entryVsMark: 0.92 },
    {
      account: 'demo-ib',
      instrument: option(view, 'MSTR', 'call', 1.2, 3),
      quantity: 40,
      entryVsMark: 0.85,
    },
    {
      account: 'demo-ib',
      instrument: option(view, 'MSTR', 'put', 0.85, 2),
      quantity: -25,
      entryVsMark: 1.15,
    },
    { account: 'demo-ib', instrument: equityInstrument('QQQ'), quantity: 400, entryVsMark: 0.97 },
    {
      account: 'demo-ib',
      instrument: option(view, 'QQQ', 'put', 0.95, 4),
      quantity: 30,
      entryVsMark: 1.1,
    },
    { account: 'demo-binance', instrument: BTC_SPOT, quantity: 2, entryVsMark: 0.9 },
    {
      account: 'demo-binance',
      instrument: linearPerp('BTC'),
      quantity: -4,
      // A leveraged cross account: the demo venue opens it near a 600% margin ratio.
      leverage: 50,
      entryVsMark: 1.012,
    },
    {
      account: 'demo-binance',
      instrument: linearPerp('ETH'),
      quantity: 30,
      leverage: 50,
      entryVsMark: 0.985,
    },
    {
      account: 'demo-deribit',
      instrument: option(view, 'BTC', 'call', 1.15, 5),
      quantity: 15,
      entryVsMark: 0.8,
    },
    {
      account: 'demo-deribit',
      instrument: option(view, 'BTC', 'put', 0.8, 7),
      quantity: -10,
      entryVsMark: 1.2,
    },
    {
      account: 'demo-deribit',
      instrument: option(view, 'BTC', 'call', 1.0, 3),
      quantity: 5,
      entryVsMark: 1.05,
    },
    {
      // BTC-PERPETUAL, 10 USD contracts: a short hedging part of the calls' delta.
      account: 'demo-deribit',
      instrument: deribitBtcPerp(),
      quantity: -40_000,
      leverage: 10,
      entryVsMark: 0.985,
    },
  ];
  const positions: Position[] = legs.map((leg, i) => {
    const q = quoteInstrument(leg.instrument, view);
    if (!q) throw new Error(`sample book: no quote for ${leg.instrument.id}`);
    return {
      id: `demo-pos-${String(i + 1).padStart(2, '0')}`,
      accountId: leg.account,
      instrumentId: leg.instrument.id,
      quantity: leg.quantity,
      avgPrice: Number((q.mark * leg.entryVsMark).toPrecision(6)),
      openedMs: view.tsMs - (i + 3) * 86_400_000,
      leverage: leg.leverage ?? 1,
    };
  });
  return { accounts: DEMO_ACCOUNTS, instruments: legs.map((l) => l.instrument), positions };
}
