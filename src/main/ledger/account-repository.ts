import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { MoneyMicros, TradingMode, UnixMicros } from '../../shared';
import { intColumn, nonNegativeIntColumn } from './columns';
import { LedgerRowError } from './errors';
import type { AccountRecord } from './records';
import { parseRow } from './row-validation';

const accountRowSchema = z
  .object({ starting_cash: nonNegativeIntColumn, cash: intColumn, updated_at: nonNegativeIntColumn })
  .strict()
  .transform((row): AccountRecord => ({ startingCash: row.starting_cash, cash: row.cash, updatedAt: row.updated_at }));

/**
 * Typed access to the `account` rows, one per trading mode (migration 0014): PAPER, the paper
 * account ($100,000 starting cash), and LIVE, Floor's book of live fills (starting at 0: the live
 * account's own cash is IB's). Money in micro-dollars; `mode` defaults to PAPER.
 */
export class AccountRepository {
  private readonly getStmt: Database.Statement;
  private readonly setCashStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT starting_cash, cash, updated_at FROM account WHERE mode = ?');
    this.setCashStmt = db.prepare('UPDATE account SET cash = ?, updated_at = ? WHERE mode = ?');
  }

  /** The `mode` account row. @throws LedgerRowError when it is missing or malformed. */
  get(mode: TradingMode = 'PAPER'): AccountRecord {
    const row = this.getStmt.get(mode);
    if (row === undefined) throw new LedgerRowError('account', mode, 'missing (the ledger was not migrated)');
    return parseRow(accountRowSchema, row, 'account', mode);
  }

  /** Sets the `mode` account's cash (micro-dollars). @throws LedgerRowError when the row is missing. */
  setCash(cash: MoneyMicros, updatedAt: UnixMicros, mode: TradingMode = 'PAPER'): void {
    if (!Number.isSafeInteger(cash)) throw new RangeError(`cash must be a safe integer of micro-dollars, got ${cash}`);
    if (this.setCashStmt.run(cash, updatedAt, mode).changes !== 1) {
      throw new LedgerRowError('account', mode, 'missing (the ledger was not migrated)');
    }
  }
}
