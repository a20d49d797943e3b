import type { MarketEvent } from '../market-event';
import { lobsterFileInfo } from './file-name';
import type { LobsterFileInfo, LobsterFileInfoOverride } from './file-name';
import { LobsterFormatError } from './format-error';
import { GzipCorruptError, LineChunks } from './line-chunks';
import { LobsterMessageParser } from './message-parser';
import { LobsterOrderbookParser } from './orderbook-parser';
import type { LobsterBookRows } from './orderbook-parser';

/** What to tell the trader about a .gz file that does not inflate, found at line `line`. */
function gzipFailure(file: string, line: number, detail: string, showedAs?: string): LobsterFormatError {
  const symptom = showedAs === undefined ? '' : `, so the text is wrong from about this line on (it read as: ${showedAs})`;
  return new LobsterFormatError(file, line, `the gzip data is corrupt (zlib: ${detail})${symptom}; expected an intact .gz file: test it with gzip -t, then re-download or re-compress it`);
}

/**
 * The read side both LOBSTER readers share: whole-line chunks of one file, and the first failure,
 * which every later read throws again. A failure in the middle of a chunk is recorded after the good
 * lines before it were handed out, so a replay stops at the event before the bad line.
 */
class FileChunks {
  private failure: LobsterFormatError | undefined;
  readonly chunks: LineChunks;

  constructor(readonly file: string) {
    this.chunks = new LineChunks(file);
  }

  /**
   * Parses the next chunk with `parse` and returns its batch, or null at the end. A chunk with a bad
   * line yields the batch before it (the failure is recorded, thrown by the next read), or throws
   * at once when nothing came before it.
   * @param nextLine the line the chunk starts at (named when the gzip data do not inflate).
   * @throws the recorded failure; LobsterFormatError for a bad line or gzip data that do not inflate.
   */
  async read<T>(nextLine: number, parse: (buf: Buffer) => { batch: T; count: number; error: LobsterFormatError | undefined }): Promise<T | null> {
    const buf = await this.next(nextLine);
    if (buf === null) return null;
    const { batch, count, error } = parse(buf);
    if (error !== undefined) {
      const failure = await this.fail(error);
      if (count === 0) throw failure;
    }
    return batch;
  }

  private async next(nextLine: number): Promise<Buffer | null> {
    if (this.failure) throw this.failure;
    try {
      return await this.chunks.next();
    } catch (error) {
      if (error instanceof GzipCorruptError) throw (this.failure = gzipFailure(this.file, nextLine, error.detail));
      throw error;
    }
  }

  /**
   * Records `error` as this file's failure. For a .gz file whose compressed data turn out corrupt
   * further on, the failure recorded is the gzip corruption (the malformed text came from it).
   */
  async fail(error: LobsterFormatError): Promise<LobsterFormatError> {
    const corrupt = await this.chunks.corruption();
    this.failure = corrupt === undefined ? error : gzipFailure(this.file, error.line, corrupt, error.reason);
    return this.failure;
  }

  close(): void {
    this.chunks.close();
  }
}

/**
 * Streams a LOBSTER message file (plain or .gz) as batches of MarketEvents, one batch per read chunk
 * (about 1 MiB of text, ~25,000 events). Never holds the whole file.
 */
export class LobsterMessageReader {
  private readonly source: FileChunks;
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
    this.source = new FileChunks(file);
    this.parser = new LobsterMessageParser(file);
  }

  /** Ticker, date, session window and level count of the file. */
  readonly info: LobsterFileInfo;

  /**
   * The next batch of events in file order (a fresh array the caller owns), or null at the end. A
   * malformed line ends its batch early: the events before it are returned, and the next call throws.
   * @throws LobsterFormatError `<file>:<line>: ...` for a malformed line or corrupt gzip data.
   */
  nextBatch(): Promise<MarketEvent[] | null> {
    return this.source.read(this.parser.lines + 1, (buf) => {
      const out: MarketEvent[] = [];
      const error = this.parser.parse(buf, out);
      return { batch: out, count: out.length, error };
    });
  }

  /**
   * Stops this reader on `error`, found outside its parsing (a book mismatch), and returns what to
   * report: this file's gzip corruption if it has one (the wrong numbers came from it), else `error`.
   */
  explain(error: LobsterFormatError): Promise<LobsterFormatError> {
    return this.source.fail(error);
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.source.close();
  }
}

/** Streams a LOBSTER orderbook file (plain or .gz) as batches of parsed rows. */
export class LobsterOrderbookReader {
  private readonly source: FileChunks;
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
    this.source = new FileChunks(file);
    this.parser = new LobsterOrderbookParser(file, n);
    this.levels = n;
  }

  readonly levels: number;

  /**
   * The next batch of rows, or null at the end. The batch's `data` is a view into a reused buffer:
   * valid until the next call. A malformed row ends its batch early, as for messages.
   * @throws LobsterFormatError `<file>:<line>: ...` for a malformed row or corrupt gzip data.
   */
  nextBatch(): Promise<LobsterBookRows | null> {
    return this.source.read(this.parser.lines + 1, (buf) => {
      const { rows, error } = this.parser.parse(buf);
      return { batch: rows, count: rows.count, error };
    });
  }

  /** As LobsterMessageReader.explain. */
  explain(error: LobsterFormatError): Promise<LobsterFormatError> {
    return this.source.fail(error);
  }

  close(): void {
    this.source.close();
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
  /** Messages (= rows) handed out so far. */
  private paired = 0;

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
   * @throws LobsterFormatError when one file has more rows than the other (naming the first row or
   *   message without a partner), or for a malformed line or corrupt gzip data.
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
      const [what, other, ended] =
        eventsLeft === 0 ? ['row has no message', this.orderbook.file, this.messages.file] : ['message has no orderbook row', this.messages.file, this.orderbook.file];
      throw new LobsterFormatError(
        other,
        this.paired + 1,
        `this ${what}: ${ended} ${this.paired === 0 ? 'is empty' : `ended after ${this.paired} rows`}; ` +
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
    this.paired += n;
    return batch;
  }

  /**
   * What to report for `error`, found while checking the rows (a book mismatch): a gzip corruption of
   * either file when there is one (its numbers are then not the file's), else `error`. Reading stops.
   */
  async explain(error: LobsterFormatError): Promise<LobsterFormatError> {
    const fromRows = await this.orderbook.explain(error);
    return fromRows !== error ? fromRows : this.messages.explain(error);
  }

  close(): void {
    this.messages.close();
    this.orderbook.close();
  }
}
