import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InstrumentId, PriceMicros, Shares } from '../../shared';
import { instrumentIdColumn, nonNegativeIntColumn, positiveIntColumn } from './columns';
import { parseRow } from './row-validation';

/** One stored daily bar (the `daily_bars` row). Prices micro-dollars, volume shares, date "YYYY-MM-DD". */
export interface DailyBarRecord {
  readonly date: string;
  readonly open: PriceMicros;
  readonly high: PriceMicros;
  readonly low: PriceMicros;
  readonly close: PriceMicros;
  readonly adjClose: PriceMicros;
  readonly volume: Shares;
}

/** Adjusted closes of one instrument, oldest first, as `latestCloses` returns them. */
export interface StoredCloses {
  readonly dates: string[];
  /** Adj Close, micro-dollars. */
  readonly closes: PriceMicros[];
}

/** Per-instrument summary of the stored history. */
export interface DailyBarsCoverage {
  readonly instrumentId: InstrumentId;
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const closeRowSchema = z.object({ date: z.string().regex(DATE), adj_close: positiveIntColumn }).strict();
const coverageRowSchema = z
  .object({ instrument_id: instrumentIdColumn, days: nonNegativeIntColumn, first_date: z.string(), last_date: z.string() })
  .strict();

/**
 * Typed access to `daily_bars` (migration 0003): daily OHLCV history per instrument, keyed by
 * (instrument, date). Writes upsert, so importing an overlapping file updates the days it repeats.
 */
export class BarsRepository {
  private readonly upsertStmt: Database.Statement;
  private readonly latestStmt: Database.Statement;
  private readonly coverageStmt: Database.Statement;
  private readonly upsertAll: (instrumentId: InstrumentId, bars: readonly DailyBarRecord[]) => void;

  constructor(db: Database.Database) {
    this.upsertStmt = db.prepare(
      'INSERT INTO daily_bars (instrument_id, date, open, high, low, close, adj_close, volume) ' +
        'VALUES (@instrument_id, @date, @open, @high, @low, @close, @adj_close, @volume) ' +
        'ON CONFLICT (instrument_id, date) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, ' +
        'close = excluded.close, adj_close = excluded.adj_close, volume = excluded.volume',
    );
    this.latestStmt = db.prepare(
      'SELECT date, adj_close FROM daily_bars WHERE instrument_id = ? ORDER BY date DESC LIMIT ?',
    );
    this.coverageStmt = db.prepare(
      'SELECT instrument_id, count(*) AS days, min(date) AS first_date, max(date) AS last_date ' +
        'FROM daily_bars GROUP BY instrument_id ORDER BY instrument_id',
    );
    // One transaction per import: a file either lands whole or not at all (and one commit, not thousands).
    this.upsertAll = db.transaction((instrumentId: InstrumentId, bars: readonly DailyBarRecord[]) => {
      for (const bar of bars) {
        this.upsertStmt.run({
          instrument_id: instrumentId,
          date: bar.date,
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
          adj_close: bar.adjClose,
          volume: bar.volume,
        });
      }
    });
  }

  /**
   * Stores `bars` of `instrumentId` in one transaction, replacing any stored bar of the same date.
   * Nested inside an outer transaction it becomes a savepoint of it.
   * @throws SqliteError (CHECK constraint) for a bar the schema refuses (price <= 0, malformed date);
   *   nothing of the call is stored then.
   */
  upsert(instrumentId: InstrumentId, bars: readonly DailyBarRecord[]): void {
    this.upsertAll(instrumentId, bars);
  }

  /**
   * The last `count` adjusted closes of `instrumentId`, oldest first (empty when none are stored).
   * @throws RangeError when count is not a positive safe integer; LedgerRowError for a malformed row.
   */
  latestCloses(instrumentId: InstrumentId, count: number): StoredCloses {
    if (!Number.isSafeInteger(count) || count <= 0) throw new RangeError(`count must be a positive whole number, got ${count}`);
    const rows = this.latestStmt.all(instrumentId, count);
    const dates: string[] = new Array<string>(rows.length);
    const closes: number[] = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const raw = rows[i] as { date?: unknown; adj_close?: unknown };
      // Plain checks on the common path (thousands of rows per load); zod only to word the error.
      const row =
        typeof raw.date === 'string' && DATE.test(raw.date) && Number.isSafeInteger(raw.adj_close) && (raw.adj_close as number) > 0
          ? (raw as { date: string; adj_close: number })
          : parseRow(closeRowSchema, raw, 'daily_bars', `${instrumentId} #${i}`);
      dates[rows.length - 1 - i] = row.date;
      closes[rows.length - 1 - i] = row.adj_close;
    }
    return { dates, closes };
  }

  /** Every instrument with stored bars: number of days and first/last date, by instrument id. */
  coverage(): DailyBarsCoverage[] {
    return this.coverageStmt.all().map((row) => {
      const r = parseRow(coverageRowSchema, row, 'daily_bars', 'coverage');
      return { instrumentId: r.instrument_id, days: r.days, firstDate: r.first_date, lastDate: r.last_date };
    });
  }
}
