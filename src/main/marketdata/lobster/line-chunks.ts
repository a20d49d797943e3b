import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

const NEWLINE = 10;

/** Thrown by LineChunks when zlib cannot inflate a .gz file (a flipped byte, a cut file): `detail` is zlib's message. */
export class GzipCorruptError extends Error {
  override readonly name = 'GzipCorruptError';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: the gzip data is corrupt (zlib: ${detail}); expected an intact .gz file`);
  }
}

/** zlib's stream errors carry a Z_* code (Z_DATA_ERROR for bad data or a CRC mismatch, Z_BUF_ERROR for a cut file). */
function isZlibError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Streams a text file (plain, or gzip when the name ends in `.gz`) as Buffers that each hold only
 * whole lines, every one ending in '\n'. A line cut by a chunk boundary is carried into the next
 * Buffer; a last line without a trailing newline gets one. Memory stays at about two chunks whatever
 * the file size. Decompression runs on libuv's thread pool, so it overlaps with parsing.
 *
 * @throws Error `<file>: ...` when the file is missing or not readable, or when a plain-named file
 *   is really gzip data; GzipCorruptError when a .gz file does not inflate.
 */
export class LineChunks {
  private readonly stream: Readable;
  private readonly iterator: AsyncIterator<Buffer>;
  private carry: Buffer | undefined;
  /** Whole lines of the last chunk, handed out after the joined cut line. */
  private queued: Buffer | undefined;
  private done = false;
  private first = true;

  /** @param chunkBytes read size; 1 MiB amortises per-chunk overhead without holding much memory. */
  constructor(
    readonly file: string,
    chunkBytes = 1 << 20,
  ) {
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a regular file');
    } catch (error) {
      throw new Error(`${file}: cannot read the file (${(error as Error).message}); expected a readable LOBSTER CSV file`);
    }
    const raw = createReadStream(file, { highWaterMark: chunkBytes });
    if (file.endsWith('.gz')) {
      const gunzip = createGunzip({ chunkSize: chunkBytes });
      raw.on('error', (error) => gunzip.destroy(error));
      this.stream = raw.pipe(gunzip);
    } else {
      this.stream = raw;
    }
    this.iterator = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Next Buffer of whole lines, or null at the end of the file. */
  async next(): Promise<Buffer | null> {
    if (this.queued) {
      const queued = this.queued;
      this.queued = undefined;
      return queued;
    }
    while (!this.done) {
      let result: IteratorResult<Buffer>;
      try {
        result = await this.iterator.next();
      } catch (error) {
        this.done = true;
        if (isZlibError(error)) throw new GzipCorruptError(this.file, error.message);
        throw new Error(`${this.file}: cannot read the file (${(error as Error).message})`);
      }
      if (result.done) {
        this.done = true;
        const tail = this.carry;
        this.carry = undefined;
        if (tail && tail.length > 0) return Buffer.concat([tail, Buffer.from([NEWLINE])]);
        return null;
      }
      const chunk = result.value;
      if (this.first) {
        this.first = false;
        if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
          throw new Error(`${this.file}: the file is gzip-compressed but its name does not end in .gz; expected a plain CSV or a name ending in .csv.gz`);
        }
      }
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        this.carry = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
        continue;
      }
      let body = chunk.subarray(0, lastNewline + 1);
      if (this.carry) {
        // Join only the cut line (carry + head of this chunk) instead of copying the whole chunk.
        const firstNewline = chunk.indexOf(NEWLINE);
        const joined = Buffer.concat([this.carry, chunk.subarray(0, firstNewline + 1)]);
        body = chunk.subarray(firstNewline + 1, lastNewline + 1);
        if (body.length > 0) this.queued = body;
        body = joined;
      }
      this.carry = lastNewline + 1 < chunk.length ? chunk.subarray(lastNewline + 1) : undefined;
      return body;
    }
    return null;
  }

  /**
   * For a .gz file: reads the rest of it and returns zlib's message when it does not inflate to the
   * end (a bad byte can inflate to plausible text long before zlib's checksum catches it), otherwise
   * undefined. Used on the error path to tell corrupt gzip data from malformed text; reading stops
   * afterwards. Plain files: undefined at once.
   */
  async corruption(): Promise<string | undefined> {
    if (!this.file.endsWith('.gz')) return undefined;
    this.queued = undefined;
    try {
      while (!this.done) {
        const result = await this.iterator.next();
        if (result.done) break;
      }
      return undefined;
    } catch (error) {
      return isZlibError(error) ? error.message : undefined;
    } finally {
      this.close();
    }
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.done = true;
    this.queued = undefined;
    this.stream.destroy();
  }
}
