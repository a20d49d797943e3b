import type { TradeTick } from '../../shared';

/**
 * The most recent market trades, oldest first, for the chart's initial load (`market.trades`).
 * A fixed-capacity ring: appends are O(1) and memory stays bounded however long the replay runs.
 */
export class TradeHistory {
  private readonly ring: (TradeTick | undefined)[];
  private next = 0;
  private count = 0;

  /** @throws RangeError unless `capacity` is a positive integer. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`trade history capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<TradeTick | undefined>(capacity);
  }

  push(trade: TradeTick): void {
    this.ring[this.next] = trade;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Forgets every trade (after a seek the old prints belong to another time line). */
  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  /** The last `limit` trades (at most what is held), oldest first. */
  latest(limit: number): TradeTick[] {
    const n = Math.min(limit, this.count);
    const out: TradeTick[] = new Array<TradeTick>(n);
    const start = (this.next - n + this.capacity) % this.capacity;
    for (let i = 0; i < n; i++) out[i] = this.ring[(start + i) % this.capacity]!;
    return out;
  }
}
