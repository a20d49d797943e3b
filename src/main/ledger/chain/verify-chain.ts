import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parsePublicKey, verifyEd25519 } from './ed25519';
import { entryHash, headMessage, nextSignatureDigest, ZERO_HASH } from './canonical';
import { readChainHead, type ChainHead } from './chain-state';

/** Why a chain failed verification. */
export type ChainFailureKind =
  /** A seq is absent: the row was deleted (or its seq edited). */
  | 'missing-row'
  /** prev_hash does not equal the previous entry's hash. */
  | 'broken-link'
  /** ts, type or payload no longer hash to the entry's hash. */
  | 'tampered-entry'
  /** The hash column was edited: it is not the hash of the entry its signature covers. */
  | 'tampered-hash'
  /**
   * The signature does not verify over the entry's hash (signature edited, or the entry rewritten and
   * re-hashed), or unsigned entries are followed by no signed one that vouches for them.
   */
  | 'bad-signature'
  /** A row cannot be read as an entry (wrong column types). */
  | 'malformed-row'
  /** The genuine head records more entries than the table holds: the tail was cut off. */
  | 'truncated'
  /** The head checkpoint does not match the chain (entries after it, or a different last hash or signature digest). */
  | 'head-mismatch'
  /** The head checkpoint's signature is not the terminal key's. */
  | 'head-forged';

/** Outcome of verifyChain. */
export type ChainVerification =
  | { readonly ok: true; readonly entries: number; readonly headSeq: number; readonly headHash: string }
  | { readonly ok: false; readonly firstBadSeq: number; readonly kind: ChainFailureKind; readonly reason: string };

/** Options of verifyChain. */
export interface VerifyChainOptions {
  /**
   * 'digest' (default): every hash and link is recomputed, and the entry signatures are checked as a
   * whole through the signature digest that the signed head covers: one Ed25519 verification for the
   * chain. 'each': every entry signature is verified as well (about 5,000 entries/s per core with
   * OpenSSL 3; for audits of exported excerpts).
   * Either way, when anything is wrong every signature up to the first failure is verified, so the
   * reported seq is the first bad one even when a rewritten entry was re-hashed consistently.
   */
  readonly signatures?: 'digest' | 'each';
}

interface Failure {
  readonly firstBadSeq: number;
  readonly kind: ChainFailureKind;
  readonly reason: string;
}

type Row = [seq: unknown, ts: unknown, type: unknown, payload: unknown, prevHash: unknown, hash: unknown, signature: unknown];

const SELECT_ROWS = 'SELECT seq, ts, type, payload, prev_hash, hash, signature FROM ledger_chain ORDER BY seq';

/**
 * Verifies the ledger's signed hash chain (migration 0005) against `publicKey`, streaming through
 * the rows (memory does not grow with the chain) inside one read transaction, so a terminal that
 * appends meanwhile is seen at one consistent point.
 *
 * Checks, in order, for each row: gapless seq from 1, prev_hash = previous hash (ZERO_HASH for seq
 * 1), hash = SHA-256 of the canonical entry (canonical.entryHash), and that an unsigned entry (one
 * of a transaction's batch before its last, migration 0013) is followed by a signed one; then that
 * the head checkpoint is signed by `publicKey` and records exactly the last seq, last hash and
 * signature digest. A head that claims more entries than exist means the tail was truncated.
 *
 * An entry's signature vouches for the unsigned entries before it (they are in its hash through the
 * links), so a rewritten and consistently re-hashed entry inside a batch is reported at the first
 * entry of its batch: the first seq no valid signature vouches for.
 *
 * @param publicKey the terminal key (SPKI PEM or KeyObject), normally ledger_chain_identity.public_key.
 * @returns ok with the entry count and head, or the first bad seq with a kind and a sentence.
 * @throws TypeError when `publicKey` is not an Ed25519 public key; LedgerRowError when the head row
 *   is missing; SqliteError when the chain tables do not exist (schema older than 5).
 */
export function verifyChain(db: Database.Database, publicKey: string | KeyObject, options: VerifyChainOptions = {}): ChainVerification {
  const key = toPublicKey(publicKey);
  const eachSignature = (options.signatures ?? 'digest') === 'each';
  const run = (): ChainVerification => {
    const head = readChainHead(db);
    const scan = scanChain(db, key, eachSignature);
    const failure = scan.failure ?? checkHead(head, scan, key);
    if (failure === undefined) return { ok: true, entries: scan.entries, headSeq: head.seq, headHash: head.hash };
    // Something is wrong: the first entry whose signature does not verify (a rewrite the attacker
    // re-hashed, or an edited signature) may precede where the structure broke.
    // A head that disagrees with the last entry may mean that entry itself was rewritten: check it too.
    const before = firstBadSignature(db, key, failure.kind === 'head-mismatch' ? failure.firstBadSeq : failure.firstBadSeq - 1);
    return { ok: false, ...(before ?? failure) };
  };
  return db.inTransaction ? run() : db.transaction(run)();
}

interface Scan {
  /** Number of consecutive good entries (seq 1..entries). */
  readonly entries: number;
  readonly lastHash: string;
  readonly sigDigest: string;
  readonly failure?: Failure;
}

function scanChain(db: Database.Database, key: KeyObject, eachSignature: boolean): Scan {
  let expected = 1;
  let prevHash = ZERO_HASH;
  let digest = ZERO_HASH;
  /** The first seq of the unsigned entries since the last signed one; 0 when none. */
  let unsignedFrom = 0;
  const good = (failure?: Failure): Scan => ({ entries: expected - 1, lastHash: prevHash, sigDigest: digest, ...(failure ? { failure } : {}) });
  for (const row of db.prepare(SELECT_ROWS).raw().iterate() as IterableIterator<Row>) {
    const [seq, ts, type, payload, rowPrevHash, hash, signature] = row;
    if (
      !Number.isSafeInteger(seq) || !Number.isSafeInteger(ts) || typeof type !== 'string' || typeof payload !== 'string' ||
      typeof rowPrevHash !== 'string' || typeof hash !== 'string' || typeof signature !== 'string'
    ) {
      return good({ firstBadSeq: expected, kind: 'malformed-row', reason: `row ${String(seq)} does not have the column types of a chain entry` });
    }
    if (seq !== expected) {
      const missing = (seq as number) - expected === 1 ? `seq ${expected} is missing` : `seqs ${expected}..${(seq as number) - 1} are missing`;
      return good({ firstBadSeq: expected, kind: 'missing-row', reason: `${missing} (the next entry present is seq ${String(seq)})` });
    }
    if (rowPrevHash !== prevHash) {
      return good({
        firstBadSeq: expected,
        kind: 'broken-link',
        reason: `prev_hash ${short(rowPrevHash)} does not equal the hash of seq ${expected - 1} (${short(prevHash)})`,
      });
    }
    const computed = entryHash(expected, ts as number, type, payload, rowPrevHash);
    if (computed !== hash) return good(diagnoseHashMismatch(expected, key, hash, computed, signature));
    if (signature === '') {
      if (unsignedFrom === 0) unsignedFrom = expected;
    } else {
      if (eachSignature && !verifies(key, Buffer.from(hash, 'hex'), signature)) {
        const from = unsignedFrom === 0 ? expected : unsignedFrom;
        return good({ firstBadSeq: from, kind: 'bad-signature', reason: `the signature of seq ${expected} does not verify over the entry's hash with the terminal key${coveredRange(from, expected)}` });
      }
      unsignedFrom = 0;
    }
    digest = nextSignatureDigest(digest, signature);
    prevHash = hash;
    expected += 1;
  }
  if (unsignedFrom !== 0) {
    return { entries: unsignedFrom - 1, lastHash: '', sigDigest: '', failure: { firstBadSeq: unsignedFrom, kind: 'bad-signature', reason: `seqs ${unsignedFrom}..${expected - 1} carry no signature and no signed entry after them vouches for them` } };
  }
  return good();
}

/** ", which vouches for seqs from..to" when the signature covered unsigned entries before it. */
function coveredRange(from: number, signedSeq: number): string {
  return from === signedSeq ? '' : ` (it vouches for seqs ${from}..${signedSeq}, which no valid signature covers)`;
}

/** Tells an edited hash column from edited content: the signature still covers the original hash. */
function diagnoseHashMismatch(seq: number, key: KeyObject, stored: string, computed: string, signature: string): Failure {
  if (signature === '') {
    return { firstBadSeq: seq, kind: 'tampered-entry', reason: 'the entry (unsigned, inside its transaction\'s batch) no longer hashes to its stored hash: its ts, type, payload or hash was altered' };
  }
  if (verifies(key, hexBytes(stored), signature)) {
    return { firstBadSeq: seq, kind: 'tampered-entry', reason: 'ts, type or payload was altered: the entry no longer hashes to its signed hash' };
  }
  if (verifies(key, hexBytes(computed), signature)) {
    return { firstBadSeq: seq, kind: 'tampered-hash', reason: `the hash column was altered (stored ${short(stored)}, the signed hash of the entry is ${short(computed)})` };
  }
  return { firstBadSeq: seq, kind: 'tampered-entry', reason: 'the entry does not match its hash and its signature is valid over neither' };
}

function checkHead(head: ChainHead, scan: Scan, key: KeyObject): Failure | undefined {
  const afterGood = scan.entries + 1;
  if (!verifies(key, headMessage(head.seq, head.hash, head.sigDigest), head.signature)) {
    return {
      firstBadSeq: Math.min(head.seq, scan.entries) + 1,
      kind: 'head-forged',
      reason: `the head checkpoint (seq ${head.seq}) is not signed by the terminal key, so the tail after seq ${Math.min(head.seq, scan.entries)} cannot be vouched for`,
    };
  }
  if (head.seq > scan.entries) {
    return {
      firstBadSeq: afterGood,
      kind: 'truncated',
      reason: `truncated: the signed head checkpoint records seq ${head.seq} but the chain ends at seq ${scan.entries}`,
    };
  }
  if (head.seq < scan.entries) {
    return {
      firstBadSeq: head.seq + 1,
      kind: 'head-mismatch',
      reason: `head checkpoint mismatch: the signed head records seq ${head.seq} but the chain continues to seq ${scan.entries}`,
    };
  }
  if (head.hash !== scan.lastHash) {
    return { firstBadSeq: head.seq, kind: 'head-mismatch', reason: `head checkpoint mismatch: the signed head hash ${short(head.hash)} is not the hash of seq ${head.seq}` };
  }
  if (head.sigDigest !== scan.sigDigest) {
    return { firstBadSeq: head.seq, kind: 'head-mismatch', reason: 'head checkpoint mismatch: the entry signatures differ from those the head was signed over' };
  }
  return undefined;
}

/**
 * The first entry with seq <= `lastSeq` that no valid signature vouches for: a signed entry whose
 * signature does not verify over its stored hash, reported at the first of the unsigned entries
 * before it (its batch), which it was to vouch for.
 */
function firstBadSignature(db: Database.Database, key: KeyObject, lastSeq: number): Failure | undefined {
  if (lastSeq < 1) return undefined;
  const rows = db.prepare('SELECT seq, hash, signature FROM ledger_chain WHERE seq <= ? ORDER BY seq').raw().iterate(lastSeq) as IterableIterator<[number, string, string]>;
  let unsignedFrom = 0;
  for (const [seq, hash, signature] of rows) {
    if (signature === '') {
      if (unsignedFrom === 0) unsignedFrom = seq;
      continue;
    }
    if (!verifies(key, hexBytes(hash), signature)) {
      const from = unsignedFrom === 0 ? seq : unsignedFrom;
      return { firstBadSeq: from, kind: 'bad-signature', reason: `the signature of seq ${seq} does not verify over the entry's hash with the terminal key (signature altered, or the entry rewritten and re-hashed)${coveredRange(from, seq)}` };
    }
    unsignedFrom = 0;
  }
  return undefined;
}

function verifies(key: KeyObject, message: Uint8Array, signatureBase64: string): boolean {
  return verifyEd25519(key, message, signatureBase64);
}

function hexBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

function short(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : JSON.stringify(hash);
}

function toPublicKey(publicKey: string | KeyObject): KeyObject {
  if (typeof publicKey === 'string') return parsePublicKey(publicKey);
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`chain public key must be an Ed25519 public key, got ${publicKey.type} ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  }
  return publicKey;
}
