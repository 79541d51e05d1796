import { describe, it, expect } from 'vitest';
import { MS_PER_DAY, parseUtcMs } from '../../../shared/domain/time';
import { alignBasisSeries } from '../../../shared/quant/basis/align';
import { parseBtcDailyCsv, parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import { BasisDataError, type MstrDailyRow } from '../../../shared/quant/basis/types';

const day = (iso: string): number => parseUtcMs(iso) as number;

function row(iso: string, extra: Partial<MstrDailyRow> = {}): MstrDailyRow {
  return {
    dateMs: day(iso),
    closeUsd: 100,
    marketCapUsd: 2e9,
    btcPriceUsd: 50_000,
    btcHoldings: 20_000,
    ...extra,
  };
}

const week = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];

describe('alignBasisSeries: ordering', () => {
  it('sorts newest-first input silently and returns oldest first', () => {
    const res = alignBasisSeries({ mstr: [...week].reverse().map((d) => row(d)) });
    expect(res.days.map((d) => d.dateMs)).toEqual(week.map(day));
    expect(res.warnings).toEqual([]);
  });

  it('sorts shuffled input and says so', () => {
    const shuffled = [week[2], week[0], week[4], week[1], week[3]].map((d) => row(d as string));
    const res = alignBasisSeries({ mstr: shuffled });
    expect(res.days.map((d) => d.dateMs)).toEqual(week.map(day));
    expect(res.warnings.map((w) => w.code)).toEqual(['data.unsortedInput']);
  });

  it('rejects duplicate dates, naming the date', () => {
    expect(() =>
      alignBasisSeries({ mstr: [row('2024-01-02'), row('2024-01-02 15:30:00')] }),
    ).toThrow(/duplicate MSTR date 2024-01-02/);
  });

  it('keeps only days up to asOf (UTC date) and reports gaps longer than 5 calendar days', () => {
    const res = alignBasisSeries({
      mstr: [...week, '2024-01-20'].map((d) => row(d)),
      asOfMs: day('2024-01-20') + 0.5 * MS_PER_DAY,
    });
    expect(res.days).toHaveLength(6);
    expect(res.gaps).toEqual([
      { fromMs: day('2024-01-08'), toMs: day('2024-01-20'), calendarDays: 12 },
    ]);
    expect(res.warnings[0]?.message).toMatch(/widest 12 days from 2024-01-08 to 2024-01-20/);
    expect(
      alignBasisSeries({ mstr: week.map((d) => row(d)), asOfMs: day('2024-01-04') }).days,
    ).toHaveLength(3);
    expect(() =>
      alignBasisSeries({ mstr: week.map((d) => row(d)), asOfMs: day('2023-12-01') }),
    ).toThrow(/no MSTR rows on or before 2023-12-01/);
  });
});

describe('alignBasisSeries: bad values', () => {
  it('rejects a zero or negative price with the date', () => {
    expect(() =>
      alignBasisSeries({ mstr: [row('2024-01-02'), row('2024-01-03', { closeUsd: 0 })] }),
    ).toThrow(new BasisDataError('MSTR close must be a positive number on 2024-01-03, got 0'));
    expect(() => alignBasisSeries({ mstr: [row('2024-01-04', { btcPriceUsd: -5 })] })).toThrow(
      /BTC price must be a positive number on 2024-01-04, got -5/,
    );
    expect(() => alignBasisSeries({ mstr: [row('2024-01-05', { marketCapUsd: NaN })] })).toThrow(
      /market cap must be a positive number on 2024-01-05/,
    );
    expect(() =>
      alignBasisSeries({
        mstr: [row('2024-01-02')],
        btc: [{ dateMs: day('2024-01-02'), priceUsd: 0 }],
      }),
    ).toThrow(/BTC price must be a positive number on 2024-01-02, got 0/);
  });

  it('carries missing holdings forward with a warning', () => {
    const mstr = week.map((d, i) =>
      row(d, i === 2 || i === 3 ? { btcHoldings: undefined } : { btcHoldings: 1000 + i }),
    );
    const res = alignBasisSeries({ mstr });
    expect(res.days.map((d) => d.btcHoldings)).toEqual([1000, 1001, 1001, 1001, 1004]);
    expect(res.days.map((d) => d.holdingsCarried)).toEqual([false, false, true, true, false]);
    expect(res.warnings).toEqual([
      {
        code: 'data.holdingsCarriedForward',
        message:
          'BTC holdings missing on 2024-01-04, 2024-01-05: carried forward from the last known value',
      },
    ]);
  });

  it('throws when holdings are missing with nothing earlier to carry', () => {
    expect(() =>
      alignBasisSeries({
        mstr: [row('2024-01-02', { btcHoldings: undefined }), row('2024-01-03')],
      }),
    ).toThrow(/BTC holdings missing on 2024-01-02 and no earlier value to carry forward/);
    expect(() => alignBasisSeries({ mstr: [row('2024-01-02', { btcHoldings: 0 })] })).toThrow(
      /BTC holdings must be a positive number on 2024-01-02, got 0/,
    );
  });

  it('prefers the BTC series, falls back to the row price (warning), drops days with neither (warning)', () => {
    const mstr = week.map((d, i) => row(d, i === 4 ? { btcPriceUsd: undefined } : {}));
    const btc = week.slice(0, 2).map((d) => ({ dateMs: day(d), priceUsd: 60_000 }));
    const res = alignBasisSeries({ mstr, btc });
    expect(res.days.map((d) => d.btcPriceUsd)).toEqual([60_000, 60_000, 50_000, 50_000]);
    expect(res.days.map((d) => d.btcPriceSource)).toEqual([
      'btc-series',
      'btc-series',
      'mstr-row',
      'mstr-row',
    ]);
    expect(res.warnings.map((w) => w.code)).toEqual(['data.btcPriceFallback', 'data.rowsDropped']);
    expect(res.warnings[1]?.message).toBe('no BTC price on 2024-01-08: day dropped');
  });
});

describe('CSV parsing errors carry line numbers', () => {
  const header = 'timestamp,close,market_cap,btc_price,btc_holdings';
  it('reports a bad date, a missing close and a missing column', () => {
    expect(() => parseMstrDailyCsv(`${header}\n2024-01-03,1,2,3,4\n2024-13-01,1,2,3,4\n`)).toThrow(
      /MSTR CSV line 3: invalid date "2024-13-01"/,
    );
    expect(() => parseMstrDailyCsv(`${header}\n2024-01-03,,2,3,4\n`)).toThrow(
      /MSTR CSV line 2 \(2024-01-03\): "close" is missing or not a number/,
    );
    expect(() => parseMstrDailyCsv('timestamp,close,market_cap\n2024-01-03,1,2\n')).toThrow(
      /btc_holdings/,
    );
    expect(() => parseMstrDailyCsv(`${header}\n2024-01-03,1,2\n`)).toThrow(
      /line 2: expected 5 fields, found 3/,
    );
  });

  it('reads blank optional cells as missing, not zero', () => {
    const rows = parseMstrDailyCsv(`${header},debt\n2024-01-03,1,2,,4,\n`);
    expect(rows[0]?.btcPriceUsd).toBeUndefined();
    expect(rows[0]?.debtUsd).toBeUndefined();
    expect(parseBtcDailyCsv('date,price\n2024-01-03,42000.5\n')).toEqual([
      { dateMs: day('2024-01-03'), priceUsd: 42000.5 },
    ]);
  });
});
