import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../src/main/ledger';
import { DailyBarsCsvError, DailyBarsStore } from '../../../../src/main/marketdata/bars';

const BARS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', '../shared/data/bars');
const read = (file: string) => readFileSync(path.join(BARS_DIR, file), 'utf8');

describe('DailyBarsStore over the ledger', () => {
  let ledger: Ledger;
  let store: DailyBarsStore;
  beforeEach(() => {
    ledger = Ledger.open(':memory:');
    store = new DailyBarsStore(ledger.bars);
  });
  afterEach(() => ledger.close());

  it('imports a real Yahoo CSV and reports its days and date range', () => {
    expect(store.importDailyBarsCsv('GOOG', read('GOOG_daily.csv'))).toEqual({
      instrumentId: 'GOOG',
      days: 3_379,
      firstDate: '2004-08-19',
      lastDate: '2018-01-19',
    });
    expect(ledger.bars.coverage()).toEqual([{ instrumentId: 'GOOG', days: 3_379, firstDate: '2004-08-19', lastDate: '2018-01-19' }]);
  });

  it('serves the last lookback + 1 adjusted closes, oldest first, as the same object until the next import', () => {
    store.importDailyBarsCsv('SPY', read('SPY_daily.csv'));
    const series = store.closes('SPY', 252)!;
    expect(series.dates).toHaveLength(253);
    expect(series.dates.at(-1)).toBe('2017-12-29');
    expect(series.closes.at(-1)).toBe(266_859_985);
    expect(store.closes('SPY', 252)).toBe(series);
    expect(store.closes('SPY', 2_000)!.dates).toHaveLength(2_001);
    store.importDailyBarsCsv('SPY', 'Date,Open,High,Low,Close,Adj Close,Volume\n2018-01-02,1,1,1,1,1,1\n');
    expect(store.closes('SPY', 252)!.dates.at(-1)).toBe('2018-01-02');
  });

  it('returns undefined for an instrument without bars, and fewer closes for a short history', () => {
    expect(store.closes('MSFT', 252)).toBeUndefined();
    store.importDailyBarsCsv('NEW', 'Date,Open,High,Low,Close,Adj Close,Volume\n2018-01-02,1,1,1,1,1,1\n2018-01-03,1,1,1,2,2,1\n');
    expect(store.closes('NEW', 252)!.closes).toEqual([1_000_000, 2_000_000]);
  });

  it('stores nothing from a malformed file and refuses a bad instrument id or lookback', () => {
    expect(() => store.importDailyBarsCsv('GOOG', 'Date,Open,High,Low,Close,Adj Close,Volume\n2018-01-02,1,1,1,1,1,1\nbad\n')).toThrow(DailyBarsCsvError);
    expect(store.closes('GOOG', 252)).toBeUndefined();
    expect(() => store.importDailyBarsCsv('goog', read('GOOG_daily.csv'))).toThrow(/not a ticker like GOOG/);
    expect(() => store.closes('GOOG', 0)).toThrow(/lookbackDays/);
  });
});
