import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, KeyStoreRepository, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0011 } from '../../../../src/main/ledger/migrations';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';

function atVersion10(): Database.Database {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS.slice(0, 10), ':memory:');
  return db;
}

describe('migration 0011 (ledger_key_store)', () => {
  it('is version 11 and leaves a ledger without a key with no store recorded (its first start chooses)', () => {
    expect(migration0011.version).toBe(11);
    expect(MIGRATIONS[10]).toBe(migration0011);
    const db = atVersion10();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 11), ':memory:')).toBe(11);
    expect(schemaVersion(db)).toBe(11);
    expect(new KeyStoreRepository(db).get()).toBeNull();
    db.close();
  });

  it('records KEYCHAIN for a ledger signed before version 11 (the keychain was the only store then)', () => {
    const db = atVersion10();
    db.prepare('UPDATE ledger_chain_identity SET public_key = ?, key_recorded_at = 1700 WHERE id = 1').run(PEM);
    applyMigrations(db, MIGRATIONS.slice(0, 11), ':memory:');
    expect(new KeyStoreRepository(db).get()).toEqual({ store: 'KEYCHAIN', recordedAt: 1700 });
    db.close();
  });

  it('allows only FILE -> KEYCHAIN, once, and never a deletion', () => {
    const db = atVersion10();
    applyMigrations(db, MIGRATIONS.slice(0, 11), ':memory:');
    const stores = new KeyStoreRepository(db);
    stores.record('FILE', 10);
    expect(() => stores.record('KEYCHAIN', 11)).toThrow(/UNIQUE|PRIMARY KEY/);
    stores.movedToKeychain(12);
    expect(stores.get()).toEqual({ store: 'KEYCHAIN', recordedAt: 12 });
    expect(() => stores.movedToKeychain(13)).toThrow(/does not record its key in the key file/);
    expect(() => db.prepare("UPDATE ledger_key_store SET store = 'FILE'").run()).toThrow(/can only move from the key file into the OS keychain/);
    expect(() => db.prepare('DELETE FROM ledger_key_store').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare("INSERT INTO ledger_key_store (id, store, recorded_at) VALUES (2, 'FILE', 1)").run()).toThrow(/CHECK/);
    db.close();
  });
});
