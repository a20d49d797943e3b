import type {
  AccountView,
  Instrument,
  OrderReason,
  OrderView,
  PositionView,
  TradingState,
} from '../../shared';
import type { WorkingOrdersView } from './risk/working-orders';

/**
 * The seam between the execution engine and its structural pre-trade checks. The engine runs them
 * in order on every new order (after sizing, before the RiskEngine) and again when a staged order is
 * approved; the first denial wins and becomes OrderDenied with the check's structured reason and name.
 */
export interface PreTradeContext {
  /** The order as initialized (status INITIALIZED), prices micro-dollars, quantity shares. */
  readonly order: OrderView;
  /** The instrument, or undefined when the instrument id is unknown to Floor. */
  readonly instrument: Instrument | undefined;
  readonly tradingState: TradingState;
  /** Current position in the order's instrument, undefined when never traded. */
  readonly position: PositionView | undefined;
  /** Totals of the other orders still working at the venue (any instrument). */
  readonly working: WorkingOrdersView;
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
 * The structural checks, in the order they run. They decide whether the order can exist at all
 * (a known instrument, prices on its tick grid); every rule about the trader's risk (TradingState,
 * limits, loss, rate ...) is a RiskCheck of the RiskEngine, which runs after them.
 */
export function defaultPreTradeChecks(): PreTradeCheck[] {
  return [knownInstrumentCheck, tickGridCheck];
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
