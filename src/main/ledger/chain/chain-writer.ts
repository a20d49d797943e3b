import { wallClock, type Clock } from '../../../shared';
import type Database from 'better-sqlite3';
import { assertChainPayload, canonicalPayload, entryHash, headMessage, nextSignatureDigest, ZERO_HASH, type ChainPayload } from './canonical';
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
  /**
   * Base64 Ed25519 signature of the 32 bytes of `hash`; '' for an entry of a batch other than its
   * last, which the last entry's signature vouches for through the hash links (migration 0013).
   */
  readonly signature: string;
}

/** Options of ChainWriter.open. */
export interface ChainWriterOptions {
  /** Clock of entry timestamps, Unix epoch µs; the wall clock by default (a ledger records when, not market time). */
  readonly clock?: Clock;
}

/** The chain is signed by a different key than the one offered to write it. */
export class ChainKeyMismatchError extends Error {
  override readonly name = 'ChainKeyMismatchError';
  constructor() {
    super('the ledger chain is signed by a different terminal key than the one offered; refusing to append with it');
  }
}

/** The chain's last entry as a writer knows it: seq (0 for the empty chain), hash and signature digest. */
interface Tail {
  readonly seq: number;
  readonly hash: string;
  readonly digest: string;
}

/**
 * Appends signed entries to the ledger's hash chain (migrations 0005 and 0013).
 *
 * Each entry: canonical payload, SHA-256 hash linked to the previous hash, inserted in the same
 * transaction as a head checkpoint {seq, hash, sig digest} signed over headMessage, so every commit
 * leaves a signed head that matches the chain; and an Ed25519 signature of the hash on the last
 * entry of each transaction, which vouches for the entries before it in that transaction through
 * the hash links.
 *
 * Outside `batch`, `append` reads the head, inserts the entry signed and rewrites the head with its
 * signature: two Ed25519 signatures per entry, because the writer cannot know whether the caller's
 * transaction commits after this append or after another one. Inside `batch`, the writer inserts
 * entries unsigned, keeps the tail (seq, hash, signature digest) of what it appended in memory
 * instead of reading and rewriting the head at each append, and when the batch ends, before its
 * transaction commits, signs its last entry and the head: two Ed25519 signatures per batch
 * (Ledger.transaction makes every ledger transaction one batch), whatever the number of entries.
 *
 * That memory lives only while a batch runs and is checked against the database: a nested batch
 * that throws drops its entries from it; an entry removed by another savepoint's rollback inside
 * the batch is noticed when the next insert is refused (the database's link trigger wants the row at
 * seq − 1 with hash = prev_hash) and when the batch ends (one look at the last row), and the writer
 * resumes from the entry that is still there. It is discarded when the outermost batch ends, commit
 * or rollback, so nothing carries over between transactions.
 *
 * `append` may run inside a caller's open transaction (then it joins it, and a rollback removes the
 * entry with everything else); outside one it opens its own. It touches nothing but the database.
 * One writer per connection: a second writer appending inside this one's batch would be refused by
 * the database (its head would be behind the entries this batch has not yet checkpointed).
 */
export class ChainWriter {
  private readonly headStmt: Database.Statement;
  private readonly lastEntryStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly updateHeadStmt: Database.Statement;
  private readonly signEntryStmt: Database.Statement;
  /** BEGIN IMMEDIATE (a savepoint inside a transaction) around a function; better-sqlite3's wrapper, built once. */
  private readonly immediate: <T>(work: () => T) => T;
  private batchDepth = 0;
  /**
   * While a batch runs: the head as it was when the batch made its first append, then the tail
   * after each entry appended since (consecutive seqs). Empty outside a batch and before its first append.
   */
  private batchTails: Tail[] = [];

  private constructor(
    private readonly db: Database.Database,
    private readonly signer: ChainSigner,
    private readonly clock: Clock,
  ) {
    this.headStmt = db.prepare('SELECT seq, hash, sig_digest FROM ledger_chain_head WHERE id = 1').raw();
    this.lastEntryStmt = db.prepare('SELECT seq, hash FROM ledger_chain ORDER BY seq DESC LIMIT 1').raw();
    this.insertStmt = db.prepare('INSERT INTO ledger_chain (seq, ts, type, payload, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.updateHeadStmt = db.prepare('UPDATE ledger_chain_head SET seq = ?, hash = ?, sig_digest = ?, signature = ? WHERE id = 1');
    this.signEntryStmt = db.prepare("UPDATE ledger_chain SET signature = ? WHERE seq = ? AND signature = ''");
    this.immediate = db.transaction(<T>(work: () => T): T => work()).immediate as <T>(work: () => T) => T;
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
    const clock = options.clock ?? wallClock;
    db.transaction(() => {
      const identity = readChainIdentity(db);
      if (identity.publicKeyPem !== null) {
        if (normalisePem(identity.publicKeyPem) !== normalisePem(signer.publicKeyPem)) throw new ChainKeyMismatchError();
        return;
      }
      const head = readChainHead(db);
      if (head.seq !== 0) throw new Error(`the ledger chain has ${head.seq} entries but records no public key; the file was damaged`);
      db.prepare('UPDATE ledger_chain_identity SET public_key = ?, key_recorded_at = ? WHERE id = 1').run(signer.publicKeyPem, stamp(clock));
      db.prepare('UPDATE ledger_chain_head SET signature = ? WHERE id = 1').run(signer.sign(headMessage(0, ZERO_HASH, ZERO_HASH)));
    }).immediate();
    return new ChainWriter(db, signer, clock);
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
    const ts = stamp(this.clock);
    if (this.batchDepth > 0) return this.appendInBatch(ts, type, payloadJson);
    if (this.db.inTransaction) return this.appendAndSignHead(ts, type, payloadJson);
    return this.immediate(() => this.appendAndSignHead(ts, type, payloadJson));
  }

  /**
   * Runs `work` in one write transaction (a savepoint when one is already open) and writes and signs
   * the head once at its end rather than at every append inside it. Returns `work`'s result; if
   * `work` throws, its entries are rolled back and the error rethrown. A batch that appended nothing
   * leaves the head as it was.
   * @throws whatever `work` throws; SqliteError when the database refuses the head's write.
   */
  batch<T>(work: () => T): T {
    return this.immediate(() => {
      const outermost = this.batchDepth === 0;
      const appendedBefore = this.batchTails.length;
      this.batchDepth += 1;
      try {
        const result = work();
        if (outermost) this.sealHead();
        return result;
      } catch (error) {
        // This batch's savepoint (or, outermost, its transaction) rolls back: so do its entries.
        this.batchTails.length = appendedBefore;
        throw error;
      } finally {
        this.batchDepth -= 1;
        if (outermost) this.batchTails = [];
      }
    });
  }

  /** Outside a batch: one entry, then the head rewritten and signed over it. */
  private appendAndSignHead(ts: number, type: ChainEntryType, payloadJson: string): ChainEntry {
    const [seq, hash, digest] = this.headStmt.get() as [number, string, string];
    const { entry, tail } = this.insertAfter({ seq, hash, digest }, ts, type, payloadJson, true);
    this.updateHeadStmt.run(tail.seq, tail.hash, tail.digest, this.signer.sign(headMessage(tail.seq, tail.hash, tail.digest)));
    return entry;
  }

  /** Inside a batch: one entry after the remembered tail (the head, read once per batch); the head is written by sealHead. */
  private appendInBatch(ts: number, type: ChainEntryType, payloadJson: string): ChainEntry {
    if (this.batchTails.length === 0) {
      const [seq, hash, digest] = this.headStmt.get() as [number, string, string];
      this.batchTails.push({ seq, hash, digest });
    }
    let inserted: { entry: ChainEntry; tail: Tail };
    try {
      inserted = this.insertAfter(this.lastTail(), ts, type, payloadJson, false);
    } catch (error) {
      // Refused because a rollback inside this batch took entries back? Then continue from what is left.
      if (!this.resyncTail()) throw error;
      inserted = this.insertAfter(this.lastTail(), ts, type, payloadJson, false);
    }
    this.batchTails.push(inserted.tail);
    return inserted.entry;
  }

  /** Builds and inserts the entry after `previous` (signed, or unsigned until sealEntry); returns it with the tail it makes. @throws SqliteError when the insert is refused. */
  private insertAfter(previous: Tail, ts: number, type: ChainEntryType, payloadJson: string, signed: boolean): { entry: ChainEntry; tail: Tail } {
    const seq = previous.seq + 1;
    const hash = entryHash(seq, ts, type, payloadJson, previous.hash);
    const signature = signed ? this.signer.sign(Buffer.from(hash, 'hex')) : '';
    this.insertStmt.run(seq, ts, type, payloadJson, previous.hash, hash, signature);
    return {
      entry: { seq, ts, type, payload: payloadJson, prevHash: previous.hash, hash, signature },
      tail: { seq, hash, digest: nextSignatureDigest(previous.digest, signature) },
    };
  }

  /** The tail after the batch's last entry; only called once appendInBatch has put the head in batchTails. */
  private lastTail(): Tail {
    return this.batchTails[this.batchTails.length - 1]!;
  }

  /**
   * Matches the remembered tails to the chain's actual last row, dropping those a rollback took back.
   * @returns true when some were dropped.
   * @throws Error when the last row is none this batch knows (another writer appended on this connection).
   */
  private resyncTail(): boolean {
    const row = this.lastEntryStmt.get() as [number, string] | undefined;
    const [seq, hash] = row ?? [0, ZERO_HASH];
    const index = seq - (this.batchTails[0]?.seq ?? seq);
    if (this.batchTails[index]?.hash !== hash) {
      throw new Error(`the ledger chain ends at seq ${seq}, which this writer's batch did not write; only one ChainWriter may append on a connection`);
    }
    if (index === this.batchTails.length - 1) return false;
    this.batchTails.length = index + 1;
    return true;
  }

  /**
   * At the end of the outermost batch, if it appended entries that remain: signs the batch's last
   * entry (its signature vouches for the batch's earlier, unsigned entries through the hash links),
   * then writes and signs the head over it.
   */
  private sealHead(): void {
    if (this.batchTails.length === 0) return;
    this.resyncTail();
    if (this.batchTails.length === 1) return;
    const { seq, hash } = this.lastTail();
    const signature = this.signer.sign(Buffer.from(hash, 'hex'));
    this.signEntryStmt.run(signature, seq);
    const digest = nextSignatureDigest(this.batchTails[this.batchTails.length - 2]!.digest, signature);
    this.updateHeadStmt.run(seq, hash, digest, this.signer.sign(headMessage(seq, hash, digest)));
  }
}

/** The clock's reading, checked. @throws TypeError unless a non-negative safe integer of Unix µs. */
function stamp(clock: Clock): number {
  const ts = clock.now();
  if (!Number.isSafeInteger(ts) || ts < 0) throw new TypeError(`chain clock must give a non-negative integer of Unix µs, got ${ts}`);
  return ts;
}

/** PEM text without line-ending or trailing-space differences, for comparing recorded keys. */
function normalisePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}
