import type Database from 'better-sqlite3';
import type { ClientOrderId, OrderEvent } from '../../shared';
import type { ChainWriter } from './chain';
import { LedgerRowError } from './errors';
import { decodeOrderEvent, encodeOrderEventPayload, type OrderEventRow } from './order-event-codec';
import { chainEntryTypeOfOrderEvent, orderEventChainPayload } from './order-event-chain';
import type { StoredOrderEvent } from './records';

/**
 * The append-only journal of order events (`order_events`), in one global sequence. The table's
 * triggers refuse UPDATE and DELETE; this class offers only append and read.
 *
 * When the ledger has its signed chain attached (Ledger.attachChain), every append also records the
 * event in the chain (order-event-chain.ts picks the entry type) and links both ways: the event row
 * keeps the entry's seq, the order row the seq and hash of its latest entry (migration 0009).
 */
export class OrderEventRepository {
  private readonly appendStmt: Database.Statement;
  private readonly linkOrderStmt: Database.Statement;
  private readonly forOrderStmt: Database.Statement;
  private readonly afterStmt: Database.Statement;

  /**
   * @param db the ledger's connection (migrated to version 9 or later).
   * @param chain the signed chain to record each event in, or undefined while none is attached.
   */
  constructor(
    db: Database.Database,
    private readonly chain: () => ChainWriter | undefined = () => undefined,
  ) {
    this.appendStmt = db.prepare(
      'INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload, chain_seq) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.linkOrderStmt = db.prepare('UPDATE orders SET chain_seq = ?, chain_hash = ? WHERE client_order_id = ?');
    const columns = 'seq, event_id, client_order_id, type, ts_event, ts_init, payload';
    this.forOrderStmt = db.prepare(`SELECT ${columns} FROM order_events WHERE client_order_id = ? ORDER BY seq`);
    this.afterStmt = db.prepare(`SELECT ${columns} FROM order_events WHERE seq > ? ORDER BY seq LIMIT ?`);
  }

  /**
   * Appends `event` (and, with a chain attached, its signed chain entry) and returns its journal seq.
   * Call it inside the caller's transaction, after the order row exists, so the event, its chain
   * entry and the order row's link commit or roll back together.
   * @throws SqliteError when the order row does not exist (foreign key) or the eventId was used before.
   * @throws TypeError from the chain when the event holds a value JSON cannot carry exactly.
   */
  append(event: OrderEvent): number {
    const payload = encodeOrderEventPayload(event);
    const entry = this.chain()?.append(chainEntryTypeOfOrderEvent(event), orderEventChainPayload(event, payload));
    const result = this.appendStmt.run(event.eventId, event.clientOrderId, event.type, event.tsEvent, event.tsInit, payload, entry?.seq ?? null);
    if (entry !== undefined) this.linkOrderStmt.run(entry.seq, entry.hash, event.clientOrderId);
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
