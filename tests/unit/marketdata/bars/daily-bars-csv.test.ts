import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DailyBarsCsvError, dailyReturns, parseDailyBarsCsv } from '../../../../src/main/marketdata/bars';

const BARS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', '../shared/data/bars');
const HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';

function errorOf(text: string): DailyBarsCsvError {
  try {
    parseDailyBarsCsv(text);
  } catch (error) {
    if (error instanceof DailyBarsCsvError) return error;
    throw error;
  }
  throw new Error('expected a DailyBarsCsvError');
}

describe('daily bars CSV (Yahoo Finance layout)', () => {
  it('parses every real file in ../shared/data/bars with the README row counts and date ranges', () => {
    for (const [file, rows, first, last] of [
      ['AAPL_daily.csv', 3_379, '2004-08-19', '2018-01-19'],
      ['GOOG_daily.csv', 3_379, '2004-08-19', '2018-01-19'],
      ['SPY_daily.csv', 2_519, '2007-12-31', '2017-12-29'],
      ['INTC_daily.csv', 2_335, '1995-01-03', '2004-04-08'],
    ] as const) {
      const bars = parseDailyBarsCsv(readFileSync(path.join(BARS_DIR, file), 'utf8'));
      expect([bars.length, bars[0]!.date, bars.at(-1)!.date], file).toEqual([rows, first, last]);
    }
  });

  it('converts dollars to micro-dollars exactly', () => {
    const goog = parseDailyBarsCsv(readFileSync(path.join(BARS_DIR, 'GOOG_daily.csv'), 'utf8'));
    expect(goog.at(-1)).toEqual({
      date: '2018-01-19',
      open: 1_131_829_956,
      high: 1_137_859_985,
      low: 1_128_300_049,
      close: 1_137_510_010,
      adjClose: 1_137_510_010,
      volume: 1_387_700,
    });
  });

  it('keeps the two real SPY rows whose Open is below the Low', () => {
    const spy = parseDailyBarsCsv(readFileSync(path.join(BARS_DIR, 'SPY_daily.csv'), 'utf8'));
    const odd = spy.filter((b) => b.open < b.low).map((b) => b.date);
    expect(odd).toEqual(['2015-03-05', '2015-03-30']);
  });

  it('accepts CRLF line ends, a BOM and a trailing blank line', () => {
    const text = `\uFEFF${HEADER}\r\n2024-01-02,1,2,0.5,1.5,1.5,100\r\n2024-01-03,1.5,2,1,2,2,200\r\n\r\n`;
    expect(parseDailyBarsCsv(text).map((b) => b.adjClose)).toEqual([1_500_000, 2_000_000]);
  });

  it('rejects a wrong header', () => {
    expect(errorOf('Date,Close\n2024-01-02,1').problems).toEqual([{ line: 1, message: expect.stringContaining('expected the header') }]);
  });

  it('names each malformed row by line number', () => {
    const text = [
      HEADER,
      '2024-01-02,1,2,0.5,1.5,1.5,100',
      '2024-01-03,1,2,0.5,null,1.5,100',
      '2024-01-04,1,2,0.5',
      '2024-02-30,1,2,0.5,1.5,1.5,100',
      '2024-01-05,1,2,0.5,1.5,1.5,12.5',
      '2024-01-05,1,2,0.5,1.5,1.5,100',
      '2024-01-08,1,2,0.5,1.5,-1.5,100',
    ].join('\n');
    const error = errorOf(text);
    expect(error.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(error.message).toContain('line 3: Close is missing ("null")');
    expect(error.message).toContain('line 4: expected 7 comma-separated fields');
    expect(error.message).toContain('line 5: Date "2024-02-30" is not a YYYY-MM-DD calendar date');
    expect(error.message).toContain('line 6: Volume "12.5" is not a whole number');
    expect(error.message).toContain('line 7: Date 2024-01-05 is not after the previous row');
    expect(error.message).toContain('line 8: Adj Close "-1.5" is not above $0');
  });

  it('rejects an empty file and a header without rows', () => {
    expect(errorOf('').message).toContain('empty');
    expect(errorOf(`${HEADER}\n`).message).toContain('no daily rows');
  });

  it('computes simple daily returns from adjusted closes', () => {
    const returns = dailyReturns([100_000_000, 110_000_000, 99_000_000]);
    expect(returns[0]).toBeCloseTo(0.1, 12);
    expect(returns[1]).toBeCloseTo(-0.1, 12);
    expect(dailyReturns([1])).toHaveLength(0);
  });
});
