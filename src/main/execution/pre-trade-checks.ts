import type {
  AccountView,
  Instrument,
  OrderReason,
  OrderView,
  PositionView,
  TradingState,
} from '../../shared';

/**
 * The seam between the execution engine and pre-trade risk. The engine runs its checks in order on
 * every new order before it leaves Floor; the first denial wins and becomes OrderDenied with the
 * check's structured reason. The RiskEngine (max notional, position limits, loss limits ...) plugs in
 * by contributing more PreTradeCheck objects; the engine does not change.
 */
export interface PreTradeContext {
  /** The order as initialized (status INITIALIZED), prices micro-dollars, quantity shares. */
  readonly order: OrderView;
  /** The instrument, or undefined when the instrument id is unknown to Floor. */
  readonly instrument: Instrument | undefined;
  readonly tradingState: TradingState;
  /** Current position in the order's instrument, undefined when never traded. */
  readonly position: PositionView | undefined;
  /** Every other order still working at the venue (any instrument). */
  readonly openOrders: readonly OrderView[];
  readonly account: AccountView;
}

/** A check's verdict: allow, or deny with a reason a trader can read. */
export type PreTradeDecision = { readonly allow: true } | { readonly allow: false; readonly reason: OrderReason };

/** One pre-trade check. Must be pure and fast (it runs on the order path) and must not throw. */
export interface PreTradeCheck {
  /** Short name for logs, e.g. "tick-grid". */
  readonly name: string;
  check(context: PreTradeContext): PreTradeDecision;
}

const ALLOW: PreTradeDecision = { allow: true };

function deny(code: string, message: string): PreTradeDecision {
  return { allow: false, reason: { code, message } };
}

/** Denies orders for an instrument Floor has no definition of (code UNKNOWN_INSTRUMENT). */
export const knownInstrumentCheck: PreTradeCheck = {
  name: 'known-instrument',
  check: ({ order, instrument }) =>
    instrument === undefined
      ? deny('UNKNOWN_INSTRUMENT', `${order.instrumentId} is not an instrument this terminal trades`)
      : ALLOW,
};

/**
 * Denies limit/stop prices that are not a multiple of the instrument's tick size (code PRICE_OFF_TICK).
 * Source: Reg NMS Rule 612 (sub-penny rule): quotes and orders at or above $1.00 may not be priced in
 * increments below $0.01; venues reject them, so we refuse before sending.
 */
export const tickGridCheck: PreTradeCheck = {
  name: 'tick-grid',
  check: ({ order, instrument }) => {
    if (instrument === undefined) return ALLOW;
    for (const [label, price] of [
      ['limit price', order.limitPrice],
      ['stop price', order.stopPrice],
    ] as const) {
      if (price !== null && price % instrument.tickSize !== 0) {
        return deny(
          'PRICE_OFF_TICK',
          `${label} ${formatPrice(price)} is not on ${order.instrumentId}'s tick grid of ${formatPrice(instrument.tickSize)}`,
        );
      }
    }
    return ALLOW;
  },
};

/**
 * Enforces the TradingState (NautilusTrader semantics): HALTED denies every new order
 * (code TRADING_HALTED); REDUCING allows only orders that shrink the position without flipping it,
 * counting the other working orders on the same side (code TRADING_REDUCING).
 */
export const tradingStateCheck: PreTradeCheck = {
  name: 'trading-state',
  check: ({ order, tradingState, position, openOrders }) => {
    if (tradingState === 'HALTED') return deny('TRADING_HALTED', 'trading is halted: no new orders are accepted');
    if (tradingState === 'REDUCING') {
      const held = position?.quantity ?? 0;
      const reduces = (order.side === 'SELL' && held > 0) || (order.side === 'BUY' && held < 0);
      const alreadyWorking = openOrders
        .filter((o) => o.instrumentId === order.instrumentId && o.side === order.side)
        .reduce((sum, o) => sum + (o.quantity - o.filledQty), 0);
      if (!reduces || alreadyWorking + order.quantity > Math.abs(held)) {
        return deny(
          'TRADING_REDUCING',
          `trading is in reduce-only mode: a ${order.side} of ${order.quantity} ${order.instrumentId} would not reduce the ` +
            `position of ${held} (with ${alreadyWorking} shares already working on that side)`,
        );
      }
    }
    return ALLOW;
  },
};

/** The foundation's checks, in the order they run. */
export function defaultPreTradeChecks(): PreTradeCheck[] {
  return [knownInstrumentCheck, tickGridCheck, tradingStateCheck];
}

/** Runs `checks` in order; the first denial wins. */
export function runPreTradeChecks(checks: readonly PreTradeCheck[], context: PreTradeContext): PreTradeDecision {
  for (const check of checks) {
    const decision = check.check(context);
    if (!decision.allow) return decision;
  }
  return ALLOW;
}

/** "$585.33" style, for messages. Exact: micro-dollars to at most 6 decimals. */
function formatPrice(micros: number): string {
  const whole = Math.trunc(micros / 1_000_000);
  const fraction = (micros % 1_000_000).toString().padStart(6, '0').replace(/0{1,4}$/, '');
  return `$${whole}.${fraction.length < 2 ? fraction.padEnd(2, '0') : fraction}`;
}
