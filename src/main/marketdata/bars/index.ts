/**
 * Daily bars: Yahoo Finance CSV import, daily returns, and the DailyBarsProvider the risk engine's
 * correlation cap reads (persisted in the ledger's daily_bars table through DailyBarsStore).
 */
export type { DailyBar, DailyBarsImportResult, DailyBarsProvider, DailyCloseSeries } from './daily-bar';
export {
  DAILY_BARS_CSV_HEADER,
  DailyBarsCsvError,
  isCalendarDate,
  parseDailyBarsCsv,
  type DailyBarsCsvProblem,
} from './daily-bars-csv';
export { dailyReturns } from './returns';
export { DailyBarsStore, type DailyBarsTable } from './daily-bars-store';
