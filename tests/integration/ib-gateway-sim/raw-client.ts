import net from 'node:net';
import { API_PREFIX, encodeFrame, splitFields, type Field } from '../../ib-gateway-sim/framing';

/**
 * A bare TCP client of the simulator that writes whatever bytes a test wants (a handshake with
 * connect options, a pre-v100 preamble, nothing at all) and collects every frame it gets back.
 * Frames are split into fields; the first one is the handshake answer (serverVersion, time).
 */
export class RawClient {
  readonly frames: string[][] = [];
  /** When each frame arrived (performance.now(), ms). */
  readonly arrivals: number[] = [];
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private readonly waiters: Array<() => void> = [];

  private constructor(private readonly socket: net.Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.closed.then(() => this.wake());
  }

  /** Connects to the simulator on 127.0.0.1:`port`. */
  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends "API\0" and the framed version text (e.g. "v100..193 +PACEAPI"). */
  hello(versionText = 'v100..193'): void {
    const text = Buffer.from(versionText, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(text.length, 0);
    this.socket.write(Buffer.concat([API_PREFIX, length, text]));
  }

  /** Sends raw bytes. */
  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Sends one framed message. */
  send(fields: readonly Field[]): void {
    this.socket.write(encodeFrame(fields));
  }

  /** Resolves with the first frame (at index `from` or later) that `accept` takes; rejects after `timeoutMs` or when the connection closes first. */
  next(accept: (fields: string[]) => boolean, from = 0, timeoutMs = 5_000): Promise<{ fields: string[]; index: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(from).map((f) => f.slice(0, 4)))}`)), timeoutMs);
      const check = (): void => {
        for (let i = from; i < this.frames.length; i++) {
          if (accept(this.frames[i]!)) {
            clearTimeout(timer);
            return resolve({ fields: this.frames[i]!, index: i });
          }
        }
        if (this.socket.destroyed) {
          clearTimeout(timer);
          return reject(new Error(`the connection closed; got ${JSON.stringify(this.frames.slice(from).map((f) => f.slice(0, 4)))}`));
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  end(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (this.buffer.length < 4 + length) break;
      this.frames.push(splitFields(this.buffer.subarray(4, 4 + length)));
      this.arrivals.push(performance.now());
      this.buffer = this.buffer.subarray(4 + length);
    }
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
