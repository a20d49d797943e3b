import { formatPrice, FixedPointError, orderTicketSchema, parseDollars, type InstrumentId, type OrderSide, type OrderTicket, type PriceMicros, type Shares, type Signal, type SizingMethod, type TradingMode } from '../../../../shared';
import { kellyEdge, formatKellyFraction, parsePayoffText, parseScoreText, parseWinProbabilityText, stopSideProblem } from './ticket-sizing';

/** Order types the ticket offers. */
export const TICKET_ORDER_TYPES = ['LIMIT', 'MARKET'] as const;
export type TicketOrderType = (typeof TICKET_ORDER_TYPES)[number];
/** Times in force the ticket offers. */
export const TICKET_TIME_IN_FORCES = ['DAY', 'GTC', 'IOC'] as const;
export type TicketTimeInForce = (typeof TICKET_TIME_IN_FORCES)[number];

/** The ticket's inputs as typed: quantity, prices and signal numbers are raw text until validated. */
export interface TicketForm {
  readonly side: OrderSide;
  /** How the quantity is found: FIXED uses `quantity`; RISK and KELLY leave it to the risk profile. */
  readonly sizing: SizingMethod;
  /** Shares; used with FIXED sizing only. */
  readonly quantity: string;
  readonly orderType: TicketOrderType;
  /** Dollars, e.g. "585.33"; ignored for MARKET. */
  readonly limitPrice: string;
  readonly timeInForce: TicketTimeInForce;
  /** The idea's stop in dollars (the signal's stop, for sizing and the max-risk check; no stop order is sent). Required for RISK, optional for KELLY. */
  readonly signalStop: string;
  /** Win probability in percent, e.g. "55"; KELLY only. */
  readonly winProbability: string;
  /** Payoff ratio (average win / average loss), e.g. "1.5"; KELLY only. */
  readonly payoffRatio: string;
  /** Optional signal score: orders the approval queue (higher first). */
  readonly score: string;
}

/** Fields that can carry a message; `form` is for problems not tied to one field. */
export type TicketField =
  | 'side'
  | 'sizing'
  | 'quantity'
  | 'orderType'
  | 'limitPrice'
  | 'timeInForce'
  | 'signalStop'
  | 'winProbability'
  | 'payoffRatio'
  | 'score'
  | 'form';
export type TicketErrors = Partial<Record<TicketField, string>>;

/** Either a ticket ready to submit, or the reasons it is not (one message per field). */
export type TicketValidation =
  | { readonly ok: true; readonly ticket: OrderTicket }
  | { readonly ok: false; readonly errors: TicketErrors };

/** The ticket a trader sees first: buy 100 at a limit, good for the day. */
export const DEFAULT_TICKET_FORM: TicketForm = {
  side: 'BUY',
  sizing: 'FIXED',
  quantity: '100',
  orderType: 'LIMIT',
  limitPrice: '',
  timeInForce: 'DAY',
  signalStop: '',
  winProbability: '',
  payoffRatio: '',
  score: '',
};

/** Every field a submit attempt reveals messages for. */
export const TICKET_FIELDS: readonly TicketField[] = [
  'side',
  'sizing',
  'quantity',
  'orderType',
  'limitPrice',
  'timeInForce',
  'signalStop',
  'winProbability',
  'payoffRatio',
  'score',
];

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
  sizing: 'sizing',
  quantity: 'quantity',
  orderType: 'orderType',
  limitPrice: 'limitPrice',
  timeInForce: 'timeInForce',
  'signal.stop': 'signalStop',
  'signal.winProbability': 'winProbability',
  'signal.payoffRatio': 'payoffRatio',
  'signal.score': 'score',
};

/**
 * Maps issues with dot-joined paths (zod's or the host's BAD_REQUEST issues) onto ticket fields: the
 * whole path first ("signal.stop"), then its first segment ("quantity.x"); anything else to `form`.
 */
export function issuesToTicketErrors(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): TicketErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path] ?? FIELD_OF_PATH[issue.path.split('.')[0] ?? ''] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors as TicketErrors;
}

/** Parses the sizing stop typed in dollars with the same price rules as the limit price. */
export function parseStopText(text: string, tickSize: PriceMicros): { ok: true; value: PriceMicros } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'Enter the stop in dollars, e.g. 580.00: the price at which the idea is wrong.' };
  return parseLimitPriceText(text, tickSize);
}

/** The signal numbers of a valid form, or the per-field messages (only the fields its sizing uses). */
function validateSignal(form: TicketForm, tickSize: PriceMicros, entry: PriceMicros | undefined): { signal: Signal; errors: TicketErrors } {
  const errors: TicketErrors = {};
  const signal: { stop?: PriceMicros; winProbability?: number; payoffRatio?: number; score?: number } = {};
  const stopTyped = form.signalStop.trim() !== '';
  if (form.sizing === 'RISK' || (form.sizing === 'KELLY' && stopTyped)) {
    const stop = parseStopText(form.signalStop, tickSize);
    if (!stop.ok) errors.signalStop = stop.message;
    else {
      const problem = entry === undefined ? null : stopSideProblem(form.side, entry, stop.value);
      if (problem) errors.signalStop = problem;
      else signal.stop = stop.value;
    }
  }
  if (form.sizing === 'KELLY') {
    const p = parseWinProbabilityText(form.winProbability);
    const b = parsePayoffText(form.payoffRatio);
    if (!p.ok) errors.winProbability = p.message;
    if (!b.ok) errors.payoffRatio = b.message;
    if (p.ok && b.ok) {
      const edge = kellyEdge(p.ratio, b.ratio);
      if (!edge.positive) {
        errors.payoffRatio = `No edge: Kelly f* = p - (1 - p) / b = ${formatKellyFraction(edge.fraction)} at these odds, so Kelly sizing takes no trade.`;
      } else {
        signal.winProbability = p.value;
        signal.payoffRatio = b.value;
      }
    }
  }
  const score = parseScoreText(form.score);
  if (!score.ok) errors.score = score.message;
  else if (score.value !== undefined) signal.score = score.value;
  return { signal, errors };
}

/**
 * Validates the ticket for `instrumentId` (tick `tickSize`, micro-dollars): the field rules above, the
 * sizing inputs (FIXED: quantity; RISK: a stop on the losing side of the limit price; KELLY: win
 * probability and payoff with a positive Kelly edge, optional stop; any: optional score), then the
 * shared orderTicketSchema as the final word (the same schema the host enforces). A FIXED ticket
 * carries no `sizing` (the contract's default); RISK and KELLY tickets carry no quantity.
 */
export function validateTicketForm(form: TicketForm, instrumentId: InstrumentId, tickSize: PriceMicros): TicketValidation {
  const errors: TicketErrors = {};
  let quantity: Shares | undefined;
  if (form.sizing === 'FIXED') {
    const parsed = parseQuantityText(form.quantity);
    if (parsed.ok) quantity = parsed.value;
    else errors.quantity = parsed.message;
  }
  let limitPrice: PriceMicros | undefined;
  if (form.orderType === 'LIMIT') {
    const price = parseLimitPriceText(form.limitPrice, tickSize);
    if (price.ok) limitPrice = price.value;
    else errors.limitPrice = price.message;
  }
  if (form.orderType === 'MARKET' && form.timeInForce === 'GTC') {
    errors.timeInForce = 'A market order cannot be good-till-canceled: use DAY or IOC.';
  }
  const signal = validateSignal(form, tickSize, limitPrice);
  Object.assign(errors, signal.errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const candidate = {
    instrumentId,
    side: form.side,
    ...(quantity !== undefined ? { quantity } : {}),
    orderType: form.orderType,
    timeInForce: form.timeInForce,
    ...(limitPrice !== undefined ? { limitPrice } : {}),
    ...(form.sizing !== 'FIXED' ? { sizing: form.sizing } : {}),
    ...(Object.keys(signal.signal).length > 0 ? { signal: signal.signal } : {}),
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

/**
 * What the ticket's send button reads: "Buy 100 GOOG @ 585.33" in paper; in live the side in
 * capitals and LIVE after the instrument, "BUY 100 GOOG LIVE @ 585.33", so a live order is never
 * mistaken for a paper one (issue 9). A sized order names no quantity ("Buy GOOG ... · risk-sized").
 */
export function ticketButtonLabel(form: Pick<TicketForm, 'side' | 'sizing' | 'quantity' | 'orderType' | 'limitPrice'>, instrumentId: string, mode: TradingMode): string {
  const live = mode === 'LIVE';
  const side = live ? form.side : form.side === 'BUY' ? 'Buy' : 'Sell';
  const quantity = form.sizing === 'FIXED' ? `${form.quantity.trim() || '?'} ` : '';
  const price = form.orderType === 'LIMIT' ? `@ ${form.limitPrice.trim() || '?'}` : 'at market';
  const sizedBy = form.sizing === 'RISK' ? ' · risk-sized' : form.sizing === 'KELLY' ? ' · Kelly-sized' : '';
  return `${side} ${quantity}${instrumentId}${live ? ' LIVE' : ''} ${price}${sizedBy}`;
}
