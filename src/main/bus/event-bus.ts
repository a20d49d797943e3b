import type { Disposable, Event } from '../../shared';

/** A subscriber of one topic. */
export type BusListener<T> = (payload: T) => void;

/** Where a throwing subscriber's error goes; the other subscribers still run. */
export type BusErrorHandler = (error: unknown, topic: string) => void;

/**
 * A synchronous, typed publish/subscribe bus: `Topics` maps each topic name to its payload type, so
 * `publish('order.changed', view)` and `subscribe('order.changed', (view) => ...)` are checked by the
 * compiler. Publishers and subscribers only know the bus and the topic, never each other (VS Code's
 * event/Disposable style, one hub instead of N x M direct subscriptions).
 *
 * Delivery: in subscription order, synchronously inside `publish`, so a subscriber sees the world as
 * the publisher left it (the engine's memory already matches its ledger when it publishes). A throwing
 * subscriber is reported to `onError` and does not stop the others.
 *
 * Cost: `publish` allocates nothing. Each topic keeps its subscribers in an array that is replaced
 * (copy-on-write) on subscribe/unsubscribe, so delivery iterates a stable array with no snapshot copy;
 * subscribing is rare, publishing runs per replayed market event.
 */
export class EventBus<Topics extends { [K in keyof Topics]: unknown }> implements Disposable {
  private readonly topics = new Map<keyof Topics, BusListener<never>[]>();
  private disposed = false;

  constructor(private readonly onError: BusErrorHandler = (error, topic) => console.error(`bus topic ${topic}:`, error)) {}

  /**
   * Delivers `payload` to every current subscriber of `topic`. No-op after dispose() or without subscribers.
   * Subscribers must not mutate the payload: every subscriber gets the same object.
   */
  publish<K extends keyof Topics>(topic: K, payload: Topics[K]): void {
    const listeners = this.topics.get(topic) as BusListener<Topics[K]>[] | undefined;
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(payload);
      } catch (error) {
        this.onError(error, String(topic));
      }
    }
  }

  /**
   * Subscribes `listener` to `topic`; dispose the result to unsubscribe (idempotent).
   * @throws Error after the bus was disposed (a late subscriber would silently never hear anything).
   */
  subscribe<K extends keyof Topics>(topic: K, listener: BusListener<Topics[K]>): Disposable {
    if (this.disposed) throw new Error(`cannot subscribe to ${String(topic)}: the event bus is disposed`);
    const current = (this.topics.get(topic) ?? []) as BusListener<Topics[K]>[];
    this.topics.set(topic, [...current, listener] as BusListener<never>[]);
    let active = true;
    return {
      dispose: () => {
        if (!active) return;
        active = false;
        const now = this.topics.get(topic) as BusListener<Topics[K]>[] | undefined;
        if (now === undefined) return;
        const index = now.indexOf(listener);
        if (index < 0) return;
        const next = now.slice(0, index).concat(now.slice(index + 1));
        if (next.length === 0) this.topics.delete(topic);
        else this.topics.set(topic, next as BusListener<never>[]);
      },
    };
  }

  /** The topic as a VS Code style `Event<T>` (`onDidX`), for components that take an Event. */
  event<K extends keyof Topics>(topic: K): Event<Topics[K]> {
    return (listener) => this.subscribe(topic, listener);
  }

  /** True when `topic` has at least one subscriber (lets a publisher skip building a payload). */
  hasSubscribers(topic: keyof Topics): boolean {
    return this.topics.has(topic);
  }

  /** Drops every subscription; later publishes are no-ops and later subscribes throw. */
  dispose(): void {
    this.disposed = true;
    this.topics.clear();
  }
}
