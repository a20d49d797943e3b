import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ClientOrderId, FillView, TradeId } from '../../shared';
import { liquiditySideColumn, nonNegativeIntColumn, positiveIntColumn, sideColumn, instrumentIdColumn } from './columns';
import type { FillRecord } from './records';
import { parseRow } from './row-validation';

const fillRowSchema = z
  .object({
    trade_id: z.string().min(1),
    event_seq: positiveIntColumn,
    client_order_id: z.string().min(1),
    instrument_id: instrumentIdColumn,
    side: sideColumn,
    quantity: positiveIntColumn,
    price: positiveIntColumn,
    commission: nonNegativeIntColumn,
    liquidity_side: liquiditySideColumn,
    ts_event: nonNegativeIntColumn,
  })
  .strict()
  .transform(
    (row): FillRecord => ({
      tradeId: row.trade_id,
      eventSeq: row.event_seq,
      clientOrderId: row.client_order_id,
      instrumentId: row.instrument_id,
      side: row.side,
      quantity: row.quantity,
      price: row.price,
      commission: row.commission,
      liquiditySide: row.liquidity_side,
      tsEvent: row.ts_event,
    }),
  );

const COLUMNS =
  'trade_id, event_seq, client_order_id, instrument_id, side, quantity, price, commission, liquidity_side, ts_event';

/**
 * Typed access to `fills`: one row per venue execution, unique by TradeId (IB execId), so a
 * repeated execution report can never be booked twice.
 */
export class FillRepository {
  private readonly insertStmt: Database.Statement;
  private readonly hasStmt: Database.Statement;
  private readonly allStmt: Database.Statement;
  private readonly forOrderStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO fills (${COLUMNS}) VALUES (@trade_id, @event_seq, @client_order_id, @instrument_id, @side, ` +
        '@quantity, @price, @commission, @liquidity_side, @ts_event)',
    );
    this.hasStmt = db.prepare('SELECT 1 FROM fills WHERE trade_id = ?').pluck();
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM fills ORDER BY event_seq`);
    this.forOrderStmt = db.prepare(`SELECT ${COLUMNS} FROM fills WHERE client_order_id = ? ORDER BY event_seq`);
  }

  /**
   * Stores a fill recorded by the OrderFilled event at journal `eventSeq`.
   * @throws SqliteError (SQLITE_CONSTRAINT_PRIMARYKEY) when the TradeId was already booked.
   */
  insert(fill: FillView, eventSeq: number): void {
    this.insertStmt.run({
      trade_id: fill.tradeId,
      event_seq: eventSeq,
      client_order_id: fill.clientOrderId,
      instrument_id: fill.instrumentId,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      commission: fill.commission,
      liquidity_side: fill.liquiditySide,
      ts_event: fill.tsEvent,
    });
  }

  /** True when a fill with `tradeId` is already booked. */
  has(tradeId: TradeId): boolean {
    return this.hasStmt.get(tradeId) !== undefined;
  }

  /** Every fill, oldest first (journal order). @throws LedgerRowError naming the TradeId of a malformed row. */
  all(): FillRecord[] {
    return this.allStmt.all().map((row) => parse(row));
  }

  /** The fills of one order, oldest first. */
  forOrder(clientOrderId: ClientOrderId): FillRecord[] {
    return this.forOrderStmt.all(clientOrderId).map((row) => parse(row));
  }
}

function parse(row: unknown): FillRecord {
  return parseRow(fillRowSchema, row, 'fills', `trade_id ${String((row as { trade_id?: unknown }).trade_id)}`);
}
