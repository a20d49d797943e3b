import type { PriceMicros, Shares } from '../money';
import type { InstrumentId } from './instrument';
import type { OrderSide } from './orders';
import type { SessionNanos, UnixMicros } from './time';

/** One occupied price level: price (micro-dollars) and visible size (shares). */
export interface BookLevel {
  readonly price: PriceMicros;
  readonly size: Shares;
}

/** Top-N snapshot of an L2 book. `bids` best (highest) first, `asks` best (lowest) first. */
export interface BookSnapshot {
  readonly instrumentId: InstrumentId;
  /** Market time of the last applied event, Unix µs. */
  readonly tsEvent: UnixMicros;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/**
 * A trade print on the market. `aggressorSide` is the side of the incoming order that took
 * liquidity (LOBSTER: the opposite of the resting order's direction).
 */
export interface TradeTick {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: UnixMicros;
  readonly price: PriceMicros;
  readonly size: Shares;
  readonly aggressorSide: OrderSide;
  /** True when a hidden (non-displayed) order was executed (LOBSTER type 5). */
  readonly hidden: boolean;
}

/**
 * A trade print the bad-tick guard kept out of the breaker, the tape, the chart and P&L marks: it lay
 * outside the band around the prevailing quote. Prices micro-dollars, `bandBps` basis points.
 */
export interface ExcludedPrint {
  readonly price: PriceMicros;
  readonly size: Shares;
  readonly tsEvent: UnixMicros;
  readonly hidden: boolean;
  /** The quote it was judged against (null for an empty side). */
  readonly bid: PriceMicros | null;
  readonly ask: PriceMicros | null;
  /** The band: prints below `low` or above `high` are excluded. */
  readonly low: PriceMicros;
  readonly high: PriceMicros;
}

/** What the bad-tick guard excluded since the market last jumped (start, seek, another file). */
export interface BadTickSummary {
  /** Band around the prevailing quote, basis points (500 = 5%). */
  readonly bandBps: number;
  /** Prints excluded. */
  readonly excluded: number;
  /** The latest of them, or null. */
  readonly last: ExcludedPrint | null;
}

/**
 * State of a live IB depth subscription.
 * - WAITING: not started, subscribing (contract, first rows), or rebuilding after a 317 reset.
 * - LIVE: rows are flowing.
 * - STALE: the gateway lost IB (1100) or the data was lost (1101, resubscribing): the last book is shown but not current.
 * - HALTED: IB halted the depth data (316); the last book is shown until rows flow again.
 * - REFUSED: IB refused the subscription (309 depth limit, 354 / 10090 not subscribed, 200 unknown contract); `reason` says which.
 * - DISCONNECTED: no session: the book is empty until the next session's rows arrive.
 */
export type IbDepthState = 'WAITING' | 'LIVE' | 'STALE' | 'HALTED' | 'REFUSED' | 'DISCONNECTED';

/** Where the market data comes from. */
export type MarketSource =
  | { readonly kind: 'LOBSTER'; readonly file: string; readonly sessionDate: string }
  | { readonly kind: 'SYNTHETIC'; readonly model: 'Cont-Stoikov-Talreja 2010'; readonly seed: number }
  | {
      readonly kind: 'IB';
      /** "host:port" of the gateway the data comes from, or null without a session. */
      readonly gateway: string | null;
      /** Depth rows per side asked for (reqMktDepth numRows, 1..50). */
      readonly depthRows: number;
      readonly state: IbDepthState;
      /** Why the state is not LIVE (IB's code and message, or the connection's reason), else null. */
      readonly reason: string | null;
    };

/**
 * Where a replay stands:
 * - PLAYING: delivering events in (scaled) real time;
 * - PAUSED: not started yet, paused by the trader, or moved by a seek after a failure (Resume plays on);
 * - ENDED: the last message was played (seek back into the session to play again);
 * - FAILED: stopped on data it cannot replay; `ReplayStatus.failure` says where and why.
 * A live market (IB) is PLAYING once started.
 */
export type ReplayState = 'PLAYING' | 'PAUSED' | 'ENDED' | 'FAILED';

/**
 * Why a replay stopped. Book and clock both stand at the last good event (`marketTime`): every event
 * before the bad line was delivered, nothing after it.
 */
export interface ReplayFailure {
  /** The file with the bad data (a LOBSTER message or orderbook file), or null when the error names none. */
  readonly file: string | null;
  /** Its 1-based line, or null with `file`. */
  readonly line: number | null;
  /** What was wrong and what was expected, without the file:line prefix. */
  readonly reason: string;
  /** Market time of the last good event, ns after the session's midnight: where book and clock stand. */
  readonly marketTime: SessionNanos;
}

/** The market's own trading halt as replayed (LOBSTER type-7 rows): HALTED, or QUOTING (quotes resume, trading not yet). */
export type MarketHalt = 'HALTED' | 'QUOTING';

/** State of the replay clock as shown in the header. */
export interface ReplayStatus {
  readonly source: MarketSource;
  readonly instrumentId: InstrumentId;
  readonly paused: boolean;
  /** Replay speed multiple of real time (1 = real time). */
  readonly speed: number;
  /** Market time of the replay, nanoseconds after the session's midnight. */
  readonly marketTime: SessionNanos;
  /** Session start and end, nanoseconds after midnight (09:30 and 16:00 for LOBSTER files). */
  readonly sessionStart: SessionNanos;
  readonly sessionEnd: SessionNanos;
  /** True once the replay has consumed its last message. */
  readonly finished: boolean;
  /** PLAYING, PAUSED, ENDED or FAILED (see ReplayState); `paused` is true unless PLAYING. */
  readonly state: ReplayState;
  /** Where and why a FAILED replay stopped; null in every other state. */
  readonly failure: ReplayFailure | null;
  /** The replayed market's halt as of the last applied event (after a seek too), or null while it trades. */
  readonly marketHalt: MarketHalt | null;
}

/** Venue connection state as shown in the header. */
export type ConnectionState = 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED';

