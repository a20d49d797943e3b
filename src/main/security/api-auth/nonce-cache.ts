/** Default cap on remembered nonces: ~1,600 requests/s sustained over the 60 s a nonce can live. */
export const DEFAULT_NONCE_CAPACITY = 100_000;

/** What `NonceCache.admit` decided. */
export type NonceAdmission = 'ADMITTED' | 'REPLAYED' | 'FULL';

/**
 * The nonces accepted within the signature window, per key, against replay (signing-scheme.ts 3.5).
 *
 * A nonce is remembered until its request's timestamp + `windowMs`: after that the timestamp check
 * refuses the request on its own, so forgetting the nonce cannot let a replay through. Memory is
 * bounded twice: by that expiry, and by `capacity`. When every slot holds a live nonce, `admit`
 * answers FULL and remembers nothing, so the caller refuses the request (it cannot prove the request
 * fresh without remembering it). Entries are (key id, nonce), so two keys never collide.
 *
 * Expired entries are dropped from the head on each call (requests arrive roughly in timestamp
 * order), and by a full sweep at most once per `windowMs / 30` when the cache is at capacity.
 */
export class NonceCache {
  /** "<keyId>\n<nonce>" -> expiry, Unix ms. Insertion order is roughly expiry order. */
  private readonly entries = new Map<string, number>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  /**
   * @param windowMs how long after its timestamp a request is still accepted (30,000).
   * @param capacity most nonces remembered at once (positive integer).
   * @throws RangeError for a non-positive window or capacity.
   */
  constructor(
    private readonly windowMs: number,
    private readonly capacity: number = DEFAULT_NONCE_CAPACITY,
  ) {
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0) throw new RangeError(`nonce window must be a positive number of ms, got ${windowMs}`);
    if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`nonce cache capacity must be a positive integer, got ${capacity}`);
  }

  /** Nonces currently remembered. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Records the nonce of an authentic request signed by `keyId` at `timestampMs`, unless it was seen.
   * @param nowMs the host's clock, Unix ms.
   * @returns ADMITTED (first use, now remembered), REPLAYED (seen and still live), or FULL.
   */
  admit(keyId: string, nonce: string, timestampMs: number, nowMs: number): NonceAdmission {
    this.dropExpiredHead(nowMs);
    const entry = `${keyId}\n${nonce}`;
    const known = this.entries.get(entry);
    if (known !== undefined && known >= nowMs) return 'REPLAYED';
    if (known !== undefined) this.entries.delete(entry);
    if (this.entries.size >= this.capacity) {
      this.sweep(nowMs);
      if (this.entries.size >= this.capacity) return 'FULL';
    }
    this.entries.set(entry, timestampMs + this.windowMs);
    return 'ADMITTED';
  }

  private dropExpiredHead(nowMs: number): void {
    for (const [entry, expiresAt] of this.entries) {
      if (expiresAt >= nowMs) return;
      this.entries.delete(entry);
    }
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < this.windowMs / 30) return;
    this.lastSweepMs = nowMs;
    for (const [entry, expiresAt] of this.entries) {
      if (expiresAt < nowMs) this.entries.delete(entry);
    }
  }
}
