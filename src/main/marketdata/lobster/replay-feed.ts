import path from 'node:path';
import { US_EQUITY_TICK } from '../../../shared';
import type { Instrument, MarketSource, SessionNanos } from '../../../shared';
import { ClockedFeed, systemClock } from '../clocked-feed';
import type { FeedClock } from '../clocked-feed';
import type { MarketEvent } from '../market-event';
import { OrderBook } from '../order-book';
import { SessionCalendar, US_EQUITY_TIME_ZONE } from '../session-calendar';
import { LobsterBookSync } from './book-sync';
import { lobsterFileInfo, locateOrderbookFile } from './file-name';
import type { LobsterFileInfo, LobsterFileInfoOverride } from './file-name';
import { LobsterFormatError } from './message-parser';
import type { LobsterBookRows } from './orderbook-parser';
import { LobsterPairedReader } from './reader';

/** How to open a LOBSTER replay. */
export interface LobsterReplayOptions {
  /** Path of the `TICKER_YYYY-MM-DD_<start>_<end>_message_N.csv[.gz]` file. */
  readonly messageFile: string;
  /** Its orderbook file; by default the `_orderbook_N.csv[.gz]` next to the message file. */
  readonly orderbookFile?: string;
  /** Multiple of real time, 0.1..1000 (default 1). */
  readonly speed?: number;
  /** Wall clock and timers (default: the system clock). */
  readonly clock?: FeedClock;
  /** Values that replace what the message file's name says (ticker, date, levels, session window). */
  readonly fileInfo?: LobsterFileInfoOverride;
  /** IANA zone of the exchange (default America/New_York). */
  readonly timeZone?: string;
}

/**
 * Replays one LOBSTER day (message file + orderbook file) as a MarketFeed in scaled real time.
 *
 * The book: seeded from orderbook row 1 minus message 1's effect, then driven by the messages, with
 * levels that come into view from beyond depth N refilled from the matching orderbook row and any
 * contradiction of an already-visible level reported as an error (see LobsterBookSync). After each
 * onDidApply the top N levels equal LOBSTER's row for that message.
 *
 * Seek: backwards re-reads both files from the start; forwards continues from the current position.
 * Either way the skipped events are applied silently and onDidReset fires.
 *
 * Trades: EXECUTE_VISIBLE and EXECUTE_HIDDEN become TradeTicks with the aggressor opposite to the
 * resting side (LOBSTER ReadMe: direction is the resting order's). Crosses (type 6) and halts are
 * delivered through onDidApply only.
 */
export class LobsterReplayFeed extends ClockedFeed {
  readonly instrument: Instrument;
  readonly info: LobsterFileInfo;
  private reader: LobsterPairedReader;
  private sync: LobsterBookSync;
  private events: MarketEvent[] = [];
  private rows: LobsterBookRows | undefined;
  private index = 0;
  private lastApplied: SessionNanos;

  /**
   * Opens the files, checks their names and seeds the book with the state before the first message.
   * @throws LobsterFileNameError for a name that does not fit (without an override) or a missing orderbook file;
   *   LobsterFormatError for malformed content or an empty file; RangeError for a bad speed.
   */
  static async open(options: LobsterReplayOptions): Promise<LobsterReplayFeed> {
    const messageFile = path.resolve(options.messageFile);
    // The name is checked first: a wrong name is the likelier mistake than a missing orderbook file.
    lobsterFileInfo(messageFile, options.fileInfo ?? {});
    const orderbookFile = options.orderbookFile !== undefined ? path.resolve(options.orderbookFile) : locateOrderbookFile(messageFile);
    const reader = new LobsterPairedReader(messageFile, orderbookFile, options.fileInfo ?? {});
    let feed: LobsterReplayFeed;
    try {
      feed = new LobsterReplayFeed(messageFile, orderbookFile, options, reader);
    } catch (error) {
      reader.close();
      throw error;
    }
    try {
      await feed.rewind();
    } catch (error) {
      feed.dispose();
      throw error;
    }
    return feed;
  }

  private constructor(
    readonly messageFile: string,
    readonly orderbookFile: string,
    private readonly options: LobsterReplayOptions,
    reader: LobsterPairedReader,
  ) {
    super(
      new OrderBook(reader.info.ticker),
      options.clock ?? systemClock,
      options.speed ?? 1,
      new SessionCalendar(reader.info.sessionDate, options.timeZone ?? US_EQUITY_TIME_ZONE),
      reader.info.sessionStart,
      reader.info.sessionEnd,
    );
    const info = reader.info;
    this.reader = reader;
    this.info = info;
    this.instrument = { instrumentId: info.ticker, venue: 'NASDAQ', tickSize: US_EQUITY_TICK, currency: 'USD' };
    this.sync = new LobsterBookSync(this.book, info.levels, orderbookFile);
    this.lastApplied = info.sessionStart;
  }

  /** Levels refilled from the orderbook file so far (entered from beyond depth N). */
  get refills(): number {
    return this.sync.refills;
  }

  /** Stale out-of-view levels removed so far. */
  get prunes(): number {
    return this.sync.prunes;
  }

  protected source(): MarketSource {
    return { kind: 'LOBSTER', file: this.messageFile, sessionDate: this.info.sessionDate };
  }

  protected peekTime(): SessionNanos {
    return this.index < this.events.length ? this.events[this.index]!.time : -1;
  }

  protected async loadMore(): Promise<boolean> {
    const batch = await this.reader.nextBatch();
    if (batch === null) return false;
    this.events = batch.events;
    this.rows = batch.rows;
    this.index = 0;
    return true;
  }

  protected takeNext(): MarketEvent {
    const event = this.events[this.index]!;
    this.book.apply(event);
    this.sync.reconcile(this.rows!, this.index);
    this.index++;
    this.lastApplied = event.time;
    return event;
  }

  protected async reposition(time: SessionNanos): Promise<void> {
    if (time < this.lastApplied) await this.rewind();
    for (;;) {
      let next = this.peekTime();
      if (next < 0) {
        if (!(await this.loadMore())) return;
        next = this.peekTime();
      }
      if (next > time) return;
      this.takeNext();
    }
  }

  protected closeSource(): void {
    this.reader.close();
  }

  /** Re-opens both files and seeds the book with the state before the first message. */
  private async rewind(): Promise<void> {
    if (this.rows !== undefined) {
      this.reader.close();
      this.reader = new LobsterPairedReader(this.messageFile, this.orderbookFile, this.options.fileInfo ?? {});
    }
    this.events = [];
    this.index = 0;
    if (!(await this.loadMore())) {
      throw new LobsterFormatError(`${this.messageFile}:1: the file is empty; expected at least one message row`);
    }
    this.sync.seed(this.events[0]!, this.rows!, 0);
    this.lastApplied = this.sessionStart;
  }
}
