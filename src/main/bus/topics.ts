import type {
  AccountView,
  Alert,
  ExcludedPrint,
  FillView,
  Instrument,
  InstrumentId,
  MoneyMicros,
  Order,
  PositionView,
  PriceMicros,
  ReplayStatus,
  SessionNanos,
  TradeTick,
  TradingState,
  UnixMicros,
} from '../../shared';
import type { BookView } from '../marketdata';
import type { EventBus } from './event-bus';

/**
 * One instrument's market as bus subscribers see it: a LIVE view (the feed itself), not a copy, so
 * publishing a book change allocates nothing. Read it inside the callback; copy what you keep.
 */
export interface MarketView {
  readonly instrument: Instrument;
  /** The instrument's L2 book as it stands after the event being announced. */
  readonly book: BookView;
  /** Replay clock and session of the instrument's feed. */
  status(): ReplayStatus;
  /** Session nanoseconds -> Unix µs. */
  toUnixMicros(time: SessionNanos): UnixMicros;
}

/** Why trading was halted. */
export type HaltCause = 'BREAKER' | 'DAILY_LOSS' | 'KILL_SWITCH';

/**
 * A completed halt: trading state set, the venue-wide cancel-all sent, a per-order cancel sent for
 * every order still working after it. Money/prices micro-dollars; `tickToLastCancelMicros` is
 * wall-clock µs from the moment the trigger reached Floor (the tick, the P&L update, or the
 * kill-switch request) to the last cancel handed to the venue (see HaltController for the exact points).
 */
export interface HaltReport {
  readonly cause: HaltCause;
  readonly tradingState: TradingState;
  /** Instrument whose price tripped the breaker; null for daily loss and the kill switch. */
  readonly instrumentId: InstrumentId | null;
  /** Market time of the trigger, Unix µs. */
  readonly tsEvent: UnixMicros;
  /** Orders that were open when the halt began. */
  readonly openOrders: number;
  /** Cancels the venue confirmed (order CANCELED) by the end of the halt. */
  readonly canceled: number;
  /** Orders that finished otherwise while the cancel was in flight (filled, expired, rejected). */
  readonly finishedOtherwise: number;
  /** Cancels handed to the venue that await its confirmation (asynchronous venues). */
  readonly pending: number;
  /** Cancels the venue refused or that could not be sent: client order id and reason. */
  readonly failures: readonly { readonly clientOrderId: string; readonly reason: string }[];
  readonly tickToLastCancelMicros: number;
  /** Wall-clock µs from the trigger until every answer the venue gave synchronously was recorded and committed. */
  readonly tickToAllAnsweredMicros: number;
}

/** The price circuit breaker tripped on `instrumentId`: a drop of at least `dropBps` from the rolling high. */
export interface BreakerTripped {
  readonly instrumentId: InstrumentId;
  /** Trade price that tripped it, micro-dollars. */
  readonly triggerPrice: PriceMicros;
  /** Highest trade price within the window before it, micro-dollars. */
  readonly rollingHigh: PriceMicros;
  /** Drop from the high, basis points, rounded down. */
  readonly dropBps: number;
  /** Market time of the trigger trade, Unix µs. */
  readonly tsEvent: UnixMicros;
  readonly report: HaltReport;
}

/** The daily loss limit was breached: realized + unrealized P&L since session start <= -limit. */
export interface DailyLossBreached {
  /** P&L since the session start, micro-dollars (negative). */
  readonly dailyPnl: MoneyMicros;
  /** The profile's daily loss limit, micro-dollars (positive). */
  readonly limit: MoneyMicros;
  readonly action: 'HALT' | 'REDUCING';
  readonly tsEvent: UnixMicros;
}

/**
 * Every topic of Floor's event bus and its payload. Three families:
 * - order.*, portfolio.*: the execution engine's facts, published after they are committed to the ledger;
 * - market.*: per instrument, published per replayed event (allocation-free payloads);
 * - risk.*: trading state, denials, breaker trips and alerts.
 */
export interface TerminalTopics {
  /** An order changed (its latest state). */
  'order.changed': Order;
  /** An order was denied by a pre-trade / risk check (also published on order.changed). */
  'order.denied': Order;
  /** A fill was booked. */
  'order.filled': FillView;
  /** A position changed by a fill or a new mark. */
  'portfolio.position': PositionView;
  /** Cash or a mark changed the account totals. */
  'portfolio.account': AccountView;
  /** A trade print on the market (visible or hidden execution) that the bad-tick guard accepted. */
  'market.trade': TradeTick;
  /** A print the bad-tick guard excluded: outside the band around the prevailing quote. */
  'market.badTick': ExcludedPrint;
  /** An event changed an instrument's book (published after every applied event). */
  'market.book': MarketView;
  /** An applied event changed an instrument's mid (read it from `book.mid()`). */
  'market.mid': MarketView;
  /** A seek rebuilt an instrument's book: anything keyed to the old market time is stale. */
  'market.reset': MarketView;
  /** The TradingState changed (ACTIVE, REDUCING, HALTED). */
  'risk.tradingState': TradingState;
  /** The price circuit breaker tripped and halted trading. */
  'risk.breakerTripped': BreakerTripped;
  /** The daily loss limit was breached. */
  'risk.dailyLossBreached': DailyLossBreached;
  /** An alert for the trader (breaker, daily loss, kill switch, resume). */
  'risk.alert': Alert;
}

/** The terminal's event bus. */
export type TerminalBus = EventBus<TerminalTopics>;
