import Database from 'better-sqlite3';
import { applyMigrations } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

/** How long a connection waits for another connection's write lock before failing, ms. */
export const LEDGER_BUSY_TIMEOUT_MS = 5_000;

/** Options of `openLedgerDatabase`. */
export interface OpenLedgerOptions {
  /** Schema versions to apply; defaults to every migration Floor ships. Tests pass a prefix. */
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the ledger database at `file` and migrates it to the newest schema.
 * Pass ':memory:' for a private in-memory database (tests).
 *
 * Connection settings, and why:
 * - journal_mode = WAL: readers never block the writer and a commit is one sequential append to the
 *   write-ahead log (https://sqlite.org/wal.html). In-memory databases stay in 'memory' mode.
 * - synchronous = FULL: the WAL is fsynced at every commit. With NORMAL a commit can be lost on power
 *   failure (https://sqlite.org/pragma.html#pragma_synchronous); for trading records an order the
 *   venue has seen, or a fill, must never disappear after we reported it, so we pay the fsync.
 * - foreign_keys = ON: SQLite ignores REFERENCES clauses unless asked; events and fills must belong
 *   to an order.
 * - busy_timeout: a second process (the `floor ledger verify` CLI) may hold the lock briefly.
 *
 * @throws LedgerSchemaTooNewError when the file was written by a newer Floor.
 * @throws LedgerMigrationError when a migration fails.
 * @throws SqliteError when the file cannot be opened or is not a SQLite database.
 */
export function openLedgerDatabase(file: string, options: OpenLedgerOptions = {}): Database.Database {
  if (typeof file !== 'string' || file.length === 0) {
    throw new TypeError(`ledger file must be a path or ':memory:', got ${JSON.stringify(file)}`);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${LEDGER_BUSY_TIMEOUT_MS}`);
    applyMigrations(db, options.migrations ?? MIGRATIONS, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Closes the ledger cleanly: checkpoints the write-ahead log into the main file (so the file can be
 * copied on its own) and closes the connection. Safe to call twice.
 */
export function closeLedgerDatabase(db: Database.Database): void {
  if (!db.open) return;
  if (!db.memory && !db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
