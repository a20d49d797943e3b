import { reduceTerminal } from './reducer';
import { initialTerminalState, type TerminalAction, type TerminalState } from './terminal-state';

/**
 * Holds the TerminalState and notifies subscribers after each change; the shape React's
 * useSyncExternalStore expects (subscribe returns an unsubscribe function, getState is stable
 * between changes).
 */
export class TerminalStore {
  private state: TerminalState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: TerminalState = initialTerminalState) {
    this.state = initial;
  }

  /** The current state; the same object until the next effective dispatch. */
  readonly getState = (): TerminalState => this.state;

  /** Listens for changes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Applies `action` through reduceTerminal; notifies only when the state object changed. */
  dispatch(action: TerminalAction): void {
    const next = reduceTerminal(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        console.error(error);
      }
    }
  }
}
