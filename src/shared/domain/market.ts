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

/** Where the market data comes from. */
export type MarketSource =
  | { readonly kind: 'LOBSTER'; readonly file: string; readonly sessionDate: string }
  | { readonly kind: 'SYNTHETIC'; readonly model: 'Cont-Stoikov-Talreja 2010'; readonly seed: number };

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
}

/** Venue connection state as shown in the header. */
export type ConnectionState = 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED';

/** Trading mode. Floor always starts in PAPER. */
export type TradingMode = 'PAPER' | 'LIVE';
