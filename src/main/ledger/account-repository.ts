import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { MoneyMicros, UnixMicros } from '../../shared';
import { intColumn, nonNegativeIntColumn } from './columns';
import { LedgerRowError } from './errors';
import type { AccountRecord } from './records';
import { parseRow } from './row-validation';

const accountRowSchema = z
  .object({ starting_cash: nonNegativeIntColumn, cash: intColumn, updated_at: nonNegativeIntColumn })
  .strict()
  .transform((row): AccountRecord => ({ startingCash: row.starting_cash, cash: row.cash, updatedAt: row.updated_at }));

/** Typed access to the single `account` row (id = 1) created by migration 1. Money in micro-dollars. */
export class AccountRepository {
  private readonly getStmt: Database.Statement;
  private readonly setCashStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT starting_cash, cash, updated_at FROM account WHERE id = 1');
    this.setCashStmt = db.prepare('UPDATE account SET cash = ?, updated_at = ? WHERE id = 1');
  }

  /** The account row. @throws LedgerRowError when it is missing or malformed. */
  get(): AccountRecord {
    const row = this.getStmt.get();
    if (row === undefined) throw new LedgerRowError('account', 'id 1', 'missing (the ledger was not migrated)');
    return parseRow(accountRowSchema, row, 'account', 'id 1');
  }

  /** Sets the account's cash (micro-dollars). @throws LedgerRowError when the row is missing. */
  setCash(cash: MoneyMicros, updatedAt: UnixMicros): void {
    if (!Number.isSafeInteger(cash)) throw new RangeError(`cash must be a safe integer of micro-dollars, got ${cash}`);
    if (this.setCashStmt.run(cash, updatedAt).changes !== 1) {
      throw new LedgerRowError('account', 'id 1', 'missing (the ledger was not migrated)');
    }
  }
}
