import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InstrumentId, TradingMode } from '../../shared';
import { intColumn, nonNegativeIntColumn, instrumentIdColumn } from './columns';
import type { PositionRecord } from './records';
import { parseRow } from './row-validation';

const positionRowSchema = z
  .object({
    instrument_id: instrumentIdColumn,
    quantity: intColumn,
    cost_basis: intColumn,
    realized_pnl: intColumn,
    commissions: nonNegativeIntColumn,
    updated_at: nonNegativeIntColumn,
  })
  .strict()
  .refine((row) => (row.quantity === 0 ? row.cost_basis === 0 : row.quantity > 0 === row.cost_basis > 0), {
    message: 'cost_basis must be 0 when flat and have the sign of quantity otherwise',
  })
  .transform(
    (row): PositionRecord => ({
      instrumentId: row.instrument_id,
      quantity: row.quantity,
      costBasis: row.cost_basis,
      realizedPnl: row.realized_pnl,
      commissions: row.commissions,
      updatedAt: row.updated_at,
    }),
  );

const COLUMNS = 'instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at';

/**
 * Typed access to `positions`: one row per trading mode and instrument ever traded (flat positions
 * keep their realized P&L). Paper and live positions are separate rows (migration 0014); `mode`
 * defaults to PAPER.
 */
export class PositionRepository {
  private readonly upsertStmt: Database.Statement;
  private readonly getStmt: Database.Statement;
  private readonly allStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertStmt = db.prepare(
      `INSERT INTO positions (mode, ${COLUMNS}) VALUES (@mode, @instrument_id, @quantity, @cost_basis, @realized_pnl, @commissions, @updated_at) ` +
        'ON CONFLICT (mode, instrument_id) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis, ' +
        'realized_pnl = excluded.realized_pnl, commissions = excluded.commissions, updated_at = excluded.updated_at',
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM positions WHERE mode = ? AND instrument_id = ?`);
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM positions WHERE mode = ? ORDER BY instrument_id`);
  }

  /** Stores the `mode` position of `position.instrumentId`, replacing the previous one. */
  upsert(position: PositionRecord, mode: TradingMode = 'PAPER'): void {
    this.upsertStmt.run({
      mode,
      instrument_id: position.instrumentId,
      quantity: position.quantity,
      cost_basis: position.costBasis,
      realized_pnl: position.realizedPnl,
      commissions: position.commissions,
      updated_at: position.updatedAt,
    });
  }

  /** The `mode` position in `instrumentId`, or undefined when never traded. @throws LedgerRowError on a malformed row. */
  get(instrumentId: InstrumentId, mode: TradingMode = 'PAPER'): PositionRecord | undefined {
    const row = this.getStmt.get(mode, instrumentId);
    return row === undefined ? undefined : parseRow(positionRowSchema, row, 'positions', instrumentId);
  }

  /** Every `mode` position by instrument id. @throws LedgerRowError naming the instrument of a malformed row. */
  all(mode: TradingMode = 'PAPER'): PositionRecord[] {
    return this.allStmt
      .all(mode)
      .map((row) =>
        parseRow(positionRowSchema, row, 'positions', String((row as { instrument_id?: unknown }).instrument_id)),
      );
  }
}
