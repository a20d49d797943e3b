import type Database from 'better-sqlite3';
import type { Migration } from './migration';

const POSITION_COLUMNS = 'instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at';

/**
 * Schema version 14: paper and live trading kept apart (issue 9). Every order belongs to the mode
 * it was created in, and positions and the account are kept per mode, so paper and live positions,
 * cash and P&L are never one total.
 *
 * - `orders.mode`: PAPER or LIVE; every order before this version was paper (Floor had no live mode).
 * - `positions`: keyed by (mode, instrument_id); existing rows are paper.
 * - `account`: one row per mode instead of the single row id = 1. The PAPER row keeps the starting
 *   cash and cash; the LIVE row starts at 0: Floor's live book records the cash flows of live fills
 *   (its P&L), while the live account's own cash and net liquidation are IB's (the account line).
 *
 * SQLite cannot change a primary key in place, so `positions` and `account` are rebuilt the
 * documented way (sqlite.org/lang_altertable.html); nothing references them.
 */
export const migration0014: Migration = {
  version: 14,
  description: 'trading modes: orders.mode, positions and account per mode (PAPER, LIVE)',
  up: (db: Database.Database) => {
    db.exec(`
ALTER TABLE orders ADD COLUMN mode TEXT NOT NULL DEFAULT 'PAPER' CHECK (mode IN ('PAPER', 'LIVE'));

CREATE TABLE positions_v14 (
  mode          TEXT NOT NULL CHECK (mode IN ('PAPER', 'LIVE')),
  instrument_id TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 12),
  quantity      INTEGER NOT NULL,
  cost_basis    INTEGER NOT NULL,
  realized_pnl  INTEGER NOT NULL,
  commissions   INTEGER NOT NULL CHECK (commissions >= 0),
  updated_at    INTEGER NOT NULL CHECK (updated_at >= 0),
  PRIMARY KEY (mode, instrument_id),
  CHECK (quantity <> 0 OR cost_basis = 0),
  CHECK (quantity = 0 OR (quantity > 0) = (cost_basis > 0))
) STRICT;
INSERT INTO positions_v14 (mode, ${POSITION_COLUMNS}) SELECT 'PAPER', ${POSITION_COLUMNS} FROM positions;
DROP TABLE positions;
ALTER TABLE positions_v14 RENAME TO positions;

CREATE TABLE account_v14 (
  mode          TEXT PRIMARY KEY CHECK (mode IN ('PAPER', 'LIVE')),
  starting_cash INTEGER NOT NULL CHECK (starting_cash >= 0),
  cash          INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL CHECK (updated_at >= 0)
) STRICT;
INSERT INTO account_v14 (mode, starting_cash, cash, updated_at) SELECT 'PAPER', starting_cash, cash, updated_at FROM account WHERE id = 1;
INSERT INTO account_v14 (mode, starting_cash, cash, updated_at) VALUES ('LIVE', 0, 0, 0);
DROP TABLE account;
ALTER TABLE account_v14 RENAME TO account;
`);
  },
};
