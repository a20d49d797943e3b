import Database from 'better-sqlite3';
import { LedgerChain } from './chain';
import { schemaVersion } from './migrate';

/** A ledger file opened for reading only: its schema version and its signed chain. */
export interface ReadOnlyLedger {
  /** PRAGMA user_version: the schema version the file is at. */
  readonly schemaVersion: number;
  /** The signed chain (callers check schemaVersion >= 5 before using it). */
  readonly chain: LedgerChain;
  close(): void;
}

/**
 * Opens `file` read-only: never migrates or writes, so it is safe beside a running terminal.
 * @throws SqliteError when the file cannot be opened (missing, not a database).
 */
export function openReadOnlyLedger(file: string): ReadOnlyLedger {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const version = schemaVersion(db);
  let chain: LedgerChain | undefined;
  return {
    schemaVersion: version,
    get chain() {
      chain ??= new LedgerChain(db);
      return chain;
    },
    close: () => db.close(),
  };
}
