import type { Migration } from './migration';

/**
 * Schema version 3: `daily_bars`, the daily history the risk engine's correlation cap reads
 * (imported from Yahoo Finance CSV through `bars.import`).
 *
 * - One row per (instrument, session date); the primary key makes a re-import of the same day an
 *   update instead of a duplicate, and WITHOUT ROWID stores rows in key order, so "the last N closes
 *   of GOOG" is one index range scan.
 * - `date`: exchange-local ISO date "YYYY-MM-DD" (text compares in date order).
 * - Prices INTEGER micro-dollars (1e-6 USD), > 0: open/high/low/close split-adjusted, `adj_close`
 *   adjusted for splits and dividends. No OHLC ordering constraint: real Yahoo rows with Open < Low
 *   exist (two SPY rows of 2015) and must import.
 * - `volume`: whole shares, >= 0.
 */
export const migration0003: Migration = {
  version: 3,
  description: 'daily_bars: daily OHLCV history for the correlation cap',
  up: `
CREATE TABLE daily_bars (
  instrument_id TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 12),
  date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  open          INTEGER NOT NULL CHECK (open > 0),
  high          INTEGER NOT NULL CHECK (high > 0),
  low           INTEGER NOT NULL CHECK (low > 0),
  close         INTEGER NOT NULL CHECK (close > 0),
  adj_close     INTEGER NOT NULL CHECK (adj_close > 0),
  volume        INTEGER NOT NULL CHECK (volume >= 0),
  PRIMARY KEY (instrument_id, date)
) STRICT, WITHOUT ROWID;
`,
};
