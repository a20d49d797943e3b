/**
 * TWS API framing (API v100+), both directions: every message is a 4-byte big-endian length followed
 * by that many bytes of UTF-8 fields, each field terminated by NUL (the last one too). The only
 * exception is the client's very first bytes: the literal "API\0", then a framed version range
 * "v<min>..<max>" with no trailing NUL (see handshake.ts).
 */

/** One outgoing field. Numbers are written with JS `String()`; booleans as 1/0; null/undefined as "". */
export type Field = string | number | boolean | null | undefined;

/** The largest frame the client accepts (@stoqey/ib socket.ts MAX_V100_MESSAGE_LENGTH, from IB's Java client). */
export const MAX_FRAME_BYTES = 0xffffff;

/** The client's connect preamble before the framed version range. */
export const API_PREFIX = Buffer.from('API\0', 'latin1');

/** Text of one field as TWS writes it. @throws RangeError for a non-finite number (TWS never sends NaN/Infinity). */
export function fieldText(value: Field): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot encode the non-finite number ${value} as a TWS field`);
    return String(value);
  }
  if (value.includes('\0')) throw new RangeError(`a TWS field cannot contain NUL: ${JSON.stringify(value)}`);
  return value;
}

/** One framed message: length prefix + NUL-terminated fields. */
export function encodeFrame(fields: readonly Field[]): Buffer {
  const body = Buffer.from(fields.map((f) => `${fieldText(f)}\0`).join(''), 'utf8');
  if (body.length > MAX_FRAME_BYTES) throw new RangeError(`TWS frame of ${body.length} bytes exceeds ${MAX_FRAME_BYTES}`);
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Splits a frame body into its fields (the trailing NUL terminates the last field). */
export function splitFields(body: Buffer): string[] {
  const text = body.toString('utf8');
  const parts = text.split('\0');
  // "a\0b\0" splits into ["a","b",""]: the final empty string is not a field.
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** What the inbound decoder yields. */
export type Inbound =
  | { readonly kind: 'hello'; readonly versionText: string }
  | { readonly kind: 'message'; readonly fields: string[] };

/** Raised for bytes that cannot be TWS API traffic (wrong preamble, oversized frame). */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/**
 * Incremental decoder of the client's byte stream: first the "API\0" preamble plus the framed
 * version text (yielded as `hello`), then framed messages (yielded as `message`). Bytes may arrive
 * split or coalesced arbitrarily; `push` returns every complete unit in order.
 */
export class ClientStreamDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private sawHello = false;

  /** @throws FramingError on a wrong preamble or a frame longer than MAX_FRAME_BYTES. */
  push(chunk: Buffer): Inbound[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: Inbound[] = [];
    if (!this.sawHello) {
      // Refuse at the first byte that cannot start "API\0" (a pre-v100 client sends its client version, e.g. "63\0").
      const head = this.buffer.subarray(0, Math.min(this.buffer.length, API_PREFIX.length));
      if (!head.equals(API_PREFIX.subarray(0, head.length))) {
        throw new FramingError(`expected the "API\\0" preamble of the v100+ handshake, got ${JSON.stringify(head.toString('latin1'))}`);
      }
      if (this.buffer.length < API_PREFIX.length) return out;
      const body = this.takeFrame(API_PREFIX.length);
      if (body === undefined) return out;
      this.sawHello = true;
      out.push({ kind: 'hello', versionText: body.toString('utf8') });
    }
    for (;;) {
      const body = this.takeFrame(0);
      if (body === undefined) return out;
      out.push({ kind: 'message', fields: splitFields(body) });
    }
  }

  /** Removes and returns the frame body starting at `offset`, or undefined while it is incomplete. */
  private takeFrame(offset: number): Buffer | undefined {
    if (this.buffer.length < offset + 4) return undefined;
    const length = this.buffer.readUInt32BE(offset);
    if (length > MAX_FRAME_BYTES) throw new FramingError(`frame length ${length} exceeds ${MAX_FRAME_BYTES}`);
    if (this.buffer.length < offset + 4 + length) return undefined;
    const body = Buffer.from(this.buffer.subarray(offset + 4, offset + 4 + length));
    this.buffer = this.buffer.subarray(offset + 4 + length);
    return body;
  }
}
