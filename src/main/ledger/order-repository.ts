import type Database from 'better-sqlite3';
import { z } from 'zod';
import { signalSchema, sizingMethodSchema, type ClientOrderId, type Signal } from '../../shared';
import {
  intColumn,
  nonNegativeIntColumn,
  orderSourceColumn,
  orderStatusColumn,
  orderTypeColumn,
  positiveIntColumn,
  sideColumn,
  timeInForceColumn,
  tradingModeColumn,
  instrumentIdColumn,
} from './columns';
import { LedgerRowError } from './errors';
import type { Order } from '../../shared';
import { parseRow } from './row-validation';

/** The `signal` column: NULL or the JSON text of a Signal (validated like the RPC's signal). */
const signalColumn = z
  .string()
  .nullable()
  .transform((text, ctx): Signal | null => {
    if (text === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'signal is not JSON' });
      return z.NEVER;
    }
    const parsed = signalSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path.map(String), message: issue.message });
    }
    return z.NEVER;
  });

const orderRowSchema = z
  .object({
    client_order_id: z.string().min(1),
    venue_order_id: z.string().nullable(),
    venue: z.string().nullable(),
    instrument_id: instrumentIdColumn,
    side: sideColumn,
    order_type: orderTypeColumn,
    time_in_force: timeInForceColumn,
    // 0 only for an order the sizer found no trade for (denied at once); the table's CHECK enforces it.
    quantity: nonNegativeIntColumn,
    limit_price: positiveIntColumn.nullable(),
    stop_price: positiveIntColumn.nullable(),
    source: orderSourceColumn,
    status: orderStatusColumn,
    status_before_pending: orderStatusColumn.nullable(),
    filled_qty: nonNegativeIntColumn,
    fill_notional: nonNegativeIntColumn,
    avg_fill_price: positiveIntColumn.nullable(),
    commission: nonNegativeIntColumn,
    reason_code: z.string().nullable(),
    reason_message: z.string().nullable(),
    created_at: nonNegativeIntColumn,
    updated_at: intColumn,
    sizing: sizingMethodSchema,
    signal: signalColumn,
    expires_at: nonNegativeIntColumn.nullable(),
    mode: tradingModeColumn,
  })
  .strict()
  .transform(
    (row): Order => ({
      clientOrderId: row.client_order_id,
      venueOrderId: row.venue_order_id,
      venue: row.venue,
      mode: row.mode,
      instrumentId: row.instrument_id,
      side: row.side,
      orderType: row.order_type,
      timeInForce: row.time_in_force,
      quantity: row.quantity,
      limitPrice: row.limit_price,
      stopPrice: row.stop_price,
      source: row.source,
      status: row.status,
      statusBeforePending: row.status_before_pending,
      filledQty: row.filled_qty,
      fillNotional: row.fill_notional,
      avgFillPrice: row.avg_fill_price,
      commission: row.commission,
      reason:
        row.reason_code === null || row.reason_message === null
          ? null
          : { code: row.reason_code, message: row.reason_message },
      sizing: row.sizing,
      signal: row.signal,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  );

const COLUMNS =
  'client_order_id, venue_order_id, venue, instrument_id, side, order_type, time_in_force, quantity, limit_price, ' +
  'stop_price, source, status, status_before_pending, filled_qty, fill_notional, avg_fill_price, commission, ' +
  'reason_code, reason_message, created_at, updated_at, sizing, signal, expires_at, mode';

/** An order row's values in COLUMNS order, as positional parameters (binding by name costs a lookup per column). */
function insertParams(order: Order): unknown[] {
  return [
    order.clientOrderId,
    order.venueOrderId,
    order.venue,
    order.instrumentId,
    order.side,
    order.orderType,
    order.timeInForce,
    order.quantity,
    order.limitPrice,
    order.stopPrice,
    order.source,
    order.status,
    order.statusBeforePending,
    order.filledQty,
    order.fillNotional,
    order.avgFillPrice,
    order.commission,
    order.reason?.code ?? null,
    order.reason?.message ?? null,
    order.createdAt,
    order.updatedAt,
    order.sizing,
    order.signal === null ? null : JSON.stringify(order.signal),
    order.expiresAt,
    order.mode,
  ];
}

/**
 * The columns an order event can change (applyOrderEvent in src/main/execution/order-state.ts): the
 * venue's ids, the working quantity and prices (OrderUpdated), the status, fills, commission, the
 * reason and the staged expiry. Everything else is what the order was created as.
 */
const STATE_COLUMNS =
  'venue_order_id, venue, quantity, limit_price, stop_price, status, status_before_pending, filled_qty, fill_notional, ' +
  'avg_fill_price, commission, reason_code, reason_message, updated_at, expires_at';

/**
 * What an order was created as; an update must name the same values, so a caller that changed one
 * is refused instead of silently ignored. The signal is left out: comparing it would mean serialising
 * it on every update, and nothing but the insert writes it.
 */
const IDENTITY_COLUMNS = 'client_order_id, instrument_id, side, order_type, time_in_force, source, sizing, created_at, mode';

/** STATE_COLUMNS then IDENTITY_COLUMNS values, the parameters of the UPDATE statement. */
function updateParams(order: Order): unknown[] {
  return [
    order.venueOrderId,
    order.venue,
    order.quantity,
    order.limitPrice,
    order.stopPrice,
    order.status,
    order.statusBeforePending,
    order.filledQty,
    order.fillNotional,
    order.avgFillPrice,
    order.commission,
    order.reason?.code ?? null,
    order.reason?.message ?? null,
    order.updatedAt,
    order.expiresAt,
    order.clientOrderId,
    order.instrumentId,
    order.side,
    order.orderType,
    order.timeInForce,
    order.source,
    order.sizing,
    order.createdAt,
    order.mode,
  ];
}

/**
 * Typed access to the `orders` table: one row per ClientOrderId with the order's current state.
 * Rows are validated when read back; a bad row raises LedgerRowError naming its ClientOrderId.
 */
export class OrderRepository {
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly getStmt: Database.Statement;
  private readonly allStmt: Database.Statement;
  private readonly knownSignalsStmt: Database.Statement;
  private readonly highestNumberStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(`INSERT INTO orders (${COLUMNS}) VALUES (${COLUMNS.split(', ').map(() => '?').join(', ')})`);
    // Only the columns an event changes: SQLite then evaluates only the CHECK constraints on them
    // (not json_valid(signal) and the rest), and nothing re-serialises the signal per update.
    this.updateStmt = db.prepare(
      `UPDATE orders SET ${STATE_COLUMNS.split(', ').map((n) => `${n} = ?`).join(', ')} ` +
        `WHERE ${IDENTITY_COLUMNS.split(', ').map((n) => `${n} = ?`).join(' AND ')}`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM orders WHERE client_order_id = ?`);
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM orders ORDER BY rowid`);
    // A signal is used once risk let its order through (staged or sent); an order denied at once
    // (DENIED without ever being staged) used nothing. The first such order (by rowid) owns the id:
    // with min(), SQLite takes the bare column client_order_id from the row holding the minimum
    // (sqlite.org/lang_select.html#bareagg).
    // GLOB, not LIKE: case-sensitive, and '_' in an id is not a wildcard. CAST takes the leading digits.
    this.highestNumberStmt = db
      .prepare("SELECT max(CAST(substr(client_order_id, length(?) + 1) AS INTEGER)) FROM orders WHERE client_order_id GLOB ? || '[0-9]*'")
      .pluck();
    this.knownSignalsStmt = db.prepare(
      "SELECT json_extract(signal, '$.signalId') AS signal_id, client_order_id, min(rowid) AS first FROM orders " +
        "WHERE json_extract(signal, '$.signalId') IS NOT NULL AND (status <> 'DENIED' OR expires_at IS NOT NULL) " +
        'GROUP BY signal_id ORDER BY first',
    );
  }

  /** Stores a new order. @throws SqliteError (SQLITE_CONSTRAINT_PRIMARYKEY) when the ClientOrderId exists. */
  insert(order: Order): void {
    this.insertStmt.run(insertParams(order));
  }

  /**
   * Writes the state of an existing order: the fields an order event changes (STATE_COLUMNS). What
   * the order was created as (instrument, side, type, time in force, source, sizing method, creation
   * time, signal, trading mode) is fixed at insert.
   * @throws LedgerRowError when no row has that ClientOrderId, or the row was created with other
   *   identity values (instrument, side, type, time in force, source, sizing, createdAt or mode).
   */
  update(order: Order): void {
    const result = this.updateStmt.run(updateParams(order));
    if (result.changes !== 1) {
      throw new LedgerRowError(
        'orders',
        order.clientOrderId,
        'cannot update an order that was never stored, or change what it was created as ' +
          '(instrument, side, type, time in force, source, sizing, createdAt, mode)',
      );
    }
  }

  /** The order with `clientOrderId`, or undefined. @throws LedgerRowError when the row is malformed. */
  get(clientOrderId: ClientOrderId): Order | undefined {
    const row = this.getStmt.get(clientOrderId);
    return row === undefined ? undefined : parseRow(orderRowSchema, row, 'orders', clientOrderId);
  }

  /** Every order, oldest first (insertion order). @throws LedgerRowError on the first malformed row. */
  all(): Order[] {
    return this.allStmt
      .all()
      .map((row) => parseRow(orderRowSchema, row, 'orders', String((row as { client_order_id?: unknown }).client_order_id)));
  }

  /**
   * The largest n among the ClientOrderIds `<idPrefix><n>` (n a decimal number), 0 when there is none.
   * Scans the table: for start-up, not the order path.
   * @throws RangeError when `idPrefix` holds a GLOB wildcard (`*`, `?`, `[`).
   */
  highestNumber(idPrefix: string): number {
    if (/[*?[]/.test(idPrefix)) throw new RangeError(`id prefix ${JSON.stringify(idPrefix)} must not contain *, ? or [`);
    return (this.highestNumberStmt.get(idPrefix, idPrefix) as number | null) ?? 0;
  }

  /**
   * Every signal id risk has let through (its order was staged or sent, whatever became of it later)
   * with the first order that carried it, oldest first: a restarted terminal still refuses a signal
   * it has acted on, while a staged order can still be approved under its own signal.
   */
  knownSignals(): { readonly signalId: string; readonly clientOrderId: ClientOrderId }[] {
    return (this.knownSignalsStmt.all() as { signal_id: unknown; client_order_id: string }[]).map((row) => ({
      signalId: String(row.signal_id),
      clientOrderId: row.client_order_id,
    }));
  }
}
