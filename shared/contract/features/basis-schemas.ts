/**
 * Zod schemas of the MSTR-BTC basis feature's data (report view, live metrics, holdings, hedge),
 * each checked against its TypeScript type so the two cannot drift. `z.number()` refuses NaN and
 * Infinity: the report's "no value that day" travels as null.
 */
import { z } from 'zod';
import type { BookHedge } from '../../quant/basis/book-hedge';
import type { DecouplingScenario } from '../../quant/basis/decoupling';
import type {
  FundamentalsState,
  HoldingsChange,
  HoldingsPurchase,
} from '../../quant/basis/holdings-timeline';
import type { BasisLive } from '../../quant/basis/live';
import type { BasisReportView } from '../../quant/basis/report-view';

const num = z.number();
const nullableNum = num.nullable();
const tsMs = z.number().int();
const criticalValues = z.object({ '1%': num, '5%': num, '10%': num });
const series = z.array(nullableNum);
const garch = z.object({
  omega: num,
  alpha: num,
  beta: num,
  persistence: num,
  volAnnual: num,
  converged: z.boolean(),
});

export const decouplingSchema = z.object({
  mode: z.enum(['lowerBand', 'sigmaMove']),
  k: num,
  horizonDays: nullableNum,
  mNavFrom: num,
  mNavTo: num,
  premiumFrom: num,
  premiumTo: num,
  logMNavChange: num,
  mstrSpotMove: num,
  btcSpotMove: z.literal(0),
  zFrom: num,
  zTo: num,
  alreadyBelowTarget: z.boolean(),
  scenario: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.literal('hypothetical'),
    description: z.string(),
    source: z.string(),
    shocks: z.object({
      BTC: z.object({ spot: num }),
      MSTR: z.object({ spot: num, vol: num }),
    }),
  }),
}) satisfies z.ZodType<DecouplingScenario>;

const bandLevels = z.object({ mean: num, upper: num, lower: num });

export const basisReportSchema = z.object({
  asOfMs: tsMs,
  n: z.number().int(),
  lookbackDays: z.number().int(),
  windowReturns: z.number().int(),
  latest: z.object({
    dateMs: tsMs,
    mstrCloseUsd: num,
    btcPriceUsd: num,
    btcHoldings: num,
    marketCapUsd: num,
    sharesOutstanding: num,
    btcNavUsd: num,
    btcNavPerShareUsd: num,
  }),
  mNav: num,
  enterpriseMNav: nullableNum,
  premium: num,
  btcPerShare: num,
  btcNavPerShareUsd: num,
  ou: z
    .object({
      series: z.literal('logMNav'),
      speed: num,
      speedStdError: num,
      mean: num,
      meanMNav: num,
      volatility: num,
      halfLifeDays: num,
      stationaryStd: num,
      zScore: num,
      current: num,
      nObs: z.number().int(),
    })
    .nullable(),
  adf: z
    .object({
      series: z.literal('logMNav'),
      trend: z.literal('c'),
      statistic: num,
      pValue: num,
      lags: z.number().int(),
      nObs: z.number().int(),
      criticalValues,
    })
    .nullable(),
  engleGranger: z
    .object({
      y: z.literal('logMstrClose'),
      x: z.literal('logBtcPrice'),
      statistic: num,
      pValue: num,
      lags: z.number().int(),
      nObs: z.number().int(),
      criticalValues,
      cointegratingBeta: num,
    })
    .nullable(),
  beta: z.object({
    current: num,
    source: z.literal('ewma'),
    ewma: num,
    dcc: nullableNum,
    ols: nullableNum,
    instability20d: nullableNum,
  }),
  correlation: z.object({
    current: num,
    source: z.literal('ewma'),
    ewma: num,
    dcc: nullableNum,
    sample: nullableNum,
  }),
  garchDcc: z
    .object({
      mstr: garch,
      btc: garch,
      dcc: z.object({ a: num, b: num, converged: z.boolean() }),
      nObs: z.number().int(),
    })
    .nullable(),
  tailDependence: z
    .object({
      coefficient: num,
      rho: num,
      nu: num,
      kendallTau: num,
      nuAtUpperBound: z.boolean(),
      nObs: z.number().int(),
      margins: z.enum(['garchStandardizedResiduals', 'logReturns']),
    })
    .nullable(),
  impliedLeverage: z
    .object({
      value: num,
      standardError: num,
      correlation: num,
      upBeta: num,
      downBeta: num,
      asymmetry: num,
      volatilityRatio: num,
      balanceSheetLeverage: nullableNum,
      nObs: z.number().int(),
    })
    .nullable(),
  hedgeRatio: z
    .object({
      beta: num,
      betaSource: z.literal('ewma'),
      btcNotionalPerUsdMstr: num,
      btcPerShare: num,
      mstrPriceUsd: num,
      btcPriceUsd: num,
    })
    .nullable(),
  riskScore: z.number().min(0).max(100),
  riskScoreComponents: z.object({
    premiumDeviation: nullableNum,
    leverage: nullableNum,
    tailDependence: nullableNum,
    betaInstability: nullableNum,
  }),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  series: z.object({
    dateMs: z.array(tsMs),
    mNav: series,
    premium: series,
    enterpriseMNav: series,
    ewmaBeta: series,
    ewmaCorrelation: series,
    dccBeta: series,
    dccCorrelation: series,
    zScore: series,
  }),
  bands: z
    .object({
      k: num,
      windowStartMs: tsMs,
      windowEndMs: tsMs,
      mNav: bandLevels,
      premium: bandLevels,
    })
    .nullable(),
  decoupling: z.object({ band: decouplingSchema, sigma: decouplingSchema }).nullable(),
  data: z.object({
    mstrDays: z.number().int(),
    firstDayMs: tsMs,
    lastRecordedDayMs: tsMs.nullable(),
    lastPurchaseDayMs: tsMs.nullable(),
    purchases: z.number().int(),
    daysWithoutFundamentals: z.number().int(),
    weekendRowsDropped: z.number().int(),
  }),
}) satisfies z.ZodType<BasisReportView>;

export const basisLiveSchema = z.object({
  tsMs: tsMs,
  mstrSpotUsd: num,
  btcSpotUsd: num,
  btcHoldings: num,
  sharesOutstanding: num,
  marketCapUsd: num,
  btcNavUsd: num,
  btcNavPerShareUsd: num,
  btcPerShare: num,
  mNav: num,
  premium: num,
  enterpriseMNav: nullableNum,
  zScore: nullableNum,
  hedgeBtcPerShare: nullableNum,
}) satisfies z.ZodType<BasisLive>;

export const fundamentalsStateSchema = z.object({
  asOfDayMs: tsMs,
  source: z.enum(['recorded', 'user']),
  btcHoldings: num,
  sharesOutstanding: num,
  debtUsd: nullableNum,
  preferredUsd: nullableNum,
  cashUsd: nullableNum,
}) satisfies z.ZodType<FundamentalsState>;

export const holdingsPurchaseSchema = z.object({
  id: z.number().int(),
  dayMs: tsMs,
  btcBought: num,
  btcHoldings: num,
  avgCostUsd: nullableNum,
  sharesOutstanding: nullableNum,
  debtUsd: nullableNum,
  preferredUsd: nullableNum,
  cashUsd: nullableNum,
  note: z.string().nullable(),
  recordedMs: tsMs,
}) satisfies z.ZodType<HoldingsPurchase>;

export const holdingsChangeSchema = z.object({
  dayMs: tsMs,
  btcHoldings: num,
  changeBtc: num,
  source: z.enum(['recorded', 'user']),
  purchaseId: z.number().int().nullable(),
}) satisfies z.ZodType<HoldingsChange>;

const hedgeLeg = z.object({ positionId: z.string(), instrumentId: z.string(), deltaUnits: num });

export const bookHedgeSchema = z.object({
  mstrDeltaShares: num,
  mstrDeltaUsd: num,
  hedgeBtcPerShare: num,
  btcEquivalentOfMstr: num,
  btcToHedgeMstr: num,
  bookBtcDelta: num,
  residualBtc: num,
  residualUsd: num,
  btcToTrade: num,
  coverage: nullableNum,
  mstrLegs: z.array(hedgeLeg),
  btcLegs: z.array(hedgeLeg),
}) satisfies z.ZodType<BookHedge>;
