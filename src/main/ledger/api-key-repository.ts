import type Database from 'better-sqlite3';
import { z } from 'zod';
import { parseRow } from './row-validation';

/** A registered automation API key (migration 0007). Times Unix epoch µs. */
export interface ApiKeyRecord {
  /** `fk_` + 22 base64url characters, derived from the public key. */
  readonly keyId: string;
  readonly label: string;
  /** Raw 32-byte Ed25519 public key, standard base64 (44 characters). */
  readonly publicKey: string;
  readonly createdAt: number;
  /** When it was revoked, or null while valid. */
  readonly revokedAt: number | null;
}

const keyIdSchema = z.string().regex(/^fk_[A-Za-z0-9_-]{22}$/, 'key id must be fk_ followed by 22 base64url characters');
const publicKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'public key must be the raw 32-byte Ed25519 key in standard base64 (44 characters)');

const apiKeyRecordSchema = z
  .object({
    keyId: keyIdSchema,
    label: z.string().min(1, 'label must not be empty').max(100, 'label must be at most 100 characters'),
    publicKey: publicKeySchema,
    createdAt: z.number().int().nonnegative(),
    revokedAt: z.number().int().nonnegative().nullable(),
  })
  .strict();

const rowSchema = z
  .object({
    key_id: keyIdSchema,
    label: z.string().min(1),
    public_key: publicKeySchema,
    created_at: z.number().int().nonnegative(),
    revoked_at: z.number().int().nonnegative().nullable(),
  })
  .strict();

/** The key id or the public key is registered already. */
export class ApiKeyExistsError extends Error {
  override readonly name = 'ApiKeyExistsError';
  readonly code = 'CONFLICT';
  constructor(readonly keyId: string) {
    super(`API key ${keyId} is already registered`);
  }
}

/**
 * Typed access to `api_keys`: register, find, list and revoke. Keys are never deleted or edited
 * (the migration's triggers enforce it); revoking is one-way.
 */
export class ApiKeyRepository {
  private readonly insertStmt: Database.Statement;
  private readonly findStmt: Database.Statement;
  private readonly listStmt: Database.Statement;
  private readonly revokeStmt: Database.Statement;

  /** @throws SqliteError when the database has no api_keys table (migration 0007 not applied). */
  constructor(db: Database.Database) {
    this.insertStmt = db.prepare('INSERT INTO api_keys (key_id, label, public_key, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)');
    this.findStmt = db.prepare('SELECT key_id, label, public_key, created_at, revoked_at FROM api_keys WHERE key_id = ?');
    this.listStmt = db.prepare('SELECT key_id, label, public_key, created_at, revoked_at FROM api_keys ORDER BY created_at, key_id');
    this.revokeStmt = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL');
  }

  /**
   * Registers `record` (validated first).
   * @throws TypeError naming each bad field; ApiKeyExistsError when the key id or public key is registered.
   */
  insert(record: ApiKeyRecord): void {
    const parsed = apiKeyRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new TypeError(`API key record is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}`);
    }
    const r = parsed.data;
    try {
      this.insertStmt.run(r.keyId, r.label, r.publicKey, r.createdAt, r.revokedAt);
    } catch (error) {
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT_')) {
        if (/UNIQUE|PRIMARY KEY/.test(error.message)) throw new ApiKeyExistsError(r.keyId);
      }
      throw error;
    }
  }

  /** The key with `keyId`, or undefined. @throws LedgerRowError when its stored row is malformed. */
  find(keyId: string): ApiKeyRecord | undefined {
    const row = this.findStmt.get(keyId);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Every key, oldest first, revoked ones included. */
  list(): ApiKeyRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  /**
   * Revokes `keyId` at `at` (Unix µs). @returns true when it was valid and is now revoked, false when
   * no valid key has that id (unknown, or revoked before).
   */
  revoke(keyId: string, at: number): boolean {
    return this.revokeStmt.run(at, keyId).changes === 1;
  }
}

function toRecord(raw: unknown): ApiKeyRecord {
  const row = parseRow(rowSchema, raw, 'api_keys', `key_id ${String((raw as { key_id?: unknown }).key_id)}`);
  return { keyId: row.key_id, label: row.label, publicKey: row.public_key, createdAt: row.created_at, revokedAt: row.revoked_at };
}
