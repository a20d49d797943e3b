import type { InstrumentId, PriceMicros, Shares } from '../../../shared';

/**
 * One trading day of one instrument, as Yahoo Finance's daily CSV gives it. Prices integer
 * micro-dollars: open/high/low/close split-adjusted, `adjClose` adjusted for splits and dividends
 * (the one to compute returns from); volume in shares; `date` the exchange-local ISO date "YYYY-MM-DD".
 */
export interface DailyBar {
  readonly date: string;
  readonly open: PriceMicros;
  readonly high: PriceMicros;
  readonly low: PriceMicros;
  readonly close: PriceMicros;
  readonly adjClose: PriceMicros;
  readonly volume: Shares;
}

/**
 * The most recent adjusted closes of one instrument, oldest first: `dates[i]` (ISO "YYYY-MM-DD",
 * strictly increasing) is the session of `closes[i]` (Adj Close, micro-dollars). Both arrays have the
 * same length, at least 1.
 */
export interface DailyCloseSeries {
  readonly instrumentId: InstrumentId;
  readonly dates: readonly string[];
  readonly closes: readonly PriceMicros[];
}

/**
 * Where the risk engine reads daily closes (the correlation cap). Implementations must be fast on
 * repeated calls (the risk engine asks on every order) and should return the same series object while
 * the data is unchanged, so callers can cache derived figures by identity or by the last date.
 */
export interface DailyBarsProvider {
  /**
   * The last `lookbackDays + 1` adjusted closes of `instrumentId` (so `lookbackDays` daily returns),
   * fewer when fewer are stored, or undefined when none are.
   * @throws RangeError when lookbackDays is not a positive integer.
   */
  closes(instrumentId: InstrumentId, lookbackDays: number): DailyCloseSeries | undefined;
}

/** What `importDailyBarsCsv` reports: the file's instrument, its number of days and date range. */
export interface DailyBarsImportResult {
  readonly instrumentId: InstrumentId;
  /** Rows (trading days) in the imported file. */
  readonly days: number;
  /** First and last session date in the file, ISO "YYYY-MM-DD". */
  readonly firstDate: string;
  readonly lastDate: string;
}
