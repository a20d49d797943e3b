import type { Disposable, Event, Instrument, ReplayStatus, SessionNanos, TradeTick, UnixMicros } from '../../shared';
import type { BookView } from './book-view';
import type { MarketEvent } from './market-event';

/**
 * A live source of one instrument's market: a LOBSTER replay or the synthetic model. It owns the
 * instrument's OrderBook and applies every event to it before announcing the event, so listeners of
 * `onDidApply` see the book as it stands after that event.
 */
export interface MarketFeed extends Disposable {
  readonly instrument: Instrument;
  readonly book: BookView;
  /** Current replay clock state. */
  status(): ReplayStatus;
  /** Begin delivering events in (scaled) real time. */
  start(): void;
  pause(): void;
  resume(): void;
  /** Replay speed as a multiple of real time, 0.1..1000. @throws RangeError outside that range. */
  setSpeed(speed: number): void;
  /** Jump to market time `time` (ns after midnight): rebuilds the book from the session start or synthetic state. Fires onDidReset. */
  seek(time: SessionNanos): Promise<void>;
  /** Converts a session time (ns after the session's local midnight) to Unix epoch µs. */
  toUnixMicros(time: SessionNanos): UnixMicros;
  /** After each event is applied to the book. */
  readonly onDidApply: Event<MarketEvent>;
  /** After an execution event (visible or hidden), as a trade print. */
  readonly onDidTrade: Event<TradeTick>;
  /** After the book was rebuilt by a seek: queue positions at the old state are meaningless. */
  readonly onDidReset: Event<void>;
  /** On pause/resume/speed/seek/finish, and at most every 250 ms of market-time progress. */
  readonly onDidChangeStatus: Event<ReplayStatus>;
}
