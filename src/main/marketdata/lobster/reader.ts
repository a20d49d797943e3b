import type { MarketEvent } from '../market-event';
import { lobsterFileInfo } from './file-name';
import type { LobsterFileInfo, LobsterFileInfoOverride } from './file-name';
import { LineChunks } from './line-chunks';
import { LobsterFormatError, LobsterMessageParser } from './message-parser';
import { LobsterOrderbookParser } from './orderbook-parser';
import type { LobsterBookRows } from './orderbook-parser';

/**
 * Streams a LOBSTER message file (plain or .gz) as batches of MarketEvents, one batch per read chunk
 * (about 1 MiB of text, ~25,000 events). Never holds the whole file.
 */
export class LobsterMessageReader {
  private readonly chunks: LineChunks;
  private readonly parser: LobsterMessageParser;

  /**
   * @param file path of a `*_message_N.csv[.gz]` file.
   * @param override values that replace or stand in for what the file name says.
   * @throws LobsterFileNameError when the name does not fit LOBSTER's scheme and no override fills in;
   *   Error when the file cannot be read.
   */
  constructor(
    readonly file: string,
    override: LobsterFileInfoOverride = {},
  ) {
    this.info = lobsterFileInfo(file, override);
    this.chunks = new LineChunks(file);
    this.parser = new LobsterMessageParser(file);
  }

  /** Ticker, date, session window and level count of the file. */
  readonly info: LobsterFileInfo;

  /** Lines parsed so far. */
  get lines(): number {
    return this.parser.lines;
  }

  /**
   * The next batch of events in file order (a fresh array the caller owns), or null at the end.
   * @throws LobsterFormatError `<file>:<line>: ...` for a malformed line.
   */
  async nextBatch(): Promise<MarketEvent[] | null> {
    const buf = await this.chunks.next();
    if (buf === null) return null;
    const out: MarketEvent[] = [];
    this.parser.parse(buf, out);
    return out;
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.chunks.close();
  }
}

/** Streams a LOBSTER orderbook file (plain or .gz) as batches of parsed rows. */
export class LobsterOrderbookReader {
  private readonly chunks: LineChunks;
  private readonly parser: LobsterOrderbookParser;

  /**
   * @param file path of a `*_orderbook_N.csv[.gz]` file.
   * @param levels N (columns = 4N); taken from the file name when omitted.
   * @throws LobsterFileNameError when `levels` is omitted and the name does not say it.
   */
  constructor(
    readonly file: string,
    levels?: number,
  ) {
    const n = levels ?? lobsterFileInfo(file).levels;
    this.chunks = new LineChunks(file);
    this.parser = new LobsterOrderbookParser(file, n);
    this.levels = n;
  }

  readonly levels: number;

  /** Lines parsed so far. */
  get lines(): number {
    return this.parser.lines;
  }

  /**
   * The next batch of rows, or null at the end. The batch's `data` is a view into a reused buffer:
   * valid until the next call.
   * @throws LobsterFormatError `<file>:<line>: ...` for a malformed row.
   */
  async nextBatch(): Promise<LobsterBookRows | null> {
    const buf = await this.chunks.next();
    return buf === null ? null : this.parser.parse(buf);
  }

  close(): void {
    this.chunks.close();
  }
}

/** Messages paired with the orderbook row that follows each one: `rows` row i is the book after `events[i]`. */
export interface LobsterPairedBatch {
  readonly events: MarketEvent[];
  readonly rows: LobsterBookRows;
}

/**
 * Reads a message file and its orderbook file in lock-step. LOBSTER guarantees equal row counts
 * (row k of the orderbook file is the book after message k); a mismatch is an error.
 */
export class LobsterPairedReader {
  readonly messages: LobsterMessageReader;
  readonly orderbook: LobsterOrderbookReader;
  private events: MarketEvent[] = [];
  private eventOffset = 0;
  private rows: LobsterBookRows | null = null;
  private rowOffset = 0;

  /**
   * @param messageFile `*_message_N.csv[.gz]`; @param orderbookFile its `*_orderbook_N.csv[.gz]`.
   * @param override file-name override for the message file (its level count also applies to the orderbook file).
   */
  constructor(messageFile: string, orderbookFile: string, override: LobsterFileInfoOverride = {}) {
    this.messages = new LobsterMessageReader(messageFile, override);
    try {
      this.orderbook = new LobsterOrderbookReader(orderbookFile, this.messages.info.levels);
    } catch (error) {
      this.messages.close();
      throw error;
    }
  }

  get info(): LobsterFileInfo {
    return this.messages.info;
  }

  /**
   * Next aligned batch (equal numbers of events and rows), or null when both files ended together.
   * `rows.data` is valid until the next call.
   * @throws LobsterFormatError when one file has more rows than the other, or for a malformed line.
   */
  async nextBatch(): Promise<LobsterPairedBatch | null> {
    if (this.eventOffset === this.events.length) {
      this.events = (await this.messages.nextBatch()) ?? [];
      this.eventOffset = 0;
    }
    if (this.rows === null || this.rowOffset === this.rows.count) {
      this.rows = await this.orderbook.nextBatch();
      this.rowOffset = 0;
    }
    const eventsLeft = this.events.length - this.eventOffset;
    const rowsLeft = this.rows === null ? 0 : this.rows.count - this.rowOffset;
    if (eventsLeft === 0 && rowsLeft === 0) return null;
    if (eventsLeft === 0 || rowsLeft === 0) {
      const [ended, endedRows, other, otherLines] =
        eventsLeft === 0
          ? [this.messages.file, this.messages.lines, this.orderbook.file, this.orderbook.lines]
          : [this.orderbook.file, this.orderbook.lines, this.messages.file, this.messages.lines];
      throw new LobsterFormatError(
        `${other}:${otherLines}: ${ended} ended after ${endedRows} rows but this file continues; ` +
          'expected the same number of rows in the message and orderbook files (row k of the orderbook file is the book after message k)',
      );
    }
    const n = Math.min(eventsLeft, rowsLeft);
    const rows = this.rows!;
    const width = 4 * rows.levels;
    const batch: LobsterPairedBatch = {
      events: this.eventOffset === 0 && n === this.events.length ? this.events : this.events.slice(this.eventOffset, this.eventOffset + n),
      rows: {
        levels: rows.levels,
        count: n,
        firstLine: rows.firstLine + this.rowOffset,
        data: rows.data.subarray(this.rowOffset * width, (this.rowOffset + n) * width),
      },
    };
    this.eventOffset += n;
    this.rowOffset += n;
    return batch;
  }

  close(): void {
    this.messages.close();
    this.orderbook.close();
  }
}
