import { epochMillis, wallClock, type Clock } from '../../shared';
import { createWriteStream, type WriteStream } from 'node:fs';
import net from 'node:net';
import { TRANSCRIPT_FORMAT, type TranscriptLine } from './ib-transcript';

/**
 * A recording proxy between a TWS API client (Floor, or any other) and a real IB Gateway / TWS:
 * every byte passes through unchanged, and every framed message of both directions is written to
 * a transcript (ib-transcript.ts) with its time, account ids masked. Only paper sessions are
 * recorded: a connection whose gateway manages an account that is not a paper one (ids starting
 * with "D") is closed at once.
 */

/** Where the recorder listens and forwards. */
export interface WireRecorderOptions {
  readonly gateway: { readonly host: string; readonly port: number };
  /** Port on 127.0.0.1 for the client (0 = any free port). */
  readonly listenPort: number;
  /** Transcript file (created or truncated). */
  readonly out: string;
  readonly floorVersion: string;
  readonly note?: string;
  /** The wall clock (default wallClock); transcript times are its ms since the recording started. */
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
}

const API_PREFIX = Buffer.from('API\0', 'latin1');
/** Ids IB gives accounts: individual U..., paper DU..., advisor F... / DF..., institution I... / DI.... */
const ACCOUNT_ID = /\b(?:DU|DF|DI|U|F|I)\d{4,}\b/g;
/**
 * Fields no transcript needs, blanked to "<masked>" (message id and direction -> wire positions; a
 * position "from" n blanks n and everything after it): receiveFA / replaceFA XML (names,
 * allocations), the partner-verification messages (API names and keys), userInfo's white-branding id.
 */
const PAYLOAD_MASKED: ReadonlyArray<{ readonly id: string; readonly dir: 'toGateway' | 'toClient'; readonly from: number; readonly to?: number }> = [
  { id: '16', dir: 'toClient', from: 3, to: 3 },
  { id: '19', dir: 'toGateway', from: 3, to: 3 },
  { id: '65', dir: 'toGateway', from: 2 },
  { id: '66', dir: 'toGateway', from: 2 },
  { id: '72', dir: 'toGateway', from: 2 },
  { id: '73', dir: 'toGateway', from: 2 },
  { id: '107', dir: 'toClient', from: 2, to: 2 },
];

/** Splits one direction's bytes into frames: 4-byte big-endian length, then NUL-terminated fields; the client's stream starts with "API\0" and a framed version text. */
class FrameSplitter {
  private buffer = Buffer.alloc(0);
  private helloPending: boolean;

  constructor(expectHello: boolean) {
    this.helloPending = expectHello;
  }

  push(chunk: Buffer): Array<{ readonly hello: boolean; readonly fields: string[] }> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: Array<{ hello: boolean; fields: string[] }> = [];
    for (;;) {
      const offset = this.helloPending ? API_PREFIX.length : 0;
      if (this.helloPending && this.buffer.length >= API_PREFIX.length && !this.buffer.subarray(0, API_PREFIX.length).equals(API_PREFIX)) {
        throw new Error('the client did not start with the "API\\0" preamble of the TWS API v100+ handshake');
      }
      if (this.buffer.length < offset + 4) return out;
      const length = this.buffer.readUInt32BE(offset);
      if (this.buffer.length < offset + 4 + length) return out;
      const body = this.buffer.subarray(offset + 4, offset + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(offset + 4 + length);
      if (this.helloPending) {
        this.helloPending = false;
        out.push({ hello: true, fields: [body] });
      } else {
        const fields = body.split('\0');
        if (fields.at(-1) === '') fields.pop();
        out.push({ hello: false, fields });
      }
    }
  }
}

/** Replaces every account id with a stable stand-in (DU0000001, DU0000002, ... for paper ids; U0000001 ... otherwise). */
class AccountMask {
  private readonly aliases = new Map<string, string>();

  mask(text: string): string {
    return text.replace(ACCOUNT_ID, (id) => {
      let alias = this.aliases.get(id);
      if (alias === undefined) {
        alias = `${id.startsWith('D') ? 'DU' : 'U'}${String(this.aliases.size + 1).padStart(7, '0')}`;
        this.aliases.set(id, alias);
      }
      return alias;
    });
  }
}

/** The recording proxy. `start` resolves once it listens. */
export class WireRecorder {
  private readonly server: net.Server;
  private readonly file: WriteStream;
  private readonly started: number;
  private readonly mask = new AccountMask();
  /** How each open connection is ended (by close(): 'recorder'). */
  private readonly enders = new Set<(by: 'gateway' | 'client' | 'recorder', reason: string) => void>();
  private connections = 0;
  /** Frames written so far. */
  frames = 0;

  private constructor(private readonly options: WireRecorderOptions) {
    this.started = epochMillis(options.clock ?? wallClock);
    this.file = createWriteStream(options.out, { flags: 'w' });
    this.write({ type: 'header', format: TRANSCRIPT_FORMAT, recordedAt: new Date(this.started).toISOString(), floorVersion: options.floorVersion, note: options.note ?? '' });
    this.server = net.createServer((client) => this.onClient(client));
  }

  /** @throws the listen error (e.g. EADDRINUSE) as a rejected promise. */
  static async start(options: WireRecorderOptions): Promise<WireRecorder> {
    const recorder = new WireRecorder(options);
    await new Promise<void>((resolve, reject) => {
      recorder.server.once('error', reject);
      recorder.server.listen(options.listenPort, '127.0.0.1', () => resolve());
    });
    return recorder;
  }

  /** The port clients connect to. */
  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Client connections open now. */
  get openConnections(): number {
    return this.enders.size;
  }

  /** Closes every connection (recorded as closed by the recorder) and the listener, then the transcript file. */
  async close(): Promise<void> {
    for (const end of [...this.enders]) end('recorder', 'the recording stopped');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await new Promise<void>((resolve) => this.file.end(() => resolve()));
  }

  private elapsed(): number {
    return epochMillis(this.options.clock ?? wallClock) - this.started;
  }

  private write(line: TranscriptLine): void {
    this.file.write(`${JSON.stringify(line)}\n`);
  }

  private onClient(client: net.Socket): void {
    const conn = (this.connections += 1);
    const { host, port } = this.options.gateway;
    const gateway = net.connect(port, host);
    const log = (line: string): void => this.options.log?.(`connection ${conn}: ${line}`);
    let closed = false;
    const end = (by: 'gateway' | 'client' | 'recorder', reason: string): void => {
      if (closed) return;
      closed = true;
      this.write({ type: 'close', t: this.elapsed(), conn, by, reason: this.mask.mask(reason) });
      log(`closed by the ${by}: ${reason}`);
      client.destroy();
      gateway.destroy();
      this.enders.delete(end);
    };
    this.enders.add(end);
    const tap = (dir: 'toGateway' | 'toClient', splitter: FrameSplitter, to: net.Socket) => (chunk: Buffer) => {
      to.write(chunk);
      let frames;
      try {
        frames = splitter.push(chunk);
      } catch (error) {
        end('recorder', (error as Error).message);
        return;
      }
      for (const { hello, fields } of frames) {
        if (dir === 'toClient' && fields[0] === '15' && !paperOnly(fields)) {
          return end('recorder', 'the gateway manages a live account: Floor records paper sessions only');
        }
        const blank = PAYLOAD_MASKED.find((p) => p.id === fields[0] && p.dir === dir);
        const masked = fields.map((f, i) => (blank !== undefined && i >= blank.from && i <= (blank.to ?? Infinity) ? '<masked>' : this.mask.mask(f)));
        this.write({ type: 'frame', t: this.elapsed(), conn, dir, ...(hello ? { hello: true as const } : {}), fields: masked });
        this.frames += 1;
      }
    };
    client.on('data', tap('toGateway', new FrameSplitter(true), gateway));
    gateway.on('data', tap('toClient', new FrameSplitter(false), client));
    client.on('close', () => end('client', 'the client closed the connection'));
    gateway.on('close', () => end('gateway', 'the gateway closed the connection'));
    client.on('error', (error) => end('client', error.message));
    gateway.on('error', (error) => end('gateway', `cannot reach the gateway at ${host}:${port}: ${error.message}`));
    log(`client connected; forwarding to ${host}:${port}`);
  }
}

/** True when managedAccounts (`15, 1, "DU1,DU2"`) lists only paper accounts (ids starting with "D"). */
function paperOnly(fields: readonly string[]): boolean {
  return (fields[2] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .every((a) => a.startsWith('D'));
}
