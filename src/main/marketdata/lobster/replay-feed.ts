import { US_EQUITY_TICK } from '../../../shared';
import type { Instrument, MarketHalt, MarketSource, SessionNanos } from '../../../shared';
import { ClockedFeed } from '../clocked-feed';
import { systemClock, type FeedClock } from '../feed-clock';
import type { MarketEvent } from '../market-event';
import { OrderBook } from '../order-book';
import { SessionCalendar, US_EQUITY_TIME_ZONE } from '../session-calendar';
import { LobsterBookMismatchError, LobsterBookSync } from './book-sync';
import { LobsterFileNameError } from './file-name';
import type { LobsterFileInfo, LobsterFileInfoOverride } from './file-name';
import { openPair, type OpenedPair } from './pair';
import { LobsterFormatError } from './format-error';
import type { LobsterBookRows } from './orderbook-parser';

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
 * Bad data: the readers hand out every event before a malformed line and the book sync takes back
 * a message its row contradicts, so a failure (ClockedFeed: FAILED) leaves book and clock at the
 * last good event, with the file and line of the bad data.
 *
 * Halts: type-7 rows set `marketHalt` (HALTED, then QUOTING, then null once trading resumes), the
 * same whether they were played or passed by a seek.
 *
 * Seek: backwards re-reads both files from the start; forwards continues from the current position.
 * Either way the skipped events are applied silently and onDidReset fires. {@link load} switches
 * to another day of the same stock.
 *
 * Trades: EXECUTE_VISIBLE and EXECUTE_HIDDEN become TradeTicks with the aggressor opposite to the
 * resting side (LOBSTER ReadMe: direction is the resting order's). Crosses (type 6) and halts are
 * delivered through onDidApply only.
 */
export class LobsterReplayFeed extends ClockedFeed {
  readonly instrument: Instrument;
  private pair: OpenedPair;
  private sync: LobsterBookSync;
  private events: MarketEvent[] = [];
  private rows: LobsterBookRows | undefined;
  private index = 0;
  private lastApplied: SessionNanos;
  private halt: MarketHalt | null = null;

  /**
   * Opens the files, checks their names and seeds the book with the state before the first message.
   * @throws LobsterFileNameError for a name that does not fit (without an override) or a missing orderbook file;
   *   LobsterFormatError for malformed content or an empty file; RangeError for a bad speed.
   */
  static async open(options: LobsterReplayOptions): Promise<LobsterReplayFeed> {
    const pair = openPair(options.messageFile, options.orderbookFile, options.fileInfo ?? {});
    let feed: LobsterReplayFeed;
    try {
      feed = new LobsterReplayFeed(pair, options);
    } catch (error) {
      pair.reader.close();
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
    pair: OpenedPair,
    private readonly options: LobsterReplayOptions,
  ) {
    const info = pair.reader.info;
    super(new OrderBook(info.ticker), options.clock ?? systemClock, options.speed ?? 1, calendarOf(info, options), info.sessionStart, info.sessionEnd);
    this.pair = pair;
    this.instrument = { instrumentId: info.ticker, venue: 'NASDAQ', tickSize: US_EQUITY_TICK, currency: 'USD' };
    this.sync = new LobsterBookSync(this.book, info.levels, pair.orderbookFile, pair.messageFile);
    this.lastApplied = info.sessionStart;
  }

  /** Ticker, date, session window and level count of the file being replayed. */
  get info(): LobsterFileInfo {
    return this.pair.reader.info;
  }

  get messageFile(): string {
    return this.pair.messageFile;
  }

  get orderbookFile(): string {
    return this.pair.orderbookFile;
  }

  /** Levels refilled from the orderbook file so far (entered from beyond depth N). */
  get refills(): number {
    return this.sync.refills;
  }

  /** Stale out-of-view levels removed so far. */
  get prunes(): number {
    return this.sync.prunes;
  }

  /**
   * Switches to another LOBSTER day of the same stock (its orderbook file next to it): checked and
   * seeded before anything changes, then the feed stands PAUSED at the new session's start and
   * onDidReset fires (the old file is closed). The file-name override of `open` does not carry over.
   * @throws LobsterFileNameError for a bad name, a missing orderbook file or another stock; the
   *   errors of `open` for a file that cannot start; the current replay then goes on unchanged.
   */
  load(messageFile: string): Promise<void> {
    return this.switchSource(async () => {
      const checked = openPair(messageFile, undefined, {});
      const info = checked.reader.info;
      try {
        if (info.ticker !== this.instrument.instrumentId) {
          throw new LobsterFileNameError(
            `${checked.messageFile}: the file replays ${info.ticker} but this terminal trades ${this.instrument.instrumentId}; expected a day of ${this.instrument.instrumentId} (restart with --replay to replay another stock)`,
          );
        }
        // Seeded on a scratch book first: a file that cannot start leaves the replay as it is.
        const first = await checked.reader.nextBatch();
        if (first === null) throw new LobsterFormatError(checked.messageFile, 1, 'the file is empty; expected at least one message row');
        new LobsterBookSync(new OrderBook(info.ticker), info.levels, checked.orderbookFile, checked.messageFile).seed(first.events[0]!, first.rows, 0);
      } finally {
        checked.reader.close();
      }
      const fresh = openPair(checked.messageFile, checked.orderbookFile, {});
      this.pair.reader.close();
      this.pair = fresh;
      this.sync = new LobsterBookSync(this.book, info.levels, fresh.orderbookFile, fresh.messageFile);
      this.rows = undefined;
      await this.rewind();
      return { calendar: calendarOf(info, this.options), sessionStart: info.sessionStart, sessionEnd: info.sessionEnd };
    });
  }

  protected source(): MarketSource {
    return { kind: 'LOBSTER', file: this.pair.messageFile, sessionDate: this.info.sessionDate };
  }

  protected peekTime(): SessionNanos {
    return this.index < this.events.length ? this.events[this.index]!.time : -1;
  }

  protected async loadMore(): Promise<boolean> {
    const batch = await this.pair.reader.nextBatch();
    if (batch === null) return false;
    this.events = batch.events;
    this.rows = batch.rows;
    this.index = 0;
    return true;
  }

  protected takeNext(): MarketEvent {
    const event = this.events[this.index]!;
    this.sync.step(event, this.rows!, this.index, this.events[this.index + 1]);
    this.index++;
    this.lastApplied = event.time;
    if (event.kind === 'HALT') this.halt = event.haltPhase === 'RESUMED' ? null : event.haltPhase!;
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

  protected appliedTime(): SessionNanos {
    return this.lastApplied;
  }

  protected override marketHalt(): MarketHalt | null {
    return this.halt;
  }

  /** A row that contradicts the messages may be corrupt gzip data underneath: the readers say so. */
  protected override explain(error: Error): Promise<Error> {
    return error instanceof LobsterBookMismatchError ? this.pair.reader.explain(error) : Promise.resolve(error);
  }

  protected closeSource(): void {
    this.pair.reader.close();
  }

  /** Re-opens both files and seeds the book with the state before the first message. */
  private async rewind(): Promise<void> {
    if (this.rows !== undefined) {
      this.pair.reader.close();
      this.pair = openPair(this.pair.messageFile, this.pair.orderbookFile, this.pair.override);
    }
    this.events = [];
    this.index = 0;
    this.halt = null;
    if (!(await this.loadMore())) {
      throw new LobsterFormatError(this.pair.messageFile, 1, 'the file is empty; expected at least one message row');
    }
    this.sync.seed(this.events[0]!, this.rows!, 0);
    this.lastApplied = this.pair.reader.info.sessionStart;
  }
}

function calendarOf(info: LobsterFileInfo, options: LobsterReplayOptions): SessionCalendar {
  return new SessionCalendar(info.sessionDate, options.timeZone ?? US_EQUITY_TIME_ZONE);
}
