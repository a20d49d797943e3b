import { z } from 'zod';

/**
 * The transcript of a TWS API session as `floor ib record` writes it: JSON Lines, one header line,
 * then one line per framed message in either direction (and one when a connection closes), in the
 * order they passed. Fields are the message's NUL-separated fields as text; account ids are masked
 * (DU0000001, ...); times are ms since the recording started. The simulator's conformance test
 * replays these files (tests/ib-gateway-sim/transcripts).
 */

export const TRANSCRIPT_FORMAT = 'floor-ib-transcript/1';

const header = z.object({
  type: z.literal('header'),
  format: z.literal(TRANSCRIPT_FORMAT),
  /** When the recording started, ISO 8601 (date and time, UTC). */
  recordedAt: z.string(),
  /** The Floor version that recorded it. */
  floorVersion: z.string(),
  /** What was done in the session, in the recorder's words or the contributor's. */
  note: z.string(),
});

const frame = z.object({
  type: z.literal('frame'),
  /** ms since the recording started. */
  t: z.number().nonnegative(),
  /** 1 for the first client connection, 2 for the next, ... */
  conn: z.number().int().positive(),
  /** toGateway: what the client sent; toClient: what the gateway answered. */
  dir: z.enum(['toGateway', 'toClient']),
  /** The client's "API\0" preamble with its version range (fields: [versionText]); the gateway's first frame is a normal frame (serverVersion, connection time). */
  hello: z.literal(true).optional(),
  fields: z.array(z.string()),
});

const close = z.object({
  type: z.literal('close'),
  t: z.number().nonnegative(),
  conn: z.number().int().positive(),
  /** Who ended the connection: the gateway, the client, or the recorder (a live account). */
  by: z.enum(['gateway', 'client', 'recorder']),
  reason: z.string(),
});

const line = z.discriminatedUnion('type', [header, frame, close]);

export type TranscriptHeader = z.infer<typeof header>;
export type TranscriptFrame = z.infer<typeof frame>;
export type TranscriptClose = z.infer<typeof close>;
export type TranscriptLine = z.infer<typeof line>;

/** A parsed transcript. */
export interface Transcript {
  readonly header: TranscriptHeader;
  /** Frames and closes, in recorded order. */
  readonly events: ReadonlyArray<TranscriptFrame | TranscriptClose>;
}

/** A file that is not a transcript of this format. */
export class TranscriptFormatError extends Error {
  override readonly name = 'TranscriptFormatError';
}

/**
 * Parses transcript text.
 * @param source the file name, for errors.
 * @throws TranscriptFormatError `<source>:<line>: <what is wrong>` for a line that is not JSON or
 *   not one of the line types, or when the first line is not the header.
 */
export function parseTranscript(text: string, source: string): Transcript {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parsed = lines.map((raw, i) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new TranscriptFormatError(`${source}:${i + 1}: not JSON`);
    }
    const result = line.safeParse(json);
    if (!result.success) throw new TranscriptFormatError(`${source}:${i + 1}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ')}`);
    return result.data;
  });
  const [first, ...rest] = parsed;
  if (first?.type !== 'header') throw new TranscriptFormatError(`${source}:1: the first line must be the ${TRANSCRIPT_FORMAT} header`);
  if (rest.some((l) => l.type === 'header')) throw new TranscriptFormatError(`${source}: more than one header line`);
  return { header: first, events: rest as Array<TranscriptFrame | TranscriptClose> };
}
