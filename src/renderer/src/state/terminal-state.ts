import type {
  AccountView,
  Alert,
  BookSnapshot,
  ClientOrderId,
  FillView,
  Instrument,
  MoneyMicros,
  OrderSide,
  Order,
  PositionView,
  PriceMicros,
  ReplayStatus,
  Shares,
  TerminalStatus,
} from '../../../shared';
import type { ClientConnectionState } from '../rpc';

/** A book as the renderer holds it: the host's top-N snapshot, plus the host's arrival stamp on pushes. */
export type BookState = BookSnapshot & {
  /** Host wall clock (ms, performance.timeOrigin + now()) when the update reached the host; absent on `market.book` answers. */
  readonly stampedAt?: number;
};

/** A market trade seen live, with the browser wall-clock time it arrived (ms since epoch), for the ladder's flashes. */
export interface RecentTrade {
  readonly price: PriceMicros;
  readonly size: Shares;
  readonly aggressorSide: OrderSide;
  readonly receivedAtMs: number;
}

/** What `session.describe` says about the session. `startingCash` in micro-dollars. */
export interface SessionInfo {
  readonly instrument: Instrument;
  readonly startingCash: MoneyMicros;
}

/**
 * Everything the screens show, kept immutable: each update replaces only the slices it touches, so
 * a component that selects a slice re-renders only when that slice changes. Units as in src/shared.
 */
export interface TerminalState {
  readonly connection: ClientConnectionState;
  readonly session: SessionInfo | null;
  readonly status: TerminalStatus | null;
  readonly book: BookState | null;
  /** Latest known state of every order, by ClientOrderId. */
  readonly orders: ReadonlyMap<ClientOrderId, Order>;
  /** Our fills, oldest first, unique by tradeId. */
  readonly fills: readonly FillView[];
  readonly positions: readonly PositionView[];
  readonly account: AccountView | null;
  /** Trades that arrived in the last RECENT_TRADE_WINDOW_MS, oldest first. */
  readonly recentTrades: readonly RecentTrade[];
  /** Alerts (breaker trips, daily-loss breaches, kill switch, resume), newest first, unique by alertId, at most MAX_ALERTS. */
  readonly alerts: readonly Alert[];
  /**
   * Alerts the trader acknowledged on this machine (by alertId). Acknowledging is local: it only
   * dismisses the CRITICAL banner, the alert itself stays in the list and in the host's record.
   */
  readonly acknowledgedAlertIds: ReadonlySet<string>;
  /** True once the state has been loaded on the current connection. */
  readonly loaded: boolean;
  /** Why loading the state failed, when it did (cleared by the next successful load). */
  readonly loadError: string | null;
}

/** How long a market trade stays marked on the ladder, ms of wall-clock time. */
export const RECENT_TRADE_WINDOW_MS = 3000;
/** Upper bound of marked trades, so a burst at 100x replay cannot grow the ladder's work without limit. */
export const MAX_RECENT_TRADES = 400;
/** Upper bound of fills kept in memory for the chart markers and the ticket. */
export const MAX_FILLS = 5000;
/** Upper bound of alerts kept in memory; the host keeps the full record. */
export const MAX_ALERTS = 500;

/** The state before anything is known. */
export const initialTerminalState: TerminalState = {
  connection: 'disconnected',
  session: null,
  status: null,
  book: null,
  orders: new Map(),
  fills: [],
  positions: [],
  account: null,
  recentTrades: [],
  alerts: [],
  acknowledgedAlertIds: new Set(),
  loaded: false,
  loadError: null,
};

/** Everything loaded on (re)connect. */
export interface TerminalSnapshot {
  readonly session: SessionInfo;
  readonly status: TerminalStatus;
  readonly orders: readonly Order[];
  readonly fills: readonly FillView[];
  readonly positions: readonly PositionView[];
  readonly account: AccountView;
  readonly book: BookState;
}

/** Every change to TerminalState. */
export type TerminalAction =
  | { readonly type: 'connection'; readonly connection: ClientConnectionState }
  | { readonly type: 'snapshot'; readonly snapshot: TerminalSnapshot }
  | { readonly type: 'loadFailed'; readonly message: string }
  | { readonly type: 'status'; readonly status: TerminalStatus }
  | { readonly type: 'replay'; readonly replay: ReplayStatus }
  | { readonly type: 'book'; readonly book: BookState }
  | { readonly type: 'orders'; readonly orders: readonly Order[] }
  | { readonly type: 'fills'; readonly fills: readonly FillView[] }
  | { readonly type: 'positions'; readonly positions: readonly PositionView[] }
  | { readonly type: 'account'; readonly account: AccountView }
  | { readonly type: 'trades'; readonly trades: readonly { price: PriceMicros; size: Shares; aggressorSide: OrderSide }[]; readonly receivedAtMs: number }
  | { readonly type: 'expireTrades'; readonly nowMs: number }
  /** Alerts from an `alerts` push or an `alerts.list` answer, any order; merged by alertId. */
  | { readonly type: 'alerts'; readonly alerts: readonly Alert[] }
  /** The trader acknowledged these alerts (local only). */
  | { readonly type: 'acknowledgeAlerts'; readonly alertIds: readonly string[] };
