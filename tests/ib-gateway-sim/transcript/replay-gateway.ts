import net from 'node:net';
import type { Transcript, TranscriptClose, TranscriptFrame } from '../../../src/main/cli/ib-transcript';
import { ClientStreamDecoder, encodeFrame, type Field } from '../framing';
import { decodeWithTable } from '../layouts/table-decoder';
import { parseCancelOrder, parsePlaceOrder, type PlaceOrder } from '../messages/in-requests';
import { REQ, SV } from '../protocol';

/**
 * Plays a recorded session (a `floor ib record` transcript) to a live client, in lock step: the
 * live client's k-th connection is the recorded k-th; each live request is matched with the first
 * unmatched recorded request of the same message id, and a recorded answer goes out once every
 * recorded request before it has been matched. Ids are translated: the live request's order id,
 * request id and orderRef stand in for the recorded ones in every answer (fields found by the
 * field table). Heartbeats (reqCurrentTime) are answered live, and repeats of periodic requests
 * (account summary refreshes) that the live client does not make are skipped with their answers.
 */

/** What the recorded trader did next, for the test to do through the live client. */
export type TraderAction = (
  | { readonly kind: 'place'; readonly order: PlaceOrder }
  | { readonly kind: 'cancel'; readonly orderRef: string }
  | { readonly kind: 'cancelAll' }
) & {
  /** Which recorded request it is ("<connection>:<index>"): the same action until the client makes it. */
  readonly key: string;
};

/** Requests repeated on a timer by a client (IbAccountSummary's refresh): a recorded repeat the live client does not make is skipped. */
const PERIODIC = new Set<number>([REQ.REQ_ACCOUNT_SUMMARY, REQ.CANCEL_ACCOUNT_SUMMARY]);
/** Where a request carries the id its answers name (wire position at server version `sv`). */
function requestIdIndex(id: number, sv: number): number | undefined {
  if (id === REQ.PLACE_ORDER) return sv >= SV.ORDER_CONTAINER ? 1 : 2;
  if (id === REQ.CANCEL_ORDER) return sv >= SV.CME_TAGGING_FIELDS ? 1 : 2;
  if ([REQ.REQ_PNL, REQ.CANCEL_PNL, REQ.REQ_PNL_SINGLE, REQ.CANCEL_PNL_SINGLE, REQ.REQ_MATCHING_SYMBOLS, REQ.REQ_SMART_COMPONENTS].includes(id as never)) return 1;
  const versioned: number[] = [REQ.REQ_MKT_DATA, REQ.CANCEL_MKT_DATA, REQ.REQ_EXECUTIONS, REQ.REQ_CONTRACT_DATA, REQ.REQ_MKT_DEPTH, REQ.CANCEL_MKT_DEPTH, REQ.REQ_ACCOUNT_SUMMARY, REQ.CANCEL_ACCOUNT_SUMMARY, REQ.REQ_POSITIONS_MULTI, REQ.CANCEL_POSITIONS_MULTI, REQ.REQ_ACCOUNT_UPDATES_MULTI, REQ.CANCEL_ACCOUNT_UPDATES_MULTI];
  return versioned.includes(id) ? 2 : undefined;
}
const ID_FIELDS = ['reqId', 'id', 'orderId', 'tickerId'];

interface RecordedConnection {
  readonly serverHello: TranscriptFrame;
  /** Frames after both hellos, and the close, in order. */
  readonly events: ReadonlyArray<TranscriptFrame | TranscriptClose>;
  readonly serverVersion: number;
}

interface LiveConnection {
  readonly socket: net.Socket;
  readonly recorded: RecordedConnection;
  readonly matched: boolean[];
  cursor: number;
}

/** The replaying server. */
export class TranscriptGateway {
  /** Live requests the transcript has no counterpart for, and recorded requests the live one contradicts. */
  readonly mismatches: string[] = [];
  /** Recorded answers the field table could not read (forwarded untranslated). */
  readonly unreadable: string[] = [];
  private readonly connections: RecordedConnection[];
  private readonly server: net.Server;
  private readonly ids = new Map<number, number>();
  private readonly refs = new Map<string, string>();
  private readonly skippedIds = new Set<number>();
  private live: LiveConnection | undefined;
  private accepted = 0;

  private constructor(transcript: Transcript) {
    this.connections = splitConnections(transcript);
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  static async start(transcript: Transcript): Promise<TranscriptGateway> {
    const gateway = new TranscriptGateway(transcript);
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', () => resolve()));
    return gateway;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The live orderRef the test used for a recorded one. */
  liveOrderRef(recorded: string): string | undefined {
    return this.refs.get(recorded);
  }

  /** The next thing the recorded trader did (place, cancel, cancel all), once everything before it has been replayed. */
  nextTraderAction(): TraderAction | undefined {
    const live = this.live;
    if (live === undefined) return undefined;
    const next = this.firstUnmatched(live);
    if (next === undefined) return undefined;
    const fields = (live.recorded.events[next] as TranscriptFrame).fields;
    const id = Number(fields[0]);
    const sv = live.recorded.serverVersion;
    const key = `${this.accepted}:${next}`;
    if (id === REQ.PLACE_ORDER) return { kind: 'place', order: parsePlaceOrder(fields, sv), key };
    if (id === REQ.CANCEL_ORDER) return { kind: 'cancel', orderRef: this.recordedRefOf(parseCancelOrder(fields, sv).orderId), key };
    if (id === REQ.REQ_GLOBAL_CANCEL) return { kind: 'cancelAll', key };
    return undefined;
  }

  /** True once every recorded connection has been played to its end. */
  done(): boolean {
    return this.accepted === this.connections.length && this.live !== undefined && this.live.cursor >= this.live.recorded.events.length;
  }

  async close(): Promise<void> {
    this.live?.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: net.Socket): void {
    const recorded = this.connections[this.accepted];
    if (recorded === undefined) {
      // After the recording's last connection ended a client may try again; before that it is a mismatch.
      if (!this.done()) this.mismatches.push(`the client opened connection ${this.accepted + 1}; the transcript has ${this.connections.length}`);
      socket.destroy();
      return;
    }
    this.accepted += 1;
    const live: LiveConnection = { socket, recorded, matched: recorded.events.map(() => false), cursor: 0 };
    this.live = live;
    const decoder = new ClientStreamDecoder();
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const unit of decoder.push(chunk)) {
        if (unit.kind === 'hello') socket.write(encodeFrame(recorded.serverHello.fields));
        else this.onRequest(live, unit.fields);
      }
    });
  }

  private onRequest(live: LiveConnection, fields: string[]): void {
    const id = Number(fields[0]);
    if (id === REQ.REQ_CURRENT_TIME) {
      live.socket.write(encodeFrame([49, 1, Math.floor(Date.now() / 1000)]));
      return;
    }
    const index = live.recorded.events.findIndex((e, i) => !live.matched[i] && e.type === 'frame' && e.dir === 'toGateway' && Number(e.fields[0]) === id);
    if (index < 0) {
      if (!PERIODIC.has(id)) this.mismatches.push(`connection ${this.accepted}: the client sent ${JSON.stringify(fields.slice(0, 4))}..., which the transcript has no (more) of`);
      return;
    }
    const recordedFields = (live.recorded.events[index] as TranscriptFrame).fields;
    this.learnIds(live.recorded.serverVersion, recordedFields, fields);
    live.matched[index] = true;
    this.release(live);
  }

  private learnIds(sv: number, recorded: readonly string[], fields: readonly string[]): void {
    const id = Number(fields[0]);
    const at = requestIdIndex(id, sv);
    if (at !== undefined) this.ids.set(Number(recorded[at]), Number(fields[at]));
    if (id !== REQ.PLACE_ORDER) return;
    const was = parsePlaceOrder(recorded, sv);
    const is = parsePlaceOrder(fields, sv);
    this.refs.set(was.orderRef, is.orderRef);
    for (const key of ['action', 'totalQuantity', 'orderType', 'lmtPrice', 'auxPrice', 'tif'] as const) {
      if (was[key] !== is[key]) this.mismatches.push(`order ${was.orderRef}: ${key} was ${String(was[key])}, the client sent ${String(is[key])}`);
    }
  }

  private firstUnmatched(live: LiveConnection): number | undefined {
    for (let i = live.cursor; i < live.recorded.events.length; i++) {
      const e = live.recorded.events[i]!;
      if (e.type === 'frame' && e.dir === 'toGateway' && !live.matched[i] && !this.skippable(live, i)) return i;
    }
    return undefined;
  }

  /** A recorded heartbeat, or a repeat of a periodic request: the live client need not make it. */
  private skippable(live: LiveConnection, i: number): boolean {
    const e = live.recorded.events[i] as TranscriptFrame;
    const id = Number(e.fields[0]);
    if (id === REQ.REQ_CURRENT_TIME) return true;
    return PERIODIC.has(id) && live.recorded.events.slice(0, i).some((p) => p.type === 'frame' && p.dir === 'toGateway' && p.fields[0] === e.fields[0]);
  }

  /** Sends every recorded answer whose requests have all been matched (or skipped). */
  private release(live: LiveConnection): void {
    const sv = live.recorded.serverVersion;
    for (; live.cursor < live.recorded.events.length; live.cursor++) {
      const e = live.recorded.events[live.cursor]!;
      if (e.type === 'close') {
        if (e.by === 'gateway') live.socket.destroy();
        continue;
      }
      if (e.dir === 'toGateway') {
        if (live.matched[live.cursor]) continue;
        if (!this.skippable(live, live.cursor)) return;
        const at = requestIdIndex(Number(e.fields[0]), sv);
        if (at !== undefined && e.fields[0] !== String(REQ.REQ_CURRENT_TIME)) this.skippedIds.add(Number(e.fields[at]));
        continue;
      }
      if (e.fields[0] === String(REQ.REQ_CURRENT_TIME)) continue; // the recorded heartbeat answers: live ones are answered live
      const out = this.translate(e.fields, sv);
      if (out !== undefined) live.socket.write(encodeFrame(out));
    }
  }

  /** A recorded answer with live ids, or undefined when it answers a skipped request. */
  private translate(fields: readonly string[], sv: number): Field[] | undefined {
    let positions: Readonly<Record<string, number>>;
    try {
      positions = decodeWithTable(fields, sv).positions;
    } catch (error) {
      this.unreadable.push(`${(error as Error).message}`);
      return [...fields];
    }
    const out: Field[] = [...fields];
    for (const name of ID_FIELDS) {
      const at = positions[name];
      if (at === undefined) continue;
      const recorded = Number(fields[at]);
      if (this.skippedIds.has(recorded)) return undefined;
      const mapped = this.ids.get(recorded);
      if (mapped !== undefined) out[at] = mapped;
    }
    const ref = positions.orderRef;
    if (ref !== undefined) out[ref] = this.refs.get(fields[ref]!) ?? fields[ref]!;
    return out;
  }

  private recordedRefOf(orderId: number): string {
    for (const c of this.connections) {
      for (const e of c.events) {
        if (e.type !== 'frame' || e.dir !== 'toGateway' || Number(e.fields[0]) !== REQ.PLACE_ORDER) continue;
        const order = parsePlaceOrder(e.fields, c.serverVersion);
        if (order.orderId === orderId) return order.orderRef;
      }
    }
    throw new Error(`the transcript cancels order ${orderId}, which it never placed`);
  }
}

/** The transcript's events by connection, without the hellos. */
function splitConnections(transcript: Transcript): RecordedConnection[] {
  const byConn = new Map<number, Array<TranscriptFrame | TranscriptClose>>();
  for (const e of transcript.events) byConn.set(e.conn, [...(byConn.get(e.conn) ?? []), e]);
  return [...byConn.keys()]
    .sort((a, b) => a - b)
    .map((conn) => {
      const events = byConn.get(conn)!;
      const serverHello = events.find((e): e is TranscriptFrame => e.type === 'frame' && e.dir === 'toClient');
      if (serverHello === undefined) throw new Error(`connection ${conn} of the transcript has no handshake answer`);
      return { serverHello, serverVersion: Number(serverHello.fields[0]), events: events.filter((e) => e !== serverHello && !(e.type === 'frame' && e.hello === true)) };
    });
}
