import type { Encoder } from '@stoqey/ib/dist/core/io/encoder.js';
import { decodeWithTable, type TableDecoded } from '../../ib-gateway-sim/layouts/table-decoder';
import { encodeWithClient } from './client-encoder';
import { RawClient } from './raw-client';

/**
 * A client that reads the simulator the way IB's own client decoder does: every frame after the
 * handshake is decoded with the field table at the negotiated server version, and a frame the
 * table cannot read whole is recorded as a misread (IB's Python client would have crashed on it).
 * Requests are written by @stoqey/ib's Encoder.
 */
export class TableClient {
  /** Frames read, in order. */
  readonly messages: TableDecoded[] = [];
  /** Frames the table could not read: what IB's client would choke on. */
  readonly misreads: string[] = [];
  private read = 0;

  private constructor(
    private readonly raw: RawClient,
    readonly serverVersion: number,
  ) {}

  /** Connects, offers v100..`offer`, sends START_API with `clientId`, and waits for nextValidId. */
  static async connect(port: number, clientId: number, offer = 193): Promise<TableClient> {
    const raw = await RawClient.connect(port);
    raw.hello(`v100..${offer}`);
    const { fields } = await raw.next(() => true);
    const client = new TableClient(raw, Number(fields[0]));
    client.read = 1;
    raw.send([71, 2, clientId, '']);
    await client.next('nextValidId');
    return client;
  }

  /** Encodes a request with the client's Encoder at the negotiated version and sends it. */
  request(write: (encoder: Encoder) => void): void {
    for (const fields of encodeWithClient(this.serverVersion, write)) this.raw.send(fields);
  }

  /** Resolves with the first message `name` (satisfying `accept`) read so far or later. */
  async next(name: string, accept: (values: TableDecoded['values']) => boolean = () => true, timeoutMs = 5_000): Promise<TableDecoded> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.drain();
      const hit = this.messages.find((m) => m.layout.name === name && accept(m.values));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${name} within ${timeoutMs} ms; read ${this.messages.map((m) => m.layout.name).join(', ')}`);
      await this.raw.next(() => true, this.raw.frames.length, left).catch(() => undefined);
    }
  }

  /** Every message `name` read so far. */
  all(name: string): TableDecoded['values'][] {
    this.drain();
    return this.messages.filter((m) => m.layout.name === name).map((m) => m.values);
  }

  /** Round trip (reqCurrentTime): everything the simulator sent before it has been read. */
  async sync(): Promise<void> {
    const before = this.all('currentTime').length;
    this.request((e) => e.reqCurrentTime());
    await this.next('currentTime', () => this.all('currentTime').length > before);
  }

  end(): void {
    this.raw.end();
  }

  private drain(): void {
    for (; this.read < this.raw.frames.length; this.read++) {
      const fields = this.raw.frames[this.read]!;
      try {
        this.messages.push(decodeWithTable(fields, this.serverVersion));
      } catch (error) {
        this.misreads.push(`${(error as Error).message} in ${JSON.stringify(fields)}`);
      }
    }
  }
}
