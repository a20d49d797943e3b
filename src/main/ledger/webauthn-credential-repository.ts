import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AUTHENTICATOR_TRANSPORTS, type AuthenticatorTransport } from '../../shared';
import type { UnixMicros } from '../../shared';
import { LedgerRowError } from './errors';
import { parseRow } from './row-validation';

/**
 * One registered WebAuthn authenticator (table `webauthn_credentials`, migration 0006).
 * `publicKey` is the COSE_Key bytes; `counter` the last accepted signature counter (0..2^32-1);
 * times Unix µs, wall clock.
 */
export interface WebAuthnCredentialRecord {
  readonly id: string;
  readonly publicKey: Uint8Array;
  readonly counter: number;
  readonly transports: readonly AuthenticatorTransport[];
  readonly deviceType: 'singleDevice' | 'multiDevice';
  readonly backedUp: boolean;
  readonly label: string;
  /** Authenticator model id, 36-character UUID text (all zeros under 'none' attestation). */
  readonly aaguid: string;
  readonly createdAt: UnixMicros;
  readonly lastUsedAt: UnixMicros | null;
}

/** Outcome of `removeUnlessLast`. */
export type CredentialRemoval = 'removed' | 'not-found' | 'last-credential';

const rowSchema = z
  .object({
    id: z.string().min(1),
    public_key: z.instanceof(Buffer),
    counter: z.number().int().min(0).max(0xffff_ffff),
    transports: z.string(),
    device_type: z.enum(['singleDevice', 'multiDevice']),
    backed_up: z.union([z.literal(0), z.literal(1)]),
    label: z.string().min(1),
    aaguid: z.string().length(36),
    created_at: z.number().int().nonnegative(),
    last_used_at: z.number().int().nonnegative().nullable(),
  })
  .strict();

const transportsSchema = z.array(z.enum(AUTHENTICATOR_TRANSPORTS));

const COLUMNS = 'id, public_key, counter, transports, device_type, backed_up, label, aaguid, created_at, last_used_at';

/**
 * Typed access to `webauthn_credentials`: add, read, list (oldest first), record a use, remove.
 * The table's trigger refuses lowering a counter; `recordUse` therefore throws on a regression
 * even if a caller forgot to check (the relying party checks first and reports it as a security event).
 */
export class WebAuthnCredentialRepository {
  private readonly insertStmt: Database.Statement;
  private readonly getStmt: Database.Statement;
  private readonly listStmt: Database.Statement;
  private readonly countStmt: Database.Statement;
  private readonly useStmt: Database.Statement;
  private readonly deleteStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(`INSERT INTO webauthn_credentials (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM webauthn_credentials WHERE id = ?`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM webauthn_credentials ORDER BY created_at, rowid`);
    this.countStmt = db.prepare('SELECT count(*) FROM webauthn_credentials').pluck();
    this.useStmt = db.prepare('UPDATE webauthn_credentials SET counter = ?, last_used_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM webauthn_credentials WHERE id = ?');
  }

  /**
   * Stores a newly registered credential.
   * @throws SqliteError (UNIQUE constraint) when the id is already registered; (CHECK constraint)
   *   when a field is out of range (label 1..64 characters, counter 0..2^32-1, aaguid 36 characters).
   */
  add(record: WebAuthnCredentialRecord): void {
    this.insertStmt.run(
      record.id,
      Buffer.from(record.publicKey),
      record.counter,
      JSON.stringify(record.transports),
      record.deviceType,
      record.backedUp ? 1 : 0,
      record.label,
      record.aaguid,
      record.createdAt,
      record.lastUsedAt,
    );
  }

  /** The credential with id `id`, or undefined. @throws LedgerRowError when the stored row is malformed. */
  get(id: string): WebAuthnCredentialRecord | undefined {
    const row = this.getStmt.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Every registered credential, oldest first (ties in the order they were added). @throws LedgerRowError naming a malformed row. */
  list(): WebAuthnCredentialRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  /** How many credentials are registered. */
  count(): number {
    return this.countStmt.get() as number;
  }

  /**
   * Stores the counter of an accepted assertion and when it happened.
   * @throws Error when no credential has id `id`; SqliteError when `counter` is lower than the stored one.
   */
  recordUse(id: string, counter: number, usedAt: UnixMicros): void {
    if (this.useStmt.run(counter, usedAt, id).changes !== 1) throw new Error(`no WebAuthn credential with id ${id}`);
  }

  /**
   * Deletes credential `id` unless it is the only one left (the interlock must always have a way
   * to be passed). Count and delete run in one transaction, so two concurrent removals cannot
   * leave zero credentials.
   */
  removeUnlessLast(id: string): CredentialRemoval {
    return this.db
      .transaction((): CredentialRemoval => {
        if (this.getStmt.get(id) === undefined) return 'not-found';
        if ((this.countStmt.get() as number) <= 1) return 'last-credential';
        this.deleteStmt.run(id);
        return 'removed';
      })
      .immediate();
  }
}

function toRecord(raw: unknown): WebAuthnCredentialRecord {
  const key = `id ${String((raw as { id?: unknown }).id)}`;
  const row = parseRow(rowSchema, raw, 'webauthn_credentials', key);
  let transports: unknown;
  try {
    transports = JSON.parse(row.transports);
  } catch {
    throw new LedgerRowError('webauthn_credentials', key, 'transports is not JSON');
  }
  return {
    id: row.id,
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: parseRow(transportsSchema, transports, 'webauthn_credentials', key),
    deviceType: row.device_type,
    backedUp: row.backed_up === 1,
    label: row.label,
    aaguid: row.aaguid,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
