import {
  FixedPointError,
  orderTicketSchema,
  parseDollars,
  type InstrumentId,
  type OrderSide,
  type OrderTicket,
  type PriceMicros,
  type Shares,
} from '../../../../shared';
import { formatPrice } from '../../format';

/** Order types the ticket offers. */
export const TICKET_ORDER_TYPES = ['LIMIT', 'MARKET'] as const;
export type TicketOrderType = (typeof TICKET_ORDER_TYPES)[number];
/** Times in force the ticket offers. */
export const TICKET_TIME_IN_FORCES = ['DAY', 'GTC', 'IOC'] as const;
export type TicketTimeInForce = (typeof TICKET_TIME_IN_FORCES)[number];

/** The ticket's inputs as typed: quantity and price are raw text until validated. */
export interface TicketForm {
  readonly side: OrderSide;
  readonly quantity: string;
  readonly orderType: TicketOrderType;
  /** Dollars, e.g. "585.33"; ignored for MARKET. */
  readonly limitPrice: string;
  readonly timeInForce: TicketTimeInForce;
}

/** Fields that can carry a message; `form` is for problems not tied to one field. */
export type TicketField = 'side' | 'quantity' | 'orderType' | 'limitPrice' | 'timeInForce' | 'form';
export type TicketErrors = Partial<Record<TicketField, string>>;

/** Either a ticket ready to submit, or the reasons it is not (one message per field). */
export type TicketValidation =
  | { readonly ok: true; readonly ticket: OrderTicket }
  | { readonly ok: false; readonly errors: TicketErrors };

/** The ticket a trader sees first: buy 100 at a limit, good for the day. */
export const DEFAULT_TICKET_FORM: TicketForm = {
  side: 'BUY',
  quantity: '100',
  orderType: 'LIMIT',
  limitPrice: '',
  timeInForce: 'DAY',
};

const ONE_DOLLAR: PriceMicros = 1_000_000;

/** Parses the quantity text into whole shares, or returns a message saying what is expected. */
export function parseQuantityText(text: string): { ok: true; value: Shares } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/,/g, '');
  if (cleaned === '') return { ok: false, message: 'Enter a quantity in shares.' };
  if (!/^\d+$/.test(cleaned)) return { ok: false, message: `Quantity must be a whole number of shares, not "${text.trim()}".` };
  const value = Number(cleaned);
  if (value < 1) return { ok: false, message: 'Quantity must be at least 1 share.' };
  if (!Number.isSafeInteger(value)) return { ok: false, message: 'Quantity is too large.' };
  return { ok: true, value };
}

/**
 * Parses a limit price typed in dollars ("585.33", "$585.33") into micro-dollars, exactly (parseDollars).
 * Reg NMS Rule 612 (minimum pricing increment): orders priced at or above $1.00 may not be quoted in
 * increments below $0.01, below $1.00 not below $0.0001. Prices at or above $1 must also be a multiple
 * of the instrument's tick (`tickSize`, micro-dollars).
 */
export function parseLimitPriceText(
  text: string,
  tickSize: PriceMicros,
): { ok: true; value: PriceMicros } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (cleaned === '') return { ok: false, message: 'Enter a limit price in dollars, e.g. 585.33.' };
  let value: PriceMicros;
  try {
    value = parseDollars(cleaned);
  } catch (error) {
    if (error instanceof FixedPointError) return { ok: false, message: `Price must be in dollars like 585.33, not "${text.trim()}".` };
    throw error;
  }
  if (value <= 0) return { ok: false, message: 'Price must be above $0.00.' };
  const decimals = cleaned.includes('.') ? cleaned.length - cleaned.indexOf('.') - 1 : 0;
  const significantDecimals = cleaned.includes('.') ? cleaned.replace(/0+$/, '').length - cleaned.indexOf('.') - 1 : 0;
  if (value >= ONE_DOLLAR && significantDecimals > 2) {
    return { ok: false, message: `Prices at or above $1.00 trade in whole cents: use at most 2 decimals (got ${decimals}).` };
  }
  if (value < ONE_DOLLAR && significantDecimals > 4) {
    return { ok: false, message: `Prices below $1.00 trade in steps of $0.0001: use at most 4 decimals (got ${decimals}).` };
  }
  if (value >= ONE_DOLLAR && tickSize > 0 && value % tickSize !== 0) {
    return { ok: false, message: `Price must be a multiple of the tick, $${formatPrice(tickSize)}.` };
  }
  return { ok: true, value };
}

const FIELD_OF_PATH: Record<string, TicketField> = {
  side: 'side',
  quantity: 'quantity',
  orderType: 'orderType',
  limitPrice: 'limitPrice',
  timeInForce: 'timeInForce',
};

/** Maps issues with dot-joined paths (zod's or the host's BAD_REQUEST issues) onto ticket fields. */
export function issuesToTicketErrors(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): TicketErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path.split('.')[0] ?? ''] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors as TicketErrors;
}

/**
 * Validates the ticket for `instrumentId` (tick `tickSize`, micro-dollars): the field rules above, then
 * the shared orderTicketSchema as the final word (the same schema the host enforces).
 */
export function validateTicketForm(form: TicketForm, instrumentId: InstrumentId, tickSize: PriceMicros): TicketValidation {
  const errors: TicketErrors = {};
  const quantity = parseQuantityText(form.quantity);
  if (!quantity.ok) errors.quantity = quantity.message;
  let limitPrice: PriceMicros | undefined;
  if (form.orderType === 'LIMIT') {
    const price = parseLimitPriceText(form.limitPrice, tickSize);
    if (price.ok) limitPrice = price.value;
    else errors.limitPrice = price.message;
  }
  if (form.orderType === 'MARKET' && form.timeInForce === 'GTC') {
    errors.timeInForce = 'A market order cannot be good-till-canceled: use DAY or IOC.';
  }
  if (Object.keys(errors).length > 0 || !quantity.ok) return { ok: false, errors };

  const candidate = {
    instrumentId,
    side: form.side,
    quantity: quantity.value,
    orderType: form.orderType,
    timeInForce: form.timeInForce,
    ...(limitPrice !== undefined ? { limitPrice } : {}),
  };
  const parsed = orderTicketSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      errors: issuesToTicketErrors(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))),
    };
  }
  return { ok: true, ticket: parsed.data };
}

/**
 * A limit price at the mid of the touch, on the tick grid, rounded away from crossing: down for a buy,
 * up for a sell, so "mid" never pays more than the mid. Null unless both sides are known.
 */
export function midPriceForSide(
  bestBid: PriceMicros | null,
  bestAsk: PriceMicros | null,
  tickSize: PriceMicros,
  side: OrderSide,
): PriceMicros | null {
  if (bestBid === null || bestAsk === null) return null;
  const sum = bestBid + bestAsk;
  const tick = tickSize > 0 ? tickSize : 1;
  // Work in half-ticks of the sum so the mid's rounding stays exact integer arithmetic.
  const lowerTicks = Math.floor(sum / (2 * tick));
  const exact = sum % (2 * tick) === 0;
  return (side === 'BUY' || exact ? lowerTicks : lowerTicks + 1) * tick;
}
