import type { OrderStatus } from '../../../src/shared';
import type { Transcript, TranscriptFrame } from '../../../src/main/cli/ib-transcript';
import { decodeWithTable } from '../layouts/table-decoder';
import { parsePlaceOrder } from '../messages/in-requests';
import { REQ } from '../protocol';

/**
 * What a recorded session ended with, read from the gateway's side of a transcript with the field
 * table (IB's own decoder's gating, independent of the client Floor uses), and the orders' ids from
 * the client's placeOrder: each order's last status, every execution, and the account's last
 * reported positions.
 */

/** One execution, IB units: shares and dollars. */
export interface RecordedFill {
  readonly orderRef: string;
  readonly shares: number;
  readonly price: number;
}

export interface TranscriptOutcome {
  /** Floor's status each order (by its recorded orderRef) should reach: IB's last word on it. */
  readonly orders: ReadonlyMap<string, OrderStatus>;
  /** Executions by execId. */
  readonly fills: ReadonlyMap<string, RecordedFill>;
  /** Last reported position per symbol (shares), zero ones left out. */
  readonly positions: ReadonlyMap<string, number>;
}

/** The codes that end an order in IB's words (ib-codes.ts: rejected, canceled). */
const REJECTS = new Set([201, 103, 110, 203, 434]);
const CANCELS = new Set([202]);

/** IB's order status with the shares filled, as Floor's OrderStatus. */
function floorStatus(ibStatus: string, filled: number): OrderStatus {
  if (ibStatus === 'Filled') return 'FILLED';
  if (ibStatus === 'Cancelled' || ibStatus === 'ApiCancelled') return 'CANCELED';
  if (ibStatus === 'Inactive') return 'REJECTED';
  return filled > 0 ? 'PARTIALLY_FILLED' : 'ACCEPTED';
}

/** Reads the outcome of `transcript`. @throws LayoutError when the table cannot read an answer. */
export function transcriptOutcome(transcript: Transcript): TranscriptOutcome {
  const serverVersions = new Map<number, number>();
  const refByOrderId = new Map<number, string>();
  const status = new Map<string, { ib: string; filled: number }>();
  const fills = new Map<string, RecordedFill>();
  const ended = new Map<string, OrderStatus>();
  let positions = new Map<string, number>();
  for (const e of transcript.events) {
    if (e.type !== 'frame' || e.hello) continue;
    if (e.dir === 'toGateway') {
      const sv = serverVersions.get(e.conn);
      if (sv !== undefined && Number(e.fields[0]) === REQ.PLACE_ORDER) {
        const order = parsePlaceOrder(e.fields, sv);
        refByOrderId.set(order.orderId, order.orderRef);
      }
      continue;
    }
    if (!serverVersions.has(e.conn)) {
      serverVersions.set(e.conn, Number(e.fields[0]));
      continue;
    }
    const { layout, values: v } = decodeWithTable((e as TranscriptFrame).fields, serverVersions.get(e.conn)!);
    const filledOf = (ref: string): number => [...fills.values()].filter((f) => f.orderRef === ref).reduce((n, f) => n + f.shares, 0);
    switch (layout.name) {
      case 'openOrder':
      case 'completedOrder': {
        const ref = String(v.orderRef);
        if (layout.name === 'openOrder') refByOrderId.set(v.orderId as number, ref);
        status.set(ref, { ib: String(v.status), filled: filledOf(ref) });
        break;
      }
      case 'orderStatus': {
        const ref = refByOrderId.get(v.orderId as number);
        if (ref !== undefined) status.set(ref, { ib: String(v.status), filled: Number(v.filled ?? 0) });
        break;
      }
      case 'execDetails':
        fills.set(String(v.execId), { orderRef: String(v.orderRef), shares: Number(v.shares), price: Number(v.price) });
        break;
      case 'error': {
        const ref = refByOrderId.get(v.id as number);
        if (ref !== undefined && REJECTS.has(v.code as number) && !status.has(ref)) ended.set(ref, 'REJECTED');
        if (ref !== undefined && CANCELS.has(v.code as number)) ended.set(ref, 'CANCELED');
        break;
      }
      case 'positionEnd':
        break;
      case 'position':
        if (v.position === 0 || v.position === undefined) positions.delete(String(v['contract.symbol']));
        else positions = new Map(positions).set(String(v['contract.symbol']), Number(v.position));
        break;
    }
  }
  const orders = new Map<string, OrderStatus>();
  for (const [ref, s] of status) orders.set(ref, floorStatus(s.ib, s.filled));
  for (const [ref, s] of ended) if (orders.get(ref) !== 'FILLED') orders.set(ref, s);
  return { orders, fills, positions };
}
