import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiKeyExistsError, ApiKeyRepository, LedgerRowError, MIGRATIONS, applyMigrations, schemaVersion, type ApiKeyRecord } from '../../../../src/main/ledger';
import { migration0007 } from '../../../../src/main/ledger/migrations/0007-api-keys';

/** A database holding only the api_keys table: migration 0007 depends on no earlier table. */
function database(): Database.Database {
  const db = new Database(':memory:');
  db.exec(migration0007.up as string);
  return db;
}

const record = (overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  keyId: 'fk_AAAAAAAAAAAAAAAAAAAAAA',
  label: 'momentum strategy',
  publicKey: Buffer.alloc(32, 7).toString('base64'),
  createdAt: 1_750_000_000_000_000,
  revokedAt: null,
  ...overrides,
});

describe('migration 0007 (api_keys)', () => {
  it('is registered as version 7 and applies on top of version 6', () => {
    expect(MIGRATIONS[6]).toBe(migration0007);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 6), ':memory:');
    expect(applyMigrations(db, MIGRATIONS.slice(0, 7), ':memory:')).toBe(7);
    expect(schemaVersion(db)).toBe(7);
    db.close();
  });

  it('is version 7 and creates api_keys with its columns', () => {
    expect(migration0007.version).toBe(7);
    const db = database();
    const columns = (db.pragma('table_info(api_keys)') as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
    expect(columns).toEqual(['key_id TEXT', 'label TEXT', 'public_key TEXT', 'created_at INTEGER', 'revoked_at INTEGER']);
    db.close();
  });

  it('never deletes a key and never edits its label, public key or creation time', () => {
    const db = database();
    new ApiKeyRepository(db).insert(record());
    expect(() => db.prepare('DELETE FROM api_keys').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE api_keys SET public_key = ?").run(Buffer.alloc(32, 9).toString('base64'))).toThrow(/only revoking/);
    expect(() => db.prepare("UPDATE api_keys SET label = 'x'").run()).toThrow(/only revoking/);
    expect(() => db.prepare('UPDATE api_keys SET created_at = 0').run()).toThrow(/only revoking/);
    db.close();
  });

  it('makes revocation one-way: a revoked key cannot be un-revoked or re-dated', () => {
    const db = database();
    const repo = new ApiKeyRepository(db);
    repo.insert(record());
    expect(repo.revoke(record().keyId, record().createdAt + 5)).toBe(true);
    expect(() => db.prepare('UPDATE api_keys SET revoked_at = NULL').run()).toThrow(/only revoking/);
    expect(() => db.prepare('UPDATE api_keys SET revoked_at = revoked_at + 1').run()).toThrow(/only revoking/);
    expect(repo.revoke(record().keyId, record().createdAt + 9)).toBe(false);
    expect(repo.find(record().keyId)?.revokedAt).toBe(record().createdAt + 5);
    db.close();
  });

  it('refuses a revocation dated before the key was created', () => {
    const db = database();
    const repo = new ApiKeyRepository(db);
    repo.insert(record());
    expect(() => repo.revoke(record().keyId, record().createdAt - 1)).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('ApiKeyRepository', () => {
  it('registers, finds and lists keys, oldest first, round-tripping every field', () => {
    const db = database();
    const repo = new ApiKeyRepository(db);
    const later = record({ keyId: 'fk_BBBBBBBBBBBBBBBBBBBBBB', publicKey: Buffer.alloc(32, 8).toString('base64'), createdAt: record().createdAt + 1, label: 'cli' });
    repo.insert(later);
    repo.insert(record());
    expect(repo.find(record().keyId)).toEqual(record());
    expect(repo.find('fk_CCCCCCCCCCCCCCCCCCCCCC')).toBeUndefined();
    expect(repo.list()).toEqual([record(), later]);
    db.close();
  });

  it('refuses the same key id or the same public key twice with ApiKeyExistsError', () => {
    const db = database();
    const repo = new ApiKeyRepository(db);
    repo.insert(record());
    expect(() => repo.insert(record({ label: 'again' }))).toThrow(ApiKeyExistsError);
    expect(() => repo.insert(record({ keyId: 'fk_DDDDDDDDDDDDDDDDDDDDDD' }))).toThrow(/already registered/);
    db.close();
  });

  it('refuses a malformed record, naming the field', () => {
    const db = database();
    const repo = new ApiKeyRepository(db);
    expect(() => repo.insert(record({ keyId: 'admin' }))).toThrow(/keyId: key id must be fk_/);
    expect(() => repo.insert(record({ publicKey: 'c2hvcnQ=' }))).toThrow(/publicKey/);
    expect(() => repo.insert(record({ label: '' }))).toThrow(/label/);
    db.close();
  });

  it('reports a stored row it cannot read, naming the key', () => {
    const db = database();
    db.prepare("INSERT INTO api_keys VALUES ('fk_EEEEEEEEEEEEEEEEEEEEEE', 'x', ?, 1, NULL)").run('!'.repeat(44));
    expect(() => new ApiKeyRepository(db).find('fk_EEEEEEEEEEEEEEEEEEEEEE')).toThrow(LedgerRowError);
    db.close();
  });
});
