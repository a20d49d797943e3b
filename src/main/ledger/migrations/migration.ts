import type Database from 'better-sqlite3';

/**
 * One schema version of the ledger (the Signal Desktop pattern: one file per version, each with its
 * own test). `version` is the value PRAGMA user_version holds once this migration has run; versions
 * are 1, 2, 3 ... without gaps. `up` is either SQL text run with `exec` or a function for changes that
 * need code (backfills). Both run inside the migration's transaction, so a failing migration leaves
 * the database at the previous version.
 */
export interface Migration {
  readonly version: number;
  /** One line saying what this version changes, shown in errors and logs. */
  readonly description: string;
  readonly up: string | ((db: Database.Database) => void);
}
