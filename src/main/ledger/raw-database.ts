import type Database from 'better-sqlite3';

/**
 * The raw better-sqlite3 handle behind a Ledger, for the ledger's own tests and fault injection
 * only. It is deliberately not exported from src/main/ledger/index.ts, so no other folder of src/
 * can reach it (the layer rules allow imports through index.ts only): everything else goes through
 * the Ledger's repositories and its transaction.
 */
const handles = new WeakMap<object, Database.Database>();

/** Called by the Ledger's constructor. */
export function registerRawDatabase(ledger: object, db: Database.Database): void {
  handles.set(ledger, db);
}

/**
 * The raw handle of `ledger`.
 * @throws Error when `ledger` is not a Ledger.
 */
export function rawDatabase(ledger: object): Database.Database {
  const db = handles.get(ledger);
  if (db === undefined) throw new Error('not a Ledger: no database handle is registered for it');
  return db;
}
