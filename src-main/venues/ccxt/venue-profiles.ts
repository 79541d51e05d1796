/**
 * What differs between the four venues, in one table: page limits of the funding-history
 * endpoints, how a history request is bounded above, which markets `loadMarkets` should load
 * (derivatives only: ccxt loads spot too by default), which currencies list options, and
 * whether the key needs a passphrase.
 */
import type { CcxtVenueId } from './ccxt-exchange';

export interface VenueProfile {
  venue: CcxtVenueId;
  label: string;
  /** Most funding-history rows one request returns (the venue's documented maximum). */
  fundingPageLimit: number;
  /** Request parameters that bound a funding-history request at `untilMs` (inclusive). */
  fundingUntil: (untilMs: number) => Record<string, number>;
  /** Funding interval when the venue does not state one per market. */
  defaultFundingIntervalHours: number;
  /** OKX keys come with a passphrase (ccxt `password`). */
  needsPassword: boolean;
  /** ccxt `options` entries merged over the class defaults. */
  ccxtOptions: Record<string, Record<string, unknown>>;
  /** Base currencies whose option chains the venue lists. */
  optionCurrencies: readonly string[];
  /** Where the user creates a read-only key (shown in the Connections screen). */
  keyHelp: string;
}

export const VENUE_PROFILES: Record<CcxtVenueId, VenueProfile> = {
  binanceusdm: {
    venue: 'binanceusdm',
    label: 'Binance USD-M futures',
    // GET /fapi/v1/fundingRate: limit up to 1000, startTime/endTime.
    fundingPageLimit: 1000,
    fundingUntil: (untilMs) => ({ until: untilMs }),
    defaultFundingIntervalHours: 8,
    needsPassword: false,
    ccxtOptions: { fetchMarkets: { types: ['linear'] } },
    optionCurrencies: [],
    keyHelp: 'API Management: enable "Enable Reading" only.',
  },
  bybit: {
    venue: 'bybit',
    label: 'Bybit (unified)',
    // GET /v5/market/funding/history: limit [1, 200], startTime/endTime.
    fundingPageLimit: 200,
    fundingUntil: (untilMs) => ({ until: untilMs }),
    defaultFundingIntervalHours: 8,
    needsPassword: false,
    ccxtOptions: {
      fetchMarkets: { types: ['linear', 'inverse', 'option'], options: ['BTC', 'ETH'] },
    },
    optionCurrencies: ['BTC', 'ETH'],
    keyHelp: 'API: choose "Read-Only" permissions.',
  },
  okx: {
    venue: 'okx',
    label: 'OKX',
    // GET /api/v5/public/funding-rate-history: limit up to 100, newest first; `after` bounds it.
    fundingPageLimit: 100,
    fundingUntil: (untilMs) => ({ after: untilMs + 1 }),
    defaultFundingIntervalHours: 8,
    needsPassword: true,
    ccxtOptions: { fetchMarkets: { types: ['swap', 'future', 'option'] } },
    optionCurrencies: ['BTC', 'ETH'],
    keyHelp: 'API: permission "Read" only; the passphrase is needed.',
  },
  deribit: {
    venue: 'deribit',
    label: 'Deribit',
    // GET /public/get_funding_rate_history: hourly rows, at most 744 per request.
    fundingPageLimit: 744,
    fundingUntil: (untilMs) => ({ until: untilMs }),
    // Deribit quotes an 8-hour rate accrued continuously, sampled hourly.
    defaultFundingIntervalHours: 8,
    needsPassword: false,
    ccxtOptions: {},
    optionCurrencies: ['BTC', 'ETH'],
    keyHelp: 'API: scopes account:read, trade:read, wallet:read (no read_write).',
  },
};
