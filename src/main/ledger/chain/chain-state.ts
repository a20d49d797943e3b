import type Database from 'better-sqlite3';
import { LedgerRowError } from '../errors';

/** The ledger's identity (table ledger_chain_identity, migration 0005). */
export interface ChainIdentity {
  /** 32 hex characters; names the terminal key in the keychain (`terminal-signing-key:<ledgerId>`). */
  readonly ledgerId: string;
  /** SPKI PEM of the terminal key that signs this chain, or null before the first run recorded it. */
  readonly publicKeyPem: string | null;
}

/** The signed head checkpoint (table ledger_chain_head). */
export interface ChainHead {
  /** seq of the last entry, 0 for the empty chain. */
  readonly seq: number;
  /** hash of the last entry (ZERO_HASH for the empty chain). */
  readonly hash: string;
  /** nextSignatureDigest over every entry signature up to seq. */
  readonly sigDigest: string;
  /** base64 Ed25519 signature of headMessage(seq, hash, sigDigest); '' before the key signed it. */
  readonly signature: string;
}

/**
 * Reads the ledger's identity.
 * @throws LedgerRowError when the row is missing or malformed (the schema is older than 5 or was damaged).
 */
export function readChainIdentity(db: Database.Database): ChainIdentity {
  const row = db.prepare('SELECT ledger_id, public_key FROM ledger_chain_identity WHERE id = 1').get() as
    | { ledger_id: unknown; public_key: unknown }
    | undefined;
  if (row === undefined) throw new LedgerRowError('ledger_chain_identity', 'id 1', 'missing');
  if (typeof row.ledger_id !== 'string' || (row.public_key !== null && typeof row.public_key !== 'string')) {
    throw new LedgerRowError('ledger_chain_identity', 'id 1', 'ledger_id must be text and public_key text or NULL');
  }
  return { ledgerId: row.ledger_id, publicKeyPem: row.public_key };
}

/**
 * Reads the head checkpoint.
 * @throws LedgerRowError when the row is missing or malformed.
 */
export function readChainHead(db: Database.Database): ChainHead {
  const row = db.prepare('SELECT seq, hash, sig_digest, signature FROM ledger_chain_head WHERE id = 1').get() as
    | { seq: unknown; hash: unknown; sig_digest: unknown; signature: unknown }
    | undefined;
  if (row === undefined) throw new LedgerRowError('ledger_chain_head', 'id 1', 'missing');
  const { seq, hash, sig_digest: sigDigest, signature } = row;
  if (!Number.isSafeInteger(seq) || typeof hash !== 'string' || typeof sigDigest !== 'string' || typeof signature !== 'string') {
    throw new LedgerRowError('ledger_chain_head', 'id 1', 'expected an integer seq and text hash, sig_digest and signature');
  }
  return { seq: seq as number, hash, sigDigest, signature };
}
