import type { MarketHalt, SessionNanos } from '../../../shared';
import { outsideBand, DEFAULT_BAD_TICK_BAND_BPS } from '../bad-tick-guard';
import type { MarketEventKind } from '../market-event';
import { OrderBook } from '../order-book';
import { LobsterBookMismatchError, LobsterBookSync } from './book-sync';
import type { LobsterFileInfo } from './file-name';
import { LobsterFormatError } from './format-error';
import { openPair } from './pair';

/** A type-7 row of the message file. */
export interface LobsterHaltRow {
  /** 1-based line of the message file. */
  readonly line: number;
  readonly time: SessionNanos;
  /** HALTED, QUOTING (quotes resume) or RESUMED (trading resumes). */
  readonly phase: MarketHalt | 'RESUMED';
}

/** What `checkLobsterPair` found. Counts cover the messages before the first error (all of them on a clean pair). */
export interface LobsterPairReport {
  readonly messageFile: string;
  readonly orderbookFile: string;
  readonly info: LobsterFileInfo;
  /** Messages read and checked against their orderbook row. */
  readonly rows: number;
  /** Times of the first and last of them, ns after midnight; null for none. */
  readonly firstTime: SessionNanos | null;
  readonly lastTime: SessionNanos | null;
  readonly counts: Readonly<Record<MarketEventKind, number>>;
  readonly halts: readonly LobsterHaltRow[];
  /** Levels taken from the orderbook file (entered from beyond depth N) and stale levels removed. */
  readonly refills: number;
  readonly prunes: number;
  /** Execution prints, and those the bad-tick guard would exclude at `bandBps` (see BadTickGuard). */
  readonly prints: number;
  readonly badPrints: number;
  readonly bandBps: number;
  /** The first error, with file and line; null on a clean pair. */
  readonly error: LobsterFormatError | null;
}

/**
 * Validates a LOBSTER pair the way the replay reads it, without a terminal or a clock: every message
 * parsed, applied to an OrderBook and checked against its orderbook row (LobsterBookSync.step, the
 * terminal's own path), rows counted per event type, halts listed, prints judged by the bad-tick rule.
 * Stops at the first error (as the replay would), reported with file and line; a corrupt .gz shows as
 * such.
 * @param orderbookFile by default the `_orderbook_N` file next to the message file.
 * @param bandBps the bad-tick band to judge prints by (default 500).
 * @throws LobsterFileNameError for a name that does not fit LOBSTER's scheme or a missing orderbook
 *   file; Error for a file that cannot be read at all. Data errors are in the report, not thrown.
 */
export async function checkLobsterPair(messageFile: string, orderbookFile?: string, bandBps = DEFAULT_BAD_TICK_BAND_BPS): Promise<LobsterPairReport> {
  const pair = openPair(messageFile, orderbookFile, {});
  const info = pair.reader.info;
  const book = new OrderBook(info.ticker);
  const sync = new LobsterBookSync(book, info.levels, pair.orderbookFile, pair.messageFile);
  const counts: Record<MarketEventKind, number> = { ADD: 0, PARTIAL_CANCEL: 0, DELETE: 0, EXECUTE_VISIBLE: 0, EXECUTE_HIDDEN: 0, CROSS: 0, HALT: 0 };
  const halts: LobsterHaltRow[] = [];
  let rows = 0;
  let firstTime: SessionNanos | null = null;
  let lastTime: SessionNanos | null = null;
  let prints = 0;
  let badPrints = 0;
  let error: LobsterFormatError | null = null;
  try {
    for (let batch = await pair.reader.nextBatch(); batch !== null; batch = await pair.reader.nextBatch()) {
      const events = batch.events;
      if (rows === 0) sync.seed(events[0]!, batch.rows, 0);
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        sync.step(event, batch.rows, i, events[i + 1]);
        rows++;
        counts[event.kind]++;
        firstTime ??= event.time;
        lastTime = event.time;
        if (event.kind === 'HALT') halts.push({ line: rows, time: event.time, phase: event.haltPhase! });
        if (event.kind === 'EXECUTE_VISIBLE' || event.kind === 'EXECUTE_HIDDEN') {
          prints++;
          if (outsideBand(event.price, book.bestBid()?.price ?? null, book.bestAsk()?.price ?? null, bandBps) !== null) badPrints++;
        }
      }
    }
    if (rows === 0) error = new LobsterFormatError(pair.messageFile, 1, 'the file is empty; expected at least one message row');
  } catch (caught) {
    if (!(caught instanceof LobsterFormatError)) throw caught;
    error = caught instanceof LobsterBookMismatchError ? await pair.reader.explain(caught) : caught;
  } finally {
    pair.reader.close();
  }
  return {
    messageFile: pair.messageFile,
    orderbookFile: pair.orderbookFile,
    info,
    rows,
    firstTime,
    lastTime,
    counts,
    halts,
    refills: sync.refills,
    prunes: sync.prunes,
    prints,
    badPrints,
    bandBps,
    error,
  };
}
