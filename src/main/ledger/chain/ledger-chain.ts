import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { readChainHead, readChainIdentity, type ChainHead, type ChainIdentity } from './chain-state';
import { verifyChain, type ChainVerification, type VerifyChainOptions } from './verify-chain';

/**
 * Read access to a ledger's signed chain without its database handle: its identity (ledger id and
 * recorded public key), its head checkpoint, its length, and full verification. The ledger's own
 * connection (Ledger.chain) or a read-only one (openReadOnlyLedger).
 */
export class LedgerChain {
  private readonly countStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.countStmt = db.prepare('SELECT count(*) FROM ledger_chain').pluck();
  }

  /** @throws LedgerRowError when the identity row is missing or malformed. */
  identity(): ChainIdentity {
    return readChainIdentity(this.db);
  }

  /** @throws LedgerRowError when the head row is missing or malformed. */
  head(): ChainHead {
    return readChainHead(this.db);
  }

  /** Number of entries stored. */
  entryCount(): number {
    return this.countStmt.get() as number;
  }

  /** verifyChain against `publicKey` (see its errors). */
  verify(publicKey: string | KeyObject, options: VerifyChainOptions = {}): ChainVerification {
    return verifyChain(this.db, publicKey, options);
  }
}
