import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InstrumentId } from '../../shared';
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

/** Typed access to `positions`: one row per instrument ever traded (flat positions keep their realized P&L). */
export class PositionRepository {
  private readonly upsertStmt: Database.Statement;
  private readonly getStmt: Database.Statement;
  private readonly allStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertStmt = db.prepare(
      `INSERT INTO positions (${COLUMNS}) VALUES (@instrument_id, @quantity, @cost_basis, @realized_pnl, @commissions, @updated_at) ` +
        'ON CONFLICT (instrument_id) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis, ' +
        'realized_pnl = excluded.realized_pnl, commissions = excluded.commissions, updated_at = excluded.updated_at',
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM positions WHERE instrument_id = ?`);
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM positions ORDER BY instrument_id`);
  }

  /** Stores the position of `position.instrumentId`, replacing the previous one. */
  upsert(position: PositionRecord): void {
    this.upsertStmt.run({
      instrument_id: position.instrumentId,
      quantity: position.quantity,
      cost_basis: position.costBasis,
      realized_pnl: position.realizedPnl,
      commissions: position.commissions,
      updated_at: position.updatedAt,
    });
  }

  /** The position in `instrumentId`, or undefined when never traded. @throws LedgerRowError on a malformed row. */
  get(instrumentId: InstrumentId): PositionRecord | undefined {
    const row = this.getStmt.get(instrumentId);
    return row === undefined ? undefined : parseRow(positionRowSchema, row, 'positions', instrumentId);
  }

  /** Every position by instrument id. @throws LedgerRowError naming the instrument of a malformed row. */
  all(): PositionRecord[] {
    return this.allStmt
      .all()
      .map((row) =>
        parseRow(positionRowSchema, row, 'positions', String((row as { instrument_id?: unknown }).instrument_id)),
      );
  }
}
