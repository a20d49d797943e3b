/**
 * A minimal typed event emitter in the VS Code style: `emitter.event(listener)` subscribes and
 * returns a `Disposable`; components expose `onDidX = this.xEmitter.event`.
 */

/** Something that holds a resource or a subscription until disposed. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function: call with a listener, get a Disposable that unsubscribes. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** Fires values to listeners in subscription order, synchronously. A throwing listener does not stop the others; its error goes to `onListenerError`. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  /** Subscribe; returns a Disposable that unsubscribes. */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Deliver `value` to every current listener. */
  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** True when at least one listener is subscribed. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
