import { performance } from 'node:perf_hooks';
import { epochMillis, wallClock, type Clock, type LedgerHealth } from '../../shared';
import type { LedgerDurability } from '../ledger';
import type { ChainVerification, LedgerChain } from '../ledger/chain';

/** What the monitor needs to know about the terminal key. */
export interface LedgerHealthKey {
  /** SPKI PEM of the key recorded in the ledger. */
  readonly publicKeyPem: string;
  /** publicKeyFingerprint of it (16 hex digits). */
  readonly fingerprint: string;
}

/**
 * The signed ledger's health for the header badge (`ledger.health`, `ledger.verify`).
 *
 * `verify()` runs a full verifyChain (digest mode: every hash and link, one signature check for the
 * head and the digest of all entry signatures); the terminal runs it once at start-up, before the
 * feed starts, and whenever the trader asks. `health()` answers the last verification with the
 * chain's current length, read from the head row (one indexed read). Entries appended after a good
 * verification were written by this process with the terminal key, inside the same transactions as
 * the rows they describe.
 */
export class LedgerHealthMonitor {
  private last: { readonly verification: ChainVerification; readonly at: number; readonly ms: number } | undefined;

  /**
   * @param chain the ledger's signed chain (Ledger.chain).
   * @param key the terminal key recorded in the ledger.
   * @param clock the wall clock (the verification's `at` is Unix ms).
   * @param durability the ledger's commit durability now (Ledger.durability).
   */
  constructor(
    private readonly chain: LedgerChain,
    private readonly key: LedgerHealthKey,
    private readonly clock: Clock = wallClock,
    private readonly durability: () => LedgerDurability = () => 'FULL',
  ) {}

  /** Verifies the whole chain now and answers the new health. @throws verifyChain's errors (a schema without the chain tables). */
  verify(): LedgerHealth {
    const started = performance.now();
    const verification = this.chain.verify(this.key.publicKeyPem);
    this.last = { verification, at: epochMillis(this.clock), ms: performance.now() - started };
    return this.health();
  }

  /** The last verification (running one first if none ran yet) with the chain's length now. */
  health(): LedgerHealth {
    if (this.last === undefined) return this.verify();
    const { last } = this;
    const head = this.chain.head();
    const { verification } = last;
    const common = { entries: head.seq, headHash: head.hash, verifiedAt: last.at, verifyMs: Math.round(last.ms * 1000) / 1000, keyFingerprint: this.key.fingerprint, durability: this.durability() };
    if (verification.ok) return { status: 'VERIFIED', verifiedEntries: verification.entries, failure: null, ...common };
    return {
      status: 'BROKEN',
      verifiedEntries: Math.max(0, verification.firstBadSeq - 1),
      failure: { seq: verification.firstBadSeq, kind: verification.kind, reason: verification.reason },
      ...common,
    };
  }
}
