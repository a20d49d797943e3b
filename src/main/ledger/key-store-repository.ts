import type Database from 'better-sqlite3';
import { keyStoreKindSchema, type KeyStoreKind, type UnixMicros } from '../../shared';
import { LedgerRowError } from './errors';

/** Where the ledger's terminal key lives, as recorded (table ledger_key_store, migration 0011). */
export interface KeyStoreRecord {
  readonly store: KeyStoreKind;
  /** When it was chosen, or moved into the keychain, Unix µs. */
  readonly recordedAt: UnixMicros;
}

/**
 * Typed access to `ledger_key_store`: a ledger keeps the store its key was created in. Call the
 * writers inside the transaction that records the matching `security.event` chain entry.
 */
export class KeyStoreRepository {
  private readonly getStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly moveStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT store, recorded_at FROM ledger_key_store WHERE id = 1');
    this.insertStmt = db.prepare('INSERT INTO ledger_key_store (id, store, recorded_at) VALUES (1, ?, ?)');
    this.moveStmt = db.prepare("UPDATE ledger_key_store SET store = 'KEYCHAIN', recorded_at = ? WHERE id = 1 AND store = 'FILE'");
  }

  /**
   * The recorded store, or null before the terminal key was created.
   * @throws LedgerRowError when the row is malformed.
   */
  get(): KeyStoreRecord | null {
    const row = this.getStmt.get() as { store: unknown; recorded_at: unknown } | undefined;
    if (row === undefined) return null;
    const store = keyStoreKindSchema.safeParse(row.store);
    if (!store.success || !Number.isSafeInteger(row.recorded_at)) {
      throw new LedgerRowError('ledger_key_store', 'id 1', 'expected store KEYCHAIN or FILE and an integer recorded_at');
    }
    return { store: store.data, recordedAt: row.recorded_at as number };
  }

  /**
   * Records the store of a key created now.
   * @throws SqliteError (PRIMARY KEY) when one is recorded already.
   */
  record(store: KeyStoreKind, at: UnixMicros): void {
    this.insertStmt.run(store, at);
  }

  /**
   * Records that the key moved from the key file into the OS keychain.
   * @throws Error when the recorded store is not FILE.
   */
  movedToKeychain(at: UnixMicros): void {
    if (this.moveStmt.run(at).changes !== 1) throw new Error('the ledger does not record its key in the key file, so there is nothing to move into the keychain');
  }
}
