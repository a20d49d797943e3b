import type { HostFrame, PushPayload, PushTopic } from '../../shared/rpc';

/** How a topic's publishes between two flushes combine into the one message the client gets. */
type MergePolicy =
  /** Only the newest payload matters: it is a full snapshot. */
  | 'latest'
  /**
   * The newest snapshot, but carrying the OLDEST `stampedAt` of the snapshots it replaced: the
   * update that waited longest is the one whose latency the trader feels, so conflation must not
   * hide it from the paint-latency measurement.
   */
  | 'latest-oldest-stamp'
  /** Payloads are arrays of new items; concatenate them in publish order. */
  | 'append'
  /** Payloads are arrays of orders; keep the newest state of each clientOrderId. */
  | 'latest-per-order';

/**
 * Merge policy per push topic (topics and payloads in src/shared/rpc/contract.ts `pushTopics`).
 * Every topic appears here; adding a topic without a policy is a type error.
 */
const MERGE_POLICIES: { readonly [T in PushTopic]: MergePolicy } = {
  // Top-N snapshot: an older book is useless once a newer one exists (its arrival stamp is kept).
  book: 'latest-oldest-stamp',
  // Market trades since the previous message: the chart and tape need every print, in order.
  trades: 'append',
  // Orders that changed: the blotter only needs each order's latest state, not every intermediate.
  orders: 'latest-per-order',
  // Our fills since the previous message: each is an execution the trader must see.
  fills: 'append',
  // Full position list: a snapshot.
  positions: 'latest',
  // Account totals: a snapshot.
  account: 'latest',
  // Mode, connection, trading state, replay clock: a snapshot.
  status: 'latest',
  // New alerts (breaker trip, kill switch, daily loss, resume): each is a fact the trader must see.
  alerts: 'append',
  // Interlock status (registered, verified, expiry): a snapshot.
  interlock: 'latest',
  // A reload request: one is as good as many.
  session: 'latest',
};

/** 16 ms: one frame at 60 Hz, the fastest a screen can show a change. */
export const FRAME_MS = 16;

/**
 * Above this many bytes queued in the socket, the client is not keeping up: stop sending until it
 * drains. 1 MiB is several seconds of book snapshots, far past anything a live renderer leaves queued.
 */
export const HIGH_WATER_BYTES = 1024 * 1024;

/**
 * Cap on items held for an 'append' topic while a client is not being sent to. Past it the oldest
 * items are dropped (a stalled renderer reloads trades with `market.trades` and fills with
 * `fills.list`), so memory stays bounded however long the client stalls.
 */
export const MAX_PENDING_ITEMS = 10_000;

/** The part of a WebSocket the conflator needs: how much is queued, and a way to send text. */
export interface PushSink {
  readonly bufferedAmount: number;
  send(text: string): void;
}

/** Tuning and clock; every field has a production default. */
export interface PushConflatorOptions {
  readonly frameMs?: number;
  readonly highWaterBytes?: number;
  readonly maxPendingItems?: number;
  /** Monotonic clock in ms. Default `performance.now`. */
  readonly now?: () => number;
}

type Pending =
  | { readonly policy: 'latest' | 'latest-oldest-stamp'; value: unknown }
  | { readonly policy: 'append'; items: unknown[] }
  | { readonly policy: 'latest-per-order'; orders: Map<string, unknown> };

/**
 * Conflates pushes for one client: each topic gets at most one message per FRAME_MS, merged by
 * MERGE_POLICIES.
 *
 * Timing is per topic: a publish on a topic whose last message is at least FRAME_MS old goes out on
 * the next turn of the event loop (setImmediate, so one synchronous burst still merges); otherwise it
 * waits until FRAME_MS after that topic's previous message. A busy topic (the replay clock's status)
 * therefore never delays another (the book). Latency is ~0 when a topic is idle and under one frame
 * when it is busy.
 *
 * Slow client: when the socket already holds more than `highWaterBytes`, the flush is skipped and
 * the merged state kept (bounded: 'latest' holds one value, 'latest-per-order' one per order,
 * 'append' at most `maxPendingItems`); the conflator re-checks every frame and sends the merged
 * latest state once the socket drains.
 *
 * Payloads are serialised at flush time, so publishers must not mutate them after publishing.
 */
export class PushConflator {
  private readonly pending = new Map<PushTopic, Pending>();
  /** When each topic's last message was sent (the `now` clock, ms). */
  private readonly lastSentAt = new Map<PushTopic, number>();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** When the scheduled timer fires (the `now` clock, ms); undefined when none is scheduled. */
  private timerDueAt: number | undefined;
  private disposed = false;
  private readonly frameMs: number;
  private readonly highWaterBytes: number;
  private readonly maxPendingItems: number;
  private readonly now: () => number;

  constructor(
    private readonly sink: PushSink,
    options: PushConflatorOptions = {},
  ) {
    this.frameMs = options.frameMs ?? FRAME_MS;
    this.highWaterBytes = options.highWaterBytes ?? HIGH_WATER_BYTES;
    this.maxPendingItems = options.maxPendingItems ?? MAX_PENDING_ITEMS;
    this.now = options.now ?? (() => performance.now());
  }

  /** Merges `data` into the topic's pending message and makes sure a flush is scheduled. No-op after dispose(). */
  offer<T extends PushTopic>(topic: T, data: PushPayload<T>): void {
    if (this.disposed) return;
    this.merge(topic, data);
    if (this.pending.has(topic)) this.scheduleAt(this.dueAt(topic));
  }

  /** Drops pending messages and cancels the timers; later offers are ignored. */
  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    this.cancelTimers();
  }

  /** Earliest time (the `now` clock) the topic may send its next message. */
  private dueAt(topic: PushTopic): number {
    return (this.lastSentAt.get(topic) ?? Number.NEGATIVE_INFINITY) + this.frameMs;
  }

  private merge(topic: PushTopic, data: unknown): void {
    const policy = MERGE_POLICIES[topic];
    // An empty batch of trades, fills or orders says nothing new; it must not cost the client a message.
    if (policy !== 'latest' && policy !== 'latest-oldest-stamp' && (data as readonly unknown[]).length === 0) return;
    const current = this.pending.get(topic);
    if (policy === 'latest') {
      this.pending.set(topic, { policy, value: data });
    } else if (policy === 'latest-oldest-stamp') {
      const older = current?.policy === 'latest-oldest-stamp' ? (current.value as { stampedAt: number }).stampedAt : Infinity;
      const newer = data as { stampedAt: number };
      this.pending.set(topic, { policy, value: newer.stampedAt <= older ? newer : { ...newer, stampedAt: older } });
    } else if (policy === 'append') {
      const items = current?.policy === 'append' ? current.items : [];
      items.push(...(data as readonly unknown[]));
      if (items.length > this.maxPendingItems) items.splice(0, items.length - this.maxPendingItems);
      this.pending.set(topic, { policy, items });
    } else {
      const orders = current?.policy === 'latest-per-order' ? current.orders : new Map<string, unknown>();
      for (const order of data as readonly { clientOrderId: string }[]) {
        // Re-insert so the message lists orders in the order of their latest change.
        orders.delete(order.clientOrderId);
        orders.set(order.clientOrderId, order);
      }
      this.pending.set(topic, { policy, orders });
    }
  }

  /** Makes sure a flush runs no later than `dueAt`: on the next loop turn when that time has come. */
  private scheduleAt(dueAt: number): void {
    const delay = dueAt - this.now();
    if (delay <= 0) {
      if (this.immediate !== undefined) return;
      if (this.timer !== undefined) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.timerDueAt = undefined;
      }
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        this.flush();
      });
      return;
    }
    if (this.immediate !== undefined) return;
    if (this.timerDueAt !== undefined && this.timerDueAt <= dueAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = undefined;
      this.flush();
    }, Math.ceil(delay));
  }

  private cancelTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.timerDueAt = undefined;
  }

  private flush(): void {
    if (this.disposed || this.pending.size === 0) return;
    const now = this.now();
    if (this.sink.bufferedAmount > this.highWaterBytes) {
      this.scheduleAt(now + this.frameMs);
      return;
    }
    let nextDue = Number.POSITIVE_INFINITY;
    for (const [topic, pending] of [...this.pending]) {
      const due = this.dueAt(topic);
      if (due > now) {
        nextDue = Math.min(nextDue, due);
        continue;
      }
      this.pending.delete(topic);
      this.lastSentAt.set(topic, now);
      const data =
        pending.policy === 'append' ? pending.items : pending.policy === 'latest-per-order' ? [...pending.orders.values()] : pending.value;
      const frame: HostFrame = { kind: 'push', topic, data };
      this.sink.send(JSON.stringify(frame));
    }
    if (nextDue !== Number.POSITIVE_INFINITY) this.scheduleAt(nextDue);
  }
}
