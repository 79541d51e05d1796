/**
 * The perpetuals the demo desk lists on four simulated venues, so "venues side by side" works
 * offline: Binance USD-M, Bybit and OKX linear USDT swaps (8-hour funding at 00/08/16 UTC) and
 * Deribit's inverse BTC-PERPETUAL / ETH-PERPETUAL (continuous funding, quoted per 8 hours).
 * Contract sizes are the venues' (ccxt unified): OKX 0.01 BTC / 0.1 ETH, Deribit 10 / 1 USD.
 *
 * Each perp's premium over its index is the Binance BTC premium of the market model (the
 * reference process) times `beta`, plus an offset and its own mean-reverting deviation; the
 * funding rate follows the venue's rule (`shared/quant/perps/funding-rate.ts`).
 */
import type { PerpMarket } from '../../../shared/domain/derivatives';
import type { PerpetualInstrument } from '../../../shared/domain/instrument';
import { defaultFundingRule, type FundingRule } from '../../../shared/quant/perps/funding-rate';
import type { PerpVenue } from '../../../shared/quant/perps/types';

export interface DemoPremiumParams {
  /** Loading on the reference (Binance BTC) premium. */
  beta: number;
  offset: number;
  /** Own deviation: OU speed per year and vol. */
  kappa: number;
  vol: number;
}

/** How a perp's history before the live desk is made (see demo-funding-history.ts). */
export interface DemoHistoryParams {
  /** Loading on the Binance BTC daily funding series, offset per interval, own noise sd. */
  beta: number;
  offset: number;
  noiseSd: number;
}

export interface DemoPerp {
  market: PerpMarket;
  instrument: PerpetualInstrument;
  rule: FundingRule;
  /** Null for the reference perp (its premium is the market model's own). */
  premium: DemoPremiumParams | null;
  history: DemoHistoryParams;
}

export const REFERENCE_PERP_ID = 'binanceusdm:BTC/USDT:USDT';

interface Def {
  venue: 'binanceusdm' | 'bybit' | 'okx' | 'deribit';
  base: 'BTC' | 'ETH';
  premium: DemoPremiumParams | null;
  history: DemoHistoryParams;
}

const RULE_VENUE: Record<Def['venue'], PerpVenue> = {
  binanceusdm: 'binance',
  bybit: 'bybit',
  okx: 'okx',
  deribit: 'deribit',
};

const own = (beta: number, offset: number, vol = 0.004): DemoPremiumParams => ({
  beta,
  offset,
  kappa: 500,
  vol,
});

const DEFS: Def[] = [
  { venue: 'binanceusdm', base: 'BTC', premium: null, history: { beta: 1, offset: 0, noiseSd: 0 } },
  {
    venue: 'binanceusdm',
    base: 'ETH',
    premium: own(1.2, 0.00001, 0.004),
    history: { beta: 1.15, offset: 0.00001, noiseSd: 0.00004 },
  },
  {
    venue: 'bybit',
    base: 'BTC',
    premium: own(1, 0.00001),
    history: { beta: 1, offset: 0.000005, noiseSd: 0.00002 },
  },
  {
    venue: 'bybit',
    base: 'ETH',
    premium: own(1.2, 0.00001, 0.004),
    history: { beta: 1.15, offset: 0.000015, noiseSd: 0.00004 },
  },
  {
    venue: 'okx',
    base: 'BTC',
    premium: own(1, -0.00001),
    history: { beta: 0.9, offset: -0.00001, noiseSd: 0.00003 },
  },
  {
    venue: 'okx',
    base: 'ETH',
    premium: own(1.1, -0.00001, 0.004),
    history: { beta: 1.05, offset: 0, noiseSd: 0.00005 },
  },
  {
    venue: 'deribit',
    base: 'BTC',
    premium: own(1, 0.00001, 0.003),
    history: { beta: 0.7, offset: -0.00002, noiseSd: 0.00005 },
  },
  {
    venue: 'deribit',
    base: 'ETH',
    premium: own(1.1, 0.00001, 0.004),
    history: { beta: 0.8, offset: -0.00002, noiseSd: 0.00006 },
  },
];

function contractSizeOf(d: Def): number {
  if (d.venue === 'okx') return d.base === 'BTC' ? 0.01 : 0.1;
  if (d.venue === 'deribit') return d.base === 'BTC' ? 10 : 1;
  return 1;
}

function instrumentOf(d: Def): PerpetualInstrument {
  const inverse = d.venue === 'deribit';
  const symbol = inverse ? `${d.base}/USD:${d.base}` : `${d.base}/USDT:USDT`;
  return {
    id: `${d.venue}:${symbol}`,
    venue: d.venue,
    symbol,
    underlying: d.base,
    quoteCurrency: inverse ? 'USD' : 'USDT',
    kind: 'perpetual',
    settlement: inverse ? 'inverse' : 'linear',
    contractSize: contractSizeOf(d),
    fundingIntervalHours: 8,
  };
}

export const DEMO_PERPS: readonly DemoPerp[] = DEFS.map((d) => {
  const instrument = instrumentOf(d);
  return {
    instrument,
    market: {
      instrumentId: instrument.id,
      venue: instrument.venue,
      symbol: instrument.symbol,
      underlying: instrument.underlying,
      settlement: instrument.settlement,
      contractSize: instrument.contractSize,
      fundingIntervalHours: instrument.fundingIntervalHours,
    },
    rule: defaultFundingRule(RULE_VENUE[d.venue]),
    premium: d.premium,
    history: d.history,
  };
});

export function demoPerp(instrumentId: string): DemoPerp | undefined {
  return DEMO_PERPS.find((p) => p.market.instrumentId === instrumentId);
}
