import Database from 'better-sqlite3';
import { applyMigrations } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

/** How long a connection waits for another connection's write lock before failing, ms. */
export const LEDGER_BUSY_TIMEOUT_MS = 5_000;

/**
 * When a commit is durable (SQLite `synchronous`, https://sqlite.org/pragma.html#pragma_synchronous):
 * - FULL: the write-ahead log is fsynced at every commit; a committed order or fill survives a power
 *   cut. Required whenever a venue outside Floor (Interactive Brokers) keeps its own state: what it
 *   has seen must never vanish from our records.
 * - NORMAL: commits are atomic and survive a crash of Floor itself, but the last commits before an OS
 *   crash or power cut can be lost. Fine for paper trading: the simulated venue's state is rebuilt
 *   from the ledger, so both lose the same tail and stay consistent. Saves an fsync per order.
 */
export type LedgerDurability = 'FULL' | 'NORMAL';

/** Options of `openLedgerDatabase`. */
export interface OpenLedgerOptions {
  /** Schema versions to apply; defaults to every migration Floor ships. Tests pass a prefix. */
  readonly migrations?: readonly Migration[];
  /** Commit durability; FULL unless the caller knows a lost tail is harmless (see LedgerDurability). */
  readonly durability?: LedgerDurability;
}

/**
 * Opens (creating if needed) the ledger database at `file` and migrates it to the newest schema.
 * Pass ':memory:' for a private in-memory database (tests).
 *
 * Connection settings, and why:
 * - journal_mode = WAL: readers never block the writer and a commit is one sequential append to the
 *   write-ahead log (https://sqlite.org/wal.html). In-memory databases stay in 'memory' mode.
 * - synchronous = FULL by default (the WAL is fsynced at every commit: an order a venue has seen, or
 *   a fill, must never disappear after we reported it), NORMAL when `options.durability` says so.
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
    db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
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
