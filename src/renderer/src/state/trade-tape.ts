import { Emitter, type Event, type TradeTick } from '../../../shared';

/** What changed on the tape: a whole new history (load or seek) or trades appended at the end. */
export type TapeChange =
  | { readonly kind: 'reset'; readonly trades: readonly TradeTick[] }
  | { readonly kind: 'append'; readonly trades: readonly TradeTick[] };

/** Most trades kept; the chart aggregates them into bars, so the tape only needs enough to rebuild. */
export const TAPE_CAPACITY = 20_000;

function sameTrade(a: TradeTick, b: TradeTick): boolean {
  return (
    a.tsEvent === b.tsEvent &&
    a.price === b.price &&
    a.size === b.size &&
    a.aggressorSide === b.aggressorSide &&
    a.hidden === b.hidden
  );
}

/**
 * Length of the longest suffix of `tail` that equals a prefix of `head`, element by element.
 * Used to drop trades a push repeats from the history just loaded.
 */
export function overlapLength(tail: readonly TradeTick[], head: readonly TradeTick[]): number {
  const max = Math.min(tail.length, head.length);
  for (let length = max; length > 0; length -= 1) {
    let match = true;
    for (let i = 0; i < length; i += 1) {
      if (!sameTrade(tail[tail.length - length + i]!, head[i]!)) {
        match = false;
        break;
      }
    }
    if (match) return length;
  }
  return 0;
}

/**
 * The market's trade history for the chart: loaded with `market.trades` on connect, then extended by
 * `trades` pushes. Three facts of the transport shape it:
 * - pushes that arrive before the history answer are already in it, so they are ignored until `reset`;
 * - the first push after the history can repeat its last trades (the host buffers trades for the next
 *   frame while the history already contains them), so that overlap is trimmed;
 * - market time only moves backwards on a seek, so an older trade starts a fresh history.
 * Trades are in Unix µs (`tsEvent`), oldest first.
 */
export class TradeTape {
  private trades: TradeTick[] = [];
  private awaitingHistory = true;
  private trimOverlap = false;
  private readonly changeEmitter = new Emitter<TapeChange>();

  /** Fires after every effective change. */
  readonly onDidChange: Event<TapeChange> = this.changeEmitter.event;

  /** The trades held, oldest first (at most TAPE_CAPACITY). */
  snapshot(): readonly TradeTick[] {
    return this.trades;
  }

  /** Call when a connection opens: pushes are ignored until the history arrives through `reset`. */
  awaitHistory(): void {
    this.awaitingHistory = true;
  }

  /** Replaces the history (oldest first) and notifies a reset. */
  reset(history: readonly TradeTick[]): void {
    this.trades = history.slice(Math.max(0, history.length - TAPE_CAPACITY));
    this.awaitingHistory = false;
    this.trimOverlap = true;
    this.changeEmitter.fire({ kind: 'reset', trades: this.trades });
  }

  /** Appends pushed trades (oldest first), applying the rules in the class comment. */
  append(incoming: readonly TradeTick[]): void {
    if (this.awaitingHistory || incoming.length === 0) return;
    let fresh = incoming;
    if (this.trimOverlap) {
      this.trimOverlap = false;
      fresh = incoming.slice(overlapLength(this.trades, incoming));
      if (fresh.length === 0) return;
    }
    const last = this.trades[this.trades.length - 1];
    const backwards = fresh.findIndex((trade, i) => trade.tsEvent < (i === 0 ? (last?.tsEvent ?? -Infinity) : fresh[i - 1]!.tsEvent));
    if (backwards >= 0) {
      this.trades = fresh.slice(backwards);
      this.changeEmitter.fire({ kind: 'reset', trades: this.trades });
      return;
    }
    this.trades.push(...fresh);
    if (this.trades.length > TAPE_CAPACITY) this.trades.splice(0, this.trades.length - TAPE_CAPACITY);
    this.changeEmitter.fire({ kind: 'append', trades: fresh });
  }
}
