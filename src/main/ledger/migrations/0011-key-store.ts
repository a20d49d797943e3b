import type { Migration } from './migration';

/**
 * Schema version 11: `ledger_key_store`, where this ledger's terminal signing key lives (issue 9,
 * "keys without an OS keychain"). A ledger keeps the store it was created with: a key made in the OS
 * keychain is never looked for in a file, and a key made in the key file of a machine without a
 * keychain stays there until `floor keys migrate` moves it into a keychain.
 *
 * - one row (id 1): `store` KEYCHAIN or FILE; `recorded_at` Unix µs when it was chosen or last changed.
 * - No row: the key is not created yet (the first start chooses). A ledger whose public key was
 *   recorded before this version was signed from the OS keychain (there was no other store), so the
 *   backfill records KEYCHAIN for it.
 * - The only change allowed is FILE -> KEYCHAIN (`floor keys migrate`); the row is never deleted.
 */
export const migration0011: Migration = {
  version: 11,
  description: 'ledger_key_store: the store (OS keychain or key file) the terminal signing key lives in',
  up: `
CREATE TABLE ledger_key_store (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  store       TEXT NOT NULL CHECK (store IN ('KEYCHAIN', 'FILE')),
  recorded_at INTEGER NOT NULL CHECK (recorded_at >= 0)
) STRICT;

INSERT INTO ledger_key_store (id, store, recorded_at)
  SELECT 1, 'KEYCHAIN', key_recorded_at FROM ledger_chain_identity WHERE id = 1 AND public_key IS NOT NULL;

CREATE TRIGGER ledger_key_store_file_to_keychain_only BEFORE UPDATE ON ledger_key_store
WHEN NOT (OLD.store = 'FILE' AND NEW.store = 'KEYCHAIN' AND NEW.id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'ledger_key_store: a key can only move from the key file into the OS keychain');
END;

CREATE TRIGGER ledger_key_store_no_delete BEFORE DELETE ON ledger_key_store
BEGIN
  SELECT RAISE(ABORT, 'ledger_key_store cannot be deleted');
END;
`,
};
