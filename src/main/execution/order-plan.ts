import type {
  AccountView,
  Instrument,
  MoneyMicros,
  Order,
  OrderReason,
  OrderRiskAdjustment,
  OrderSizing,
  PositionView,
  PriceMicros,
  RiskProfile,
  Shares,
  SizingMethod,
  UnixMicros,
} from '../../shared';
import { createOrder, type NewOrder } from './order-state';
import type { RiskEngine } from './risk/risk-engine';
import type { RiskDecision, RiskInput } from './risk/risk-types';
import type { WorkingOrdersView } from './risk/working-orders';
import { sizeOrder } from './sizing';

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
  readonly position: PositionView | undefined;
  readonly positions: readonly PositionView[];
  /** Totals of the orders working at the venue (kept current by the order store). */
  readonly working: WorkingOrdersView;
  readonly account: AccountView;
  /** Realized + unrealized P&L since the session start, micro-dollars. */
  readonly dailyPnl: MoneyMicros;
  /**
   * Why no order can be decided in this account now, when one cannot (live trading before IB has
   * reported the live account's net liquidation and cash): the order is denied (check "account").
   */
  readonly accountRefusal?: OrderReason;
}

/**
 * The live account's own values as the broker reports them (IB's account summary), micro-dollars:
 * what live orders are sized and checked against (Floor's live book knows only its own fills).
 */
export interface LiveAccountValues {
  readonly accountId: string;
  /** IB NetLiquidation: the account's equity. */
  readonly netLiquidation: MoneyMicros;
  /** IB TotalCashValue. */
  readonly cash: MoneyMicros;
}

/**
 * The snapshot of a live order: the live book's positions and P&L with IB's net liquidation as the
 * equity and IB's cash; while IB has not reported them (`live` null) an accountRefusal
 * LIVE_ACCOUNT_UNKNOWN, so the order is denied rather than sized against nothing.
 */
export function withLiveAccount(market: MarketSnapshot, live: LiveAccountValues | null): MarketSnapshot {
  if (live === null) {
    return {
      ...market,
      accountRefusal: {
        code: 'LIVE_ACCOUNT_UNKNOWN',
        message: "IB has not reported the live account's net liquidation and cash yet: wait until the gateway is Connected and the account line shows them",
      },
    };
  }
  return { ...market, account: { ...market.account, cash: live.cash, equity: live.netLiquidation } };
}

/** The verdict of the checks: allowed, or denied by the named rule with its reason. */
export type PlanVerdict =
  | { readonly kind: 'ALLOW' }
  | { readonly kind: 'DENY'; readonly check: string; readonly reason: OrderReason };

/** What sizing and risk made of a new order. */
export interface OrderPlan {
  /** The order, INITIALIZED, at the shares it carries: sized, then reduced by risk (0 when the sizer found no trade). */
  readonly order: Order;
  readonly sizing: OrderSizing;
  readonly riskAdjustments: readonly OrderRiskAdjustment[];
  readonly verdict: PlanVerdict;
}

/** Name recorded as the `check` of a denial decided by the sizer. */
export const SIZING_CHECK = 'sizing';
/** Name recorded as the `check` of a denial because the account's values are not known (MarketSnapshot.accountRefusal). */
export const ACCOUNT_CHECK = 'account';

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
export function entryPrice(order: Pick<Order, 'signal' | 'limitPrice' | 'orderType' | 'stopPrice'>, mid: PriceMicros | null): PriceMicros | undefined {
  return order.signal?.entry ?? order.limitPrice ?? (order.orderType === 'STOP_MARKET' ? order.stopPrice : null) ?? mid ?? undefined;
}

/**
 * Decides a new order: the RiskEngine's structural screen (known instrument, tick grid: they do not
 * depend on the quantity, so a trader learns a price is off-tick before any sizing), then sizing
 * (sizeOrder with the profile's capital and the account's cash), then the RiskEngine at the sized
 * quantity (which may reduce it when the profile allows reduce-to-fit). The first denial wins.
 * Writes and remembers nothing (RiskEngine.recordDecision does, once the order is recorded).
 *
 * @param spec the new order with the ticket's quantity (FIXED sizing), or 0 when the sizer decides.
 * Denials: a structural check's reason (check = its name); the snapshot's accountRefusal (check
 * "account"); NO_REFERENCE_PRICE (check "sizing") when
 * no price to size at is known; the sizer's NO_TRADE reason (check "sizing"); the RiskEngine's
 * reason (check = the denying risk check's name).
 */
export function planOrder(spec: NewOrder, method: SizingMethod, market: MarketSnapshot, risk: RiskEngine): OrderPlan {
  const requestedQuantity = method === 'FIXED' ? spec.quantity : undefined;
  const requested = requestedQuantity === undefined ? {} : { requestedQuantity };
  const unsized = createOrder(spec);
  const plan = (order: Order, sizing: OrderSizing, riskAdjustments: readonly OrderRiskAdjustment[], verdict: PlanVerdict): OrderPlan => ({ order, sizing, riskAdjustments, verdict });
  const denial = (check: string, reason: OrderReason): PlanVerdict => ({ kind: 'DENY', check, reason });

  const screened = risk.screen(riskInput(unsized, market));
  if (screened.kind === 'DENY') {
    return plan(unsized, { method, ...requested, quantity: spec.quantity, explanation: 'not sized: the order was denied first' }, [], denial(screened.check, screened.reason));
  }
  if (market.accountRefusal !== undefined) {
    return plan(unsized, { method, ...requested, quantity: spec.quantity, explanation: `not sized: ${market.accountRefusal.message}` }, [], denial(ACCOUNT_CHECK, market.accountRefusal));
  }
  const entry = entryPrice(unsized, market.mid);
  if (entry === undefined) {
    const reason = { code: 'NO_REFERENCE_PRICE', message: `no price to size and check this order at: give a limit price or a signal entry, or wait for a two-sided ${spec.instrumentId} book` };
    return plan(createOrder({ ...spec, quantity: 0 }), { method, ...requested, quantity: 0, explanation: reason.message }, [], denial(SIZING_CHECK, reason));
  }
  const signal = unsized.signal;
  const sized = sizeOrder({
    method,
    side: spec.side,
    ...(requestedQuantity === undefined ? {} : { quantity: requestedQuantity }),
    entry,
    ...(signal?.stop === undefined ? {} : { stop: signal.stop }),
    ...(signal?.winProbability === undefined ? {} : { winProbability: signal.winProbability }),
    ...(signal?.payoffRatio === undefined ? {} : { payoffRatio: signal.payoffRatio }),
    capital: capitalFor(market.profile, market.account),
    availableCash: market.account.cash,
    profile: market.profile,
  });
  if (sized.kind === 'NO_TRADE') {
    return plan(createOrder({ ...spec, quantity: 0 }), { method, ...requested, quantity: 0, explanation: sized.reason.message }, [], denial(SIZING_CHECK, sized.reason));
  }
  const sizing: OrderSizing = { method, ...requested, quantity: sized.quantity, explanation: sized.explanation };
  const checked = checkRisk(createOrder({ ...spec, quantity: sized.quantity }), market, risk);
  return plan(createOrder({ ...spec, quantity: checked.quantity }), sizing, checked.adjustments, checked.verdict);
}

/** What the RiskEngine made of an order: its quantity after reductions, the reductions, the verdict. */
export interface RiskOutcome {
  readonly quantity: Shares;
  readonly adjustments: readonly OrderRiskAdjustment[];
  readonly verdict: PlanVerdict;
}

/**
 * Checks an existing order again (a STAGED order being approved, a working order with a
 * modification applied) at its quantity: the structural screen, then the RiskEngine in `market`.
 */
export function checkOrder(order: Order, market: MarketSnapshot, risk: RiskEngine): RiskOutcome {
  const screened = risk.screen(riskInput(order, market));
  if (screened.kind === 'DENY') return { quantity: order.quantity, adjustments: [], verdict: { kind: 'DENY', check: screened.check, reason: screened.reason } };
  if (market.accountRefusal !== undefined) return { quantity: order.quantity, adjustments: [], verdict: { kind: 'DENY', check: ACCOUNT_CHECK, reason: market.accountRefusal } };
  return checkRisk(order, market, risk);
}

/** The RiskEngine's input for `order` in `market`. */
export function riskInput(order: Order, market: MarketSnapshot): RiskInput {
  return {
    order,
    instrument: market.instrument,
    profile: market.profile,
    capital: capitalFor(market.profile, market.account),
    mid: market.mid,
    position: market.position,
    positions: market.positions,
    working: market.working,
    account: market.account,
    dailyPnl: market.dailyPnl,
    now: market.now,
  };
}

/** The RiskEngine's decision on `order` in `market`, with its reductions in the shared shape. */
function checkRisk(order: Order, market: MarketSnapshot, risk: RiskEngine): RiskOutcome {
  return outcomeOf(risk.evaluate(riskInput(order, market)), order.quantity);
}

function outcomeOf(decision: RiskDecision, quantity: Shares): RiskOutcome {
  const adjustments = decision.adjustments.map((a) => ({ check: a.check, fromQuantity: a.fromQuantity, toQuantity: a.toQuantity, reason: a.reason }));
  if (decision.kind === 'DENY') {
    return { quantity: adjustments.at(-1)?.toQuantity ?? quantity, adjustments, verdict: { kind: 'DENY', check: decision.check, reason: decision.reason } };
  }
  return { quantity: decision.quantity, adjustments, verdict: { kind: 'ALLOW' } };
}
