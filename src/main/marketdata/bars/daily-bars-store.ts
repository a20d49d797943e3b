import { instrumentIdSchema, type InstrumentId, type PriceMicros } from '../../../shared';
import type { DailyBar, DailyBarsImportResult, DailyBarsProvider, DailyCloseSeries } from './daily-bar';
import { parseDailyBarsCsv } from './daily-bars-csv';

/**
 * Where the store keeps bars: the ledger's BarsRepository (table `daily_bars`, migration 0003)
 * satisfies it. Declared here so market data does not depend on the ledger.
 */
export interface DailyBarsTable {
  /** Stores `bars` in one transaction, replacing bars of the same dates. */
  upsert(instrumentId: InstrumentId, bars: readonly DailyBar[]): void;
  /** The last `count` adjusted closes (micro-dollars), oldest first, with their ISO dates. */
  latestCloses(instrumentId: InstrumentId, count: number): { dates: string[]; closes: PriceMicros[] };
}

/** Closes loaded per instrument at least: a year of returns plus one close, the default lookback. */
const MIN_LOAD = 253;
/** The largest lookback the risk profile allows (10 years of trading days). */
const MAX_LOOKBACK_DAYS = 2_520;

interface CachedHistory {
  /** How many closes were asked of the table; fewer came back when the history is shorter. */
  readonly requested: number;
  readonly dates: readonly string[];
  readonly closes: readonly PriceMicros[];
  /** One series object per lookback, so callers see a stable identity while nothing changes. */
  readonly views: Map<number, DailyCloseSeries | undefined>;
}

/**
 * Daily bars persisted in the ledger with an in-memory cache in front: the risk engine reads closes on
 * every order, so after the first read of an instrument `closes` is a map lookup returning the same
 * series object until the next import of that instrument.
 */
export class DailyBarsStore implements DailyBarsProvider {
  private readonly cache = new Map<InstrumentId, CachedHistory>();

  constructor(private readonly table: DailyBarsTable) {}

  /**
   * Imports Yahoo Finance daily CSV text (see parseDailyBarsCsv) for `instrumentId`: validates the
   * whole file first, then stores every row in one transaction (a day already stored is replaced).
   * This is what the `bars.import` RPC runs.
   * @returns the instrument, the number of days in the file and its first and last date.
   * @throws RangeError naming the instrument id when it is not a ticker like GOOG.
   * @throws DailyBarsCsvError listing the malformed lines (nothing is stored then).
   */
  importDailyBarsCsv(instrumentId: InstrumentId, csvText: string): DailyBarsImportResult {
    const id = instrumentIdSchema.safeParse(instrumentId);
    if (!id.success) throw new RangeError(`instrument id ${JSON.stringify(instrumentId)} is not a ticker like GOOG (capital letters, digits, dot)`);
    const bars = parseDailyBarsCsv(csvText);
    this.table.upsert(id.data, bars);
    this.cache.delete(id.data);
    return { instrumentId: id.data, days: bars.length, firstDate: bars[0]!.date, lastDate: bars[bars.length - 1]!.date };
  }

  /**
   * The last `lookbackDays + 1` adjusted closes of `instrumentId` (fewer when the history is shorter),
   * or undefined when none are stored. Cached; see the class comment.
   * @throws RangeError when lookbackDays is not a whole number from 1 to 2,520.
   */
  closes(instrumentId: InstrumentId, lookbackDays: number): DailyCloseSeries | undefined {
    if (!Number.isSafeInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
      throw new RangeError(`lookbackDays must be a whole number from 1 to ${MAX_LOOKBACK_DAYS}, got ${lookbackDays}`);
    }
    const wanted = lookbackDays + 1;
    let history = this.cache.get(instrumentId);
    if (history === undefined || (history.requested < wanted && history.dates.length === history.requested)) {
      const requested = Math.max(wanted, MIN_LOAD);
      const loaded = this.table.latestCloses(instrumentId, requested);
      history = { requested, dates: loaded.dates, closes: loaded.closes, views: new Map() };
      this.cache.set(instrumentId, history);
    }
    if (history.views.has(lookbackDays)) return history.views.get(lookbackDays);
    const from = Math.max(0, history.dates.length - wanted);
    const series: DailyCloseSeries | undefined =
      history.dates.length === 0
        ? undefined
        : { instrumentId, dates: history.dates.slice(from), closes: history.closes.slice(from) };
    history.views.set(lookbackDays, series);
    return series;
  }
}
