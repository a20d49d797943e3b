import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ClientOrderId, UnixMicros } from '../../shared';
import { parseRow } from './row-validation';

/** How one of our orders is known at IB (table ib_orders, migration 0010): the (gateway, clientId, orderId) it was placed with, and its permId. */
export interface IbOrderMapping {
  /** Our ClientOrderId, also sent to IB as the order's orderRef. */
  readonly clientOrderId: ClientOrderId;
  /** The gateway the order was placed through: `host:port`, an IPv6 host in brackets (`[::1]:4002`). */
  readonly gateway: string;
  /** The API client id of the session that placed it (0..2^31 − 1). */
  readonly clientId: number;
  /** The IB order id it was placed with (0..2^31 − 1). */
  readonly orderId: number;
  /** IB's permanent order id, or null until the gateway reports it. */
  readonly permId: number | null;
  /** When it was placed, Unix epoch µs. */
  readonly createdAt: UnixMicros;
}


/** Largest IB order id and client id: both are 32-bit signed integers in the TWS API. */
const INT32_MAX = 2_147_483_647;


const gatewaySchema = z
  .string()
  .max(300, 'gateway must be at most 300 characters')
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]]+):[1-9][0-9]{0,4}$/, 'gateway must be host:port (an IPv6 host in brackets)');
const int32Schema = z.number().int('must be a whole number').min(0, 'must not be negative').max(INT32_MAX, `must be at most ${INT32_MAX}`);
// Positive, not capped at 2^31 − 1: a permanent id is IB's to size (the table stores 64-bit integers).
const permIdSchema = z.number().int('permId must be a whole number').positive('permId must be positive');
const createdAtSchema = z.number().int().nonnegative();
const clientOrderIdSchema = z.string().min(1).max(64);

const mappingSchema = z
  .object({
    clientOrderId: clientOrderIdSchema,
    gateway: gatewaySchema,
    clientId: int32Schema,
    orderId: int32Schema,
    permId: permIdSchema.nullable(),
    createdAt: createdAtSchema,
  })
  .strict();

const rowSchema = z
  .object({
    client_order_id: clientOrderIdSchema,
    gateway: gatewaySchema,
    client_id: int32Schema,
    order_id: int32Schema,
    perm_id: permIdSchema.nullable(),
    created_at: createdAtSchema,
  })
  .strict();

const COLUMNS = 'client_order_id, gateway, client_id, order_id, perm_id, created_at';

/** The order or its IB (client id, order id) on that gateway is mapped already. RPC code CONFLICT. */
export class IbOrderMappingExistsError extends Error {
  override readonly name = 'IbOrderMappingExistsError';
  readonly code = 'CONFLICT';
  constructor(mapping: IbOrderMapping) {
    super(
      `IB order mapping exists already: order ${mapping.clientOrderId} or IB order id ${mapping.orderId} of client id ${mapping.clientId} on ${mapping.gateway} is mapped`,
    );
  }
}

/** A mapping names an order the ledger does not hold. RPC code NOT_FOUND. */
export class IbOrderUnknownError extends Error {
  override readonly name = 'IbOrderUnknownError';
  readonly code = 'NOT_FOUND';
  constructor(clientOrderId: ClientOrderId, what: 'order' | 'mapping') {
    super(what === 'order' ? `no order ${clientOrderId} in the ledger to map to an IB order` : `order ${clientOrderId} has no IB order mapping`);
  }
}

/** The gateway reported a permId other than the one stored for the order; permIds never change. RPC code CONFLICT. */
export class IbPermIdChangedError extends Error {
  override readonly name = 'IbPermIdChangedError';
  readonly code = 'CONFLICT';
  constructor(clientOrderId: ClientOrderId, stored: number | null, reported: number) {
    super(
      `order ${clientOrderId} has IB permId ${stored}; the gateway now reports ${reported}. A permId never changes, so one of the two reports is about another order: check the gateway's orderRef`,
    );
  }
}

/**
 * Typed access to `ib_orders`: which IB order (gateway, client id, order id, permId) carries which
 * of our orders. Rows are never deleted or edited; only the permId is filled in, once.
 */
export class IbOrderRepository {
  private readonly insertStmt: Database.Statement;
  private readonly setPermIdStmt: Database.Statement;
  private readonly byOrderRefStmt: Database.Statement;
  private readonly byOrderIdStmt: Database.Statement;
  private readonly byPermIdStmt: Database.Statement;
  private readonly maxOrderIdStmt: Database.Statement;

  /** @throws SqliteError when the database has no ib_orders table (migration 0010 not applied). */
  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(`INSERT INTO ib_orders (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`);
    this.setPermIdStmt = db.prepare('UPDATE ib_orders SET perm_id = ? WHERE client_order_id = ? AND perm_id IS NULL');
    this.byOrderRefStmt = db.prepare(`SELECT ${COLUMNS} FROM ib_orders WHERE client_order_id = ?`);
    this.byOrderIdStmt = db.prepare(`SELECT ${COLUMNS} FROM ib_orders WHERE client_id = ? AND order_id = ? AND gateway = ?`);
    this.byPermIdStmt = db.prepare(`SELECT ${COLUMNS} FROM ib_orders WHERE perm_id = ? ORDER BY created_at, client_order_id`);
    this.maxOrderIdStmt = db.prepare('SELECT max(order_id) FROM ib_orders WHERE client_id = ?').pluck();
  }

  /**
   * Records that `mapping.clientOrderId` was placed at IB as `mapping.orderId` (validated first).
   * @throws TypeError naming each bad field; IbOrderUnknownError when the ledger has no such order;
   *   IbOrderMappingExistsError when the order, or that (client id, order id) on that gateway, is mapped already.
   */
  insert(mapping: IbOrderMapping): void {
    const parsed = mappingSchema.safeParse(mapping);
    if (!parsed.success) {
      throw new TypeError(`IB order mapping is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`).join('; ')}`);
    }
    const m = parsed.data;
    try {
      this.insertStmt.run(m.clientOrderId, m.gateway, m.clientId, m.orderId, m.permId, m.createdAt);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new IbOrderUnknownError(m.clientOrderId, 'order');
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new IbOrderMappingExistsError(m);
      throw error;
    }
  }

  /**
   * Stores the permId the gateway assigned to `clientOrderId`'s IB order. Reporting the stored
   * permId again (IB repeats it in every openOrder and orderStatus) changes nothing.
   * @param permId IB's permanent order id, a positive integer.
   * @returns true when the permId was stored now, false when it was stored already.
   * @throws RangeError for a permId that is not a positive integer; IbOrderUnknownError when the
   *   order has no mapping; IbPermIdChangedError when another permId is stored.
   */
  setPermId(clientOrderId: ClientOrderId, permId: number): boolean {
    if (!permIdSchema.safeParse(permId).success) throw new RangeError(`IB permId must be a positive integer, got ${permId}`);
    if (this.setPermIdStmt.run(permId, clientOrderId).changes === 1) return true;
    const stored = this.byOrderRef(clientOrderId);
    if (stored === undefined) throw new IbOrderUnknownError(clientOrderId, 'mapping');
    // The UPDATE skipped the row, so it holds a permId already.
    if (stored.permId === permId) return false;
    throw new IbPermIdChangedError(clientOrderId, stored.permId, permId);
  }

  /** The mapping of our order `clientOrderId` (IB's orderRef), or undefined. @throws LedgerRowError when its row is malformed. */
  byOrderRef(clientOrderId: ClientOrderId): IbOrderMapping | undefined {
    const row = this.byOrderRefStmt.get(clientOrderId);
    return row === undefined ? undefined : toMapping(row);
  }

  /**
   * The order IB knows as `orderId` of `clientId` on `gateway` (`host:port`), or undefined.
   * @throws LedgerRowError when its row is malformed.
   */
  byOrderId(gateway: string, clientId: number, orderId: number): IbOrderMapping | undefined {
    const row = this.byOrderIdStmt.get(clientId, orderId, gateway);
    return row === undefined ? undefined : toMapping(row);
  }

  /**
   * The orders holding `permId`, oldest first: one, except when a paper and a live account both
   * used the same permId (see migration 0010). @throws LedgerRowError when a row is malformed.
   */
  byPermId(permId: number): IbOrderMapping[] {
    return this.byPermIdStmt.all(permId).map(toMapping);
  }

  /**
   * The highest order id `clientId` ever used, on any gateway, or undefined when it placed none.
   * Seeds the order id sequence: a gateway restart can roll nextValidId back, and a reused id gets
   * error 103 or a fill booked to the wrong order.
   */
  maxOrderId(clientId: number): number | undefined {
    const max = this.maxOrderIdStmt.get(clientId) as number | null;
    return max ?? undefined;
  }
}

function toMapping(raw: unknown): IbOrderMapping {
  const row = parseRow(rowSchema, raw, 'ib_orders', `client_order_id ${String((raw as { client_order_id?: unknown }).client_order_id)}`);
  return {
    clientOrderId: row.client_order_id,
    gateway: row.gateway,
    clientId: row.client_id,
    orderId: row.order_id,
    permId: row.perm_id,
    createdAt: row.created_at,
  };
}
