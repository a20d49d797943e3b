import type { VenueOrderEvent } from '../venue';

/**
 * Delivers venue events in the order they arose, after the operation that produced them has
 * finished updating the exchange. A listener may call back into the venue (cancel after a fill,
 * submit another order); its effects queue behind the events already pending, so every listener
 * sees a consistent order history (accepted, then fills, then canceled) and the matching loop is
 * never re-entered half-way through.
 */
export class VenueEventQueue {
  private pending: VenueOrderEvent[] = [];
  private flushing = false;

  constructor(private readonly deliver: (event: VenueOrderEvent) => void) {}

  push(event: VenueOrderEvent): void {
    this.pending.push(event);
  }

  /** Delivers every pending event; a nested call (from a listener) returns at once. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let i = 0; i < this.pending.length; i++) this.deliver(this.pending[i]!);
    } finally {
      this.pending = [];
      this.flushing = false;
    }
  }
}
