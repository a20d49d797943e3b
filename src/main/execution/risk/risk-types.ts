import type {
  AccountView,
  FillView,
  Instrument,
  MoneyMicros,
  Order,
  OrderReason,
  PositionView,
  PriceMicros,
  RiskProfile,
  Shares,
  TradingMode,
  TradingState,
  UnixMicros,
} from '../../../shared';
import type { WorkingOrdersView } from './working-orders';

/** Everything a risk check may look at. All money micro-dollars, times Unix µs (market clock on a replay). */
export interface RiskContext {
  /**
   * The order being decided (the one Order model): a new order at its sized quantity (status
   * INITIALIZED), a staged order being approved, or a working order with a modification applied.
   */
  readonly order: Order;
  readonly instrument: Instrument | undefined;
  readonly profile: RiskProfile;
  /** Capital the percentage rules apply to (profile.capitalSource resolved), micro-dollars. */
  readonly capital: MoneyMicros;
  /** The RiskEngine's own TradingState at the decision. */
  readonly tradingState: TradingState;
  /** Book mid of the order's instrument, or null without a two-sided book. */
  readonly mid: PriceMicros | null;
  /** Position in the order's instrument in the order's mode (paper or live book), undefined when never traded. */
  readonly position: PositionView | undefined;
  /** Every instrument's position (flat ones included). */
  readonly positions: readonly PositionView[];
  /** Totals of the orders still working at the venue, any instrument (kept current by the engine). */
  readonly working: WorkingOrdersView;
  readonly account: AccountView;
  /** Realized + unrealized P&L since the start of today's session (negative = loss), micro-dollars. */
  readonly dailyPnl: MoneyMicros;
  readonly now: UnixMicros;
}

/**
 * One check's verdict. REDUCE names the largest quantity (shares, > 0) that passes this check; it is
 * applied only when the profile allows reduce-to-fit, otherwise it becomes a DENY with the same reason.
 */
export type RiskVerdict =
  | { readonly kind: 'ALLOW'; readonly note?: string }
  | { readonly kind: 'REDUCE'; readonly quantity: Shares; readonly reason: OrderReason }
  | { readonly kind: 'DENY'; readonly reason: OrderReason };

/**
 * One rule. Pure given its context and its own state; fast (it runs on the order path); never throws.
 * An ALLOW may carry a `note` (something the trader should know, e.g. the correlation cap could not
 * be applied for lack of bars); the RiskEngine collects notes into the decision and logs them.
 * Stateful checks implement the optional hooks, which the RiskEngine forwards.
 */
export interface RiskCheck {
  /** Short stable name, e.g. "max-notional"; also the reason code's source in logs. */
  readonly name: string;
  /**
   * True for a structural check that does not depend on the quantity (known instrument, tick grid):
   * it runs before sizing (RiskEngine.screen), so a trader learns a price is off the grid before any
   * quantity is decided. The others run on the sized order (RiskEngine.evaluate).
   */
  readonly beforeSizing?: boolean;
  evaluate(context: RiskContext): RiskVerdict;
  /** An order was handed to the venue at `now` (Unix µs): the order-rate throttle counts it. */
  recordSubmitted?(now: UnixMicros): void;
  /** A fill of an order of `mode` was booked: the PDT rule counts day trades from fills, per mode. */
  recordFill?(fill: FillView, mode: TradingMode): void;
  /** The RiskEngine allowed an order (context at its final quantity): the duplicate-signal check remembers its id. */
  recordAllowed?(context: RiskContext): void;
}

/** What a caller hands the RiskEngine: the context without the TradingState, which the RiskEngine owns. */
export type RiskInput = Omit<RiskContext, 'tradingState'>;

/** Something a check wants the trader (and the log) to know about an allowed order. */
export interface RiskNote {
  readonly check: string;
  readonly message: string;
}

/** A reduction the RiskEngine applied: which check, from and to how many shares, and why. */
export interface RiskAdjustment {
  readonly check: string;
  readonly fromQuantity: Shares;
  readonly toQuantity: Shares;
  readonly reason: OrderReason;
}

/**
 * The RiskEngine's decision on one order: allowed at `quantity` (possibly reduced, with the
 * reductions listed in order), or denied with the first denying check's reason.
 */
export type RiskDecision =
  | {
      readonly kind: 'ALLOW';
      readonly quantity: Shares;
      readonly adjustments: readonly RiskAdjustment[];
      /** Notes of the checks that allowed with a remark (e.g. correlation not checked: no bars). */
      readonly notes?: readonly RiskNote[];
    }
  | {
      readonly kind: 'DENY';
      readonly check: string;
      readonly reason: OrderReason;
      readonly adjustments: readonly RiskAdjustment[];
      readonly notes?: readonly RiskNote[];
    };
