import type Database from 'better-sqlite3';
import { canonicalPayload, assertChainPayload, entryHash, headMessage, nextSignatureDigest, ZERO_HASH, type ChainPayload } from './canonical';
import { readChainHead, readChainIdentity } from './chain-state';
import { CHAIN_ENTRY_TYPES, isChainEntryType, type ChainEntryType } from './entry-types';

/**
 * What signs the chain: the terminal's Ed25519 key (security/TerminalSigningKey satisfies this).
 * `sign` returns the base64 Ed25519 signature (RFC 8032) of `message`.
 */
export interface ChainSigner {
  readonly publicKeyPem: string;
  sign(message: Uint8Array): string;
}

/** One entry of the chain as stored (table ledger_chain). */
export interface ChainEntry {
  /** Gapless from 1. */
  readonly seq: number;
  /** Unix epoch µs when the entry was appended. */
  readonly ts: number;
  readonly type: ChainEntryType;
  /** RFC 8785 canonical JSON text. */
  readonly payload: string;
  /** hash of entry seq − 1, ZERO_HASH for seq 1. */
  readonly prevHash: string;
  /** Hex SHA-256 of the canonical {seq, ts, type, payload, prevHash} (canonical.entryHash). */
  readonly hash: string;
  /** Base64 Ed25519 signature of the 32 bytes of `hash`. */
  readonly signature: string;
}

/** Options of ChainWriter.open. */
export interface ChainWriterOptions {
  /** Clock of entry timestamps, Unix epoch µs; the wall clock by default (a ledger records when, not market time). */
  readonly now?: () => number;
}

/** The chain is signed by a different key than the one offered to write it. */
export class ChainKeyMismatchError extends Error {
  override readonly name = 'ChainKeyMismatchError';
  constructor() {
    super('the ledger chain is signed by a different terminal key than the one offered; refusing to append with it');
  }
}

/**
 * Appends signed entries to the ledger's hash chain (migration 0005).
 *
 * Each append, in one transaction: reads the head, builds the entry (canonical payload, SHA-256
 * hash linked to the previous hash, Ed25519 signature of the hash), inserts it, and rewrites the
 * head checkpoint {seq, hash, sig digest} with its signature over headMessage. Inside `batch`, the
 * head's signature is written once when the batch ends instead of at every append (one Ed25519
 * signature saved per entry); the head is never committed unsigned, because the batch ends before
 * its transaction commits.
 *
 * `append` may run inside a caller's open transaction (then it joins it, and a rollback removes the
 * entry with everything else); outside one it opens its own. It touches nothing but the database.
 * The writer keeps no chain state in memory, so a rolled-back transaction cannot desynchronise it.
 */
export class ChainWriter {
  private readonly headStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly updateHeadStmt: Database.Statement;
  private readonly signHeadStmt: Database.Statement;
  private batchDepth = 0;

  private constructor(
    private readonly db: Database.Database,
    private readonly signer: ChainSigner,
    private readonly now: () => number,
  ) {
    this.headStmt = db.prepare('SELECT seq, hash, sig_digest, signature FROM ledger_chain_head WHERE id = 1').raw();
    this.insertStmt = db.prepare('INSERT INTO ledger_chain (seq, ts, type, payload, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.updateHeadStmt = db.prepare('UPDATE ledger_chain_head SET seq = ?, hash = ?, sig_digest = ?, signature = ? WHERE id = 1');
    this.signHeadStmt = db.prepare("UPDATE ledger_chain_head SET signature = ? WHERE id = 1 AND signature = ''");
  }

  /**
   * A writer for `db` (migrated to version 5 or later) signing with `signer`. On first use of a
   * ledger it records the signer's public key and signs the empty head (seq 0), so even cutting
   * every entry off is detected.
   * @throws ChainKeyMismatchError when the ledger records another public key.
   * @throws LedgerRowError when the identity or head rows are missing or malformed.
   * @throws Error when the ledger has entries but no recorded key (a damaged file).
   */
  static open(db: Database.Database, signer: ChainSigner, options: ChainWriterOptions = {}): ChainWriter {
    const now = options.now ?? (() => Date.now() * 1000);
    db.transaction(() => {
      const identity = readChainIdentity(db);
      if (identity.publicKeyPem !== null) {
        if (normalisePem(identity.publicKeyPem) !== normalisePem(signer.publicKeyPem)) throw new ChainKeyMismatchError();
        return;
      }
      const head = readChainHead(db);
      if (head.seq !== 0) throw new Error(`the ledger chain has ${head.seq} entries but records no public key; the file was damaged`);
      db.prepare('UPDATE ledger_chain_identity SET public_key = ?, key_recorded_at = ? WHERE id = 1').run(signer.publicKeyPem, stamp(now));
      db.prepare('UPDATE ledger_chain_head SET signature = ? WHERE id = 1').run(signer.sign(headMessage(0, ZERO_HASH, ZERO_HASH)));
    }).immediate();
    return new ChainWriter(db, signer, now);
  }

  /**
   * Appends one entry and returns it as stored.
   * @param type one of CHAIN_ENTRY_TYPES.
   * @param payload a plain JSON object (assertChainPayload's rules); stored as RFC 8785 canonical JSON.
   * @throws TypeError naming what is wrong with `type`, `payload` or the clock's timestamp (nothing is written).
   * @throws SqliteError when the database refuses the write (the caller's transaction then decides).
   */
  append(type: ChainEntryType, payload: ChainPayload): ChainEntry {
    if (!isChainEntryType(type)) {
      throw new TypeError(`chain entry type must be one of ${Object.keys(CHAIN_ENTRY_TYPES).join(', ')}; got ${JSON.stringify(type)}`);
    }
    assertChainPayload(payload);
    const payloadJson = canonicalPayload(payload);
    const ts = stamp(this.now);
    if (this.db.inTransaction) return this.write(ts, type, payloadJson);
    return this.db.transaction(() => this.write(ts, type, payloadJson)).immediate();
  }

  /**
   * Runs `work` in one write transaction (a savepoint when one is already open) and signs the head
   * once at its end rather than after every append inside it. Returns `work`'s result; if `work`
   * throws, its entries are rolled back and the error rethrown.
   */
  batch<T>(work: () => T): T {
    return this.db
      .transaction(() => {
        this.batchDepth += 1;
        let result: T;
        try {
          result = work();
        } finally {
          this.batchDepth -= 1;
        }
        if (this.batchDepth === 0) this.sealHead();
        return result;
      })
      .immediate();
  }

  private write(ts: number, type: ChainEntryType, payloadJson: string): ChainEntry {
    const [headSeq, prevHash, prevDigest] = this.headStmt.get() as [number, string, string, string];
    const seq = headSeq + 1;
    const hash = entryHash(seq, ts, type, payloadJson, prevHash);
    const signature = this.signer.sign(Buffer.from(hash, 'hex'));
    this.insertStmt.run(seq, ts, type, payloadJson, prevHash, hash, signature);
    const digest = nextSignatureDigest(prevDigest, signature);
    const headSignature = this.batchDepth > 0 ? '' : this.signer.sign(headMessage(seq, hash, digest));
    this.updateHeadStmt.run(seq, hash, digest, headSignature);
    return { seq, ts, type, payload: payloadJson, prevHash, hash, signature };
  }

  /** Signs the head if appends inside a batch left it unsigned. */
  private sealHead(): void {
    const [seq, hash, digest, signature] = this.headStmt.get() as [number, string, string, string];
    if (signature !== '') return;
    this.signHeadStmt.run(this.signer.sign(headMessage(seq, hash, digest)));
  }
}

/** The clock's reading, checked. @throws TypeError unless a non-negative safe integer of Unix µs. */
function stamp(now: () => number): number {
  const ts = now();
  if (!Number.isSafeInteger(ts) || ts < 0) throw new TypeError(`chain clock must give a non-negative integer of Unix µs, got ${ts}`);
  return ts;
}

/** PEM text without line-ending or trailing-space differences, for comparing recorded keys. */
function normalisePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}
