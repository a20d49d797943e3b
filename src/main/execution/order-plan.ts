import type {
  AccountView,
  ClientOrderId,
  FillView,
  Instrument,
  MoneyMicros,
  OrderIntent,
  OrderReason,
  OrderRiskAdjustment,
  OrderSizing,
  OrderView,
  PositionView,
  PriceMicros,
  RiskProfile,
  Shares,
  SizingMethod,
  TradingState,
  UnixMicros,
} from '../../shared';
import { initializeOrder, toOrderView } from './order-state';
import type { PreTradeCheck, PreTradeContext } from './pre-trade-checks';
import type { RiskContext, RiskDecision } from './risk/risk-types';
import type { WorkingOrdersView } from './risk/working-orders';
import { sizeOrder } from './sizing';

/**
 * The RiskEngine as the order path uses it (src/main/execution/risk, createRiskEngine): a decision
 * per order, and the facts its stateful checks count (orders sent for the rate throttle, fills for
 * the PDT rule).
 */
export interface OrderRiskGate {
  evaluate(context: RiskContext): RiskDecision;
  /** An order was handed to the venue at `now` (Unix µs). */
  recordSubmitted(now: UnixMicros): void;
  /** A fill was booked. */
  recordFill(fill: FillView): void;
}

/**
 * The account as the order path sees it when it decides: everything but the order itself. Money
 * micro-dollars, prices micro-dollars, times Unix µs (Floor's clock: the market clock on a replay).
 */
export interface MarketSnapshot {
  readonly now: UnixMicros;
  readonly profile: RiskProfile;
  readonly instrument: Instrument | undefined;
  /** Book mid of the order's instrument, or null without a two-sided book. */
  readonly mid: PriceMicros | null;
  readonly tradingState: TradingState;
  readonly position: PositionView | undefined;
  readonly positions: readonly PositionView[];
  /** Totals of the orders working at the venue (WorkingOrders, kept current by the engine). */
  readonly working: WorkingOrdersView;
  readonly account: AccountView;
  /** Realized + unrealized P&L since the session start, micro-dollars. */
  readonly dailyPnl: MoneyMicros;
}

/** The verdict of the checks: allowed, or denied by the named rule with its reason. */
export type PlanVerdict =
  | { readonly kind: 'ALLOW' }
  | { readonly kind: 'DENY'; readonly check: string; readonly reason: OrderReason };

/** What sizing and risk made of a new order. */
export interface OrderPlan {
  /** Shares the order carries: sized, then reduced by risk (0 when the sizer found no trade). */
  readonly quantity: Shares;
  readonly sizing: OrderSizing;
  readonly riskAdjustments: readonly OrderRiskAdjustment[];
  readonly verdict: PlanVerdict;
}

/** A new order before sizing: the ticket's fields, its source and signal, without a quantity. */
export interface UnsizedOrder {
  readonly clientOrderId: ClientOrderId;
  readonly intent: Omit<OrderIntent, 'quantity'>;
  readonly method: SizingMethod;
  /** The ticket's quantity (FIXED sizing). */
  readonly requestedQuantity: Shares | undefined;
}

/** Name recorded as the `check` of a denial decided by the sizer. */
export const SIZING_CHECK = 'sizing';

/**
 * Capital the profile's percentages apply to: the account's equity (ACCOUNT_EQUITY) or the trader's
 * fixed amount (FIXED), micro-dollars.
 */
export function capitalFor(profile: RiskProfile, account: AccountView): MoneyMicros {
  return profile.capitalSource === 'FIXED' ? profile.fixedCapital : account.equity;
}

/**
 * The price a new order is sized and checked at, micro-dollars: the signal's entry, else the
 * limit price, else (stop-market orders) the stop price where it would trigger, else the book mid;
 * undefined when none is known.
 */
export function entryPrice(intent: Omit<OrderIntent, 'quantity'>, mid: PriceMicros | null): PriceMicros | undefined {
  return intent.signal?.entry ?? intent.limitPrice ?? (intent.orderType === 'STOP_MARKET' ? intent.stopPrice : undefined) ?? mid ?? undefined;
}

/**
 * Decides a new order: the structural pre-trade checks (known instrument, tick grid: they do not
 * depend on the quantity, so a trader learns a price is off-tick before any sizing), then sizing
 * (sizeOrder with the profile's capital and the account's cash), then the RiskEngine at the sized
 * quantity (which may reduce it when the profile allows reduce-to-fit). The first denial wins.
 * Writes nothing; the only state touched is the RiskEngine's own (see RiskEngine.evaluate).
 *
 * Denials: a pre-trade check's reason (check = its name); NO_REFERENCE_PRICE (check "sizing") when
 * no price to size at is known; the sizer's NO_TRADE reason (check "sizing"); the RiskEngine's
 * reason (check = the denying risk check's name).
 */
export function planOrder(
  order: UnsizedOrder,
  market: MarketSnapshot,
  checks: readonly PreTradeCheck[],
  risk: OrderRiskGate,
): OrderPlan {
  const { intent, method, requestedQuantity } = order;
  const requested = requestedQuantity === undefined ? {} : { requestedQuantity };
  const unsized = (explanation: string) => ({ method, ...requested, quantity: requestedQuantity ?? 0, explanation });

  const structural = runStructuralChecks(provisionalView(order, requestedQuantity ?? 0, market.now), market, checks);
  if (structural !== undefined) {
    return { quantity: requestedQuantity ?? 0, sizing: unsized('not sized: the order was denied first'), riskAdjustments: [], verdict: structural };
  }
  const entry = entryPrice(intent, market.mid);
  if (entry === undefined) {
    const reason = {
      code: 'NO_REFERENCE_PRICE',
      message: `no price to size and check this order at: give a limit price or a signal entry, or wait for a two-sided ${intent.instrumentId} book`,
    };
    return { quantity: 0, sizing: { ...unsized(reason.message), quantity: 0 }, riskAdjustments: [], verdict: { kind: 'DENY', check: SIZING_CHECK, reason } };
  }
  const sized = sizeOrder({
    method,
    side: intent.side,
    ...(requestedQuantity === undefined ? {} : { quantity: requestedQuantity }),
    entry,
    ...(intent.signal?.stop === undefined ? {} : { stop: intent.signal.stop }),
    ...(intent.signal?.winProbability === undefined ? {} : { winProbability: intent.signal.winProbability }),
    ...(intent.signal?.payoffRatio === undefined ? {} : { payoffRatio: intent.signal.payoffRatio }),
    capital: capitalFor(market.profile, market.account),
    availableCash: market.account.cash,
    profile: market.profile,
  });
  if (sized.kind === 'NO_TRADE') {
    return {
      quantity: 0,
      sizing: { method, ...requested, quantity: 0, explanation: sized.reason.message },
      riskAdjustments: [],
      verdict: { kind: 'DENY', check: SIZING_CHECK, reason: sized.reason },
    };
  }
  const sizing: OrderSizing = { method, ...requested, quantity: sized.quantity, explanation: sized.explanation };
  const checked = runRisk(provisionalView(order, sized.quantity, market.now), market, risk);
  return { quantity: checked.quantity, sizing, riskAdjustments: checked.adjustments, verdict: checked.verdict };
}

/**
 * Checks an existing order again (a STAGED order being approved) at its quantity: the pre-trade
 * checks, then the RiskEngine in `market`.
 * @returns the quantity after risk reductions, the reductions, and the verdict.
 */
export function checkOrder(
  order: OrderView,
  market: MarketSnapshot,
  checks: readonly PreTradeCheck[],
  risk: OrderRiskGate,
): RiskOutcome {
  const structural = runStructuralChecks(order, market, checks);
  if (structural !== undefined) return { quantity: order.quantity, adjustments: [], verdict: structural };
  return runRisk(order, market, risk);
}

/** What the RiskEngine made of an order: its quantity after reductions, the reductions, the verdict. */
export interface RiskOutcome {
  readonly quantity: Shares;
  readonly adjustments: readonly OrderRiskAdjustment[];
  readonly verdict: PlanVerdict;
}

/** The first pre-trade check denying `order`, as a verdict naming it; undefined when all allow. */
function runStructuralChecks(order: OrderView, market: MarketSnapshot, checks: readonly PreTradeCheck[]): PlanVerdict | undefined {
  const context: PreTradeContext = {
    order,
    instrument: market.instrument,
    tradingState: market.tradingState,
    position: market.position,
    working: market.working,
    account: market.account,
  };
  for (const check of checks) {
    const decision = check.check(context);
    if (!decision.allow) return { kind: 'DENY', check: check.name, reason: decision.reason };
  }
  return undefined;
}

/** The RiskEngine's decision on `order` in `market`, with its reductions copied into the shared shape. */
function runRisk(order: OrderView, market: MarketSnapshot, risk: OrderRiskGate): RiskOutcome {
  const context: RiskContext = {
    order: {
      instrumentId: order.instrumentId,
      side: order.side,
      orderType: order.orderType,
      quantity: order.quantity,
      limitPrice: order.limitPrice,
      stopPrice: order.stopPrice,
      source: order.source,
      signal: order.signal ?? undefined,
      clientOrderId: order.clientOrderId,
    },
    instrument: market.instrument,
    profile: market.profile,
    capital: capitalFor(market.profile, market.account),
    tradingState: market.tradingState,
    mid: market.mid,
    position: market.position,
    positions: market.positions,
    working: market.working,
    account: market.account,
    dailyPnl: market.dailyPnl,
    now: market.now,
  };
  const decision = risk.evaluate(context);
  const adjustments = decision.adjustments.map((a) => ({ check: a.check, fromQuantity: a.fromQuantity, toQuantity: a.toQuantity, reason: a.reason }));
  if (decision.kind === 'DENY') {
    const reached = adjustments.at(-1)?.toQuantity ?? order.quantity;
    return { quantity: reached, adjustments, verdict: { kind: 'DENY', check: decision.check, reason: decision.reason } };
  }
  return { quantity: decision.quantity, adjustments, verdict: { kind: 'ALLOW' } };
}

/** The new order as the checks see it: INITIALIZED at `quantity`, stamped `now`. */
function provisionalView(order: UnsizedOrder, quantity: Shares, now: UnixMicros): OrderView {
  return toOrderView(
    initializeOrder({
      type: 'OrderInitialized',
      eventId: '',
      clientOrderId: order.clientOrderId,
      tsEvent: now,
      tsInit: now,
      intent: { ...order.intent, quantity },
      sizing: { method: order.method, quantity, explanation: '' },
    }),
  );
}
