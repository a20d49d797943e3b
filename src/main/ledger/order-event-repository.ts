import type Database from 'better-sqlite3';
import type { ClientOrderId, OrderEvent } from '../../shared';
import { LedgerRowError } from './errors';
import { decodeOrderEvent, encodeOrderEventPayload, type OrderEventRow } from './order-event-codec';
import type { StoredOrderEvent } from './records';

/**
 * The append-only journal of order events (`order_events`), in one global sequence. The table's
 * triggers refuse UPDATE and DELETE; this class offers only append and read.
 */
export class OrderEventRepository {
  private readonly appendStmt: Database.Statement;
  private readonly forOrderStmt: Database.Statement;
  private readonly afterStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.appendStmt = db.prepare(
      'INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) ' +
        'VALUES (?, ?, ?, ?, ?, ?)',
    );
    const columns = 'seq, event_id, client_order_id, type, ts_event, ts_init, payload';
    this.forOrderStmt = db.prepare(`SELECT ${columns} FROM order_events WHERE client_order_id = ? ORDER BY seq`);
    this.afterStmt = db.prepare(`SELECT ${columns} FROM order_events WHERE seq > ? ORDER BY seq LIMIT ?`);
  }

  /**
   * Appends `event` and returns its journal seq.
   * @throws SqliteError when the order row does not exist (foreign key) or the eventId was used before.
   */
  append(event: OrderEvent): number {
    const result = this.appendStmt.run(
      event.eventId,
      event.clientOrderId,
      event.type,
      event.tsEvent,
      event.tsInit,
      encodeOrderEventPayload(event),
    );
    return Number(result.lastInsertRowid);
  }

  /** Every event of one order, oldest first. @throws LedgerRowError naming the seq of a malformed row. */
  forOrder(clientOrderId: ClientOrderId): StoredOrderEvent[] {
    return (this.forOrderStmt.all(clientOrderId) as OrderEventRow[]).map(decodeRow);
  }

  /** Up to `limit` events with seq > `afterSeq`, in seq order: for paging through the whole journal. */
  after(afterSeq: number, limit: number): StoredOrderEvent[] {
    return (this.afterStmt.all(afterSeq, limit) as OrderEventRow[]).map(decodeRow);
  }
}

function decodeRow(row: OrderEventRow): StoredOrderEvent {
  const event = decodeOrderEvent(row);
  if (typeof event === 'string') throw new LedgerRowError('order_events', `seq ${row.seq}`, event);
  return { seq: row.seq, event };
}
