import { z } from 'zod';
import {
  ORDER_SIDES,
  ORDER_SOURCES,
  ORDER_STATUSES,
  ORDER_TYPES,
  TIME_IN_FORCES,
  TRADING_MODES,
  TRADING_STATES,
} from '../domain/orders';
import { signalSchema, sizingMethodSchema } from '../risk/signal';
import { gatewayStatusSchema } from '../venues/gateway-status';
import { keyStoreKindSchema } from '../security';

/**
 * zod schemas for the domain shapes that cross the host <-> renderer boundary.
 * Units as in src/shared/money.ts: prices and money are integer micro-dollars, quantities whole shares,
 * times Unix microseconds unless a field says otherwise.
 */

const MAX_SHARES = 10_000_000;
/** $1,000,000 per share in micro-dollars: far above any listed US equity, still exact. */
const MAX_PRICE_MICROS = 1_000_000 * 1_000_000;

export const sharesSchema = z
  .number({ error: 'quantity must be a number of shares' })
  .int('quantity must be a whole number of shares')
  .positive('quantity must be at least 1 share')
  .max(MAX_SHARES, `quantity must be at most ${MAX_SHARES.toLocaleString('en-US')} shares`);

export const priceMicrosSchema = z
  .number({ error: 'price must be a number of micro-dollars' })
  .int('price must be an integer number of micro-dollars')
  .positive('price must be above $0')
  .max(MAX_PRICE_MICROS, 'price must be at most $1,000,000');

export const moneyMicrosSchema = z.number().int().refine(Number.isSafeInteger, 'amount out of range');
export const unixMicrosSchema = z.number().int().nonnegative();
export const instrumentIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9.]{0,11}$/, 'instrument must be a ticker like GOOG (capital letters, digits, dot)');
export const clientOrderIdSchema = z.string().min(1).max(64);

export const orderSideSchema = z.enum(ORDER_SIDES);
export const orderTypeSchema = z.enum(ORDER_TYPES);
export const timeInForceSchema = z.enum(TIME_IN_FORCES);
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export const orderSourceSchema = z.enum(ORDER_SOURCES);
export const tradingStateSchema = z.enum(TRADING_STATES);
export const tradingModeSchema = z.enum(TRADING_MODES);

/**
 * An order ticket: the trader's (or a strategy's) intent. LIMIT and STOP_LIMIT need a limit price;
 * STOP_MARKET and STOP_LIMIT need a stop price; MARKET takes neither. `sizing` (default FIXED) says
 * how the quantity is found: FIXED needs `quantity`; RISK needs `signal.stop` (entry = signal.entry,
 * else the limit price, else the mid); KELLY needs `signal.winProbability` and `signal.payoffRatio`.
 * RISK and KELLY take no quantity: the risk profile decides it.
 */
export const orderTicketSchema = z
  .object({
    instrumentId: instrumentIdSchema,
    side: orderSideSchema,
    quantity: sharesSchema.optional(),
    orderType: orderTypeSchema,
    timeInForce: timeInForceSchema,
    limitPrice: priceMicrosSchema.optional(),
    stopPrice: priceMicrosSchema.optional(),
    sizing: sizingMethodSchema.optional(),
    signal: signalSchema.optional(),
  })
  .strict()
  .superRefine((ticket, ctx) => {
    const needsLimit = ticket.orderType === 'LIMIT' || ticket.orderType === 'STOP_LIMIT';
    const needsStop = ticket.orderType === 'STOP_MARKET' || ticket.orderType === 'STOP_LIMIT';
    if (needsLimit && ticket.limitPrice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: `a ${ticket.orderType} order needs a limit price` });
    }
    if (!needsLimit && ticket.limitPrice !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: `a ${ticket.orderType} order takes no limit price` });
    }
    if (needsStop && ticket.stopPrice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: `a ${ticket.orderType} order needs a stop price` });
    }
    if (!needsStop && ticket.stopPrice !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: `a ${ticket.orderType} order takes no stop price` });
    }
    const sizing = ticket.sizing ?? 'FIXED';
    if (sizing === 'FIXED' && ticket.quantity === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'quantity is required (or choose RISK or KELLY sizing)' });
    }
    if (sizing !== 'FIXED' && ticket.quantity !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: `${sizing} sizing decides the quantity: leave it out` });
    }
    if (sizing === 'RISK' && ticket.signal?.stop === undefined) {
      ctx.addIssue({ code: 'custom', path: ['signal', 'stop'], message: 'risk-based sizing needs a stop price in the signal' });
    }
    if (sizing === 'KELLY' && (ticket.signal?.winProbability === undefined || ticket.signal.payoffRatio === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['signal'], message: 'Kelly sizing needs the signal\'s win probability and payoff ratio' });
    }
  });
export type OrderTicket = z.infer<typeof orderTicketSchema>;

export const orderReasonSchema = z.object({ code: z.string(), message: z.string() });

/** One order (src/shared/domain/orders.ts Order), as the host sends it. */
export const orderSchema = z.object({
  clientOrderId: clientOrderIdSchema,
  venueOrderId: z.string().nullable(),
  /** Venue the order was handed to ("PAPER", "IB"), null before submission. */
  venue: z.string().nullable(),
  /** The trading mode the order belongs to (paper and live are never shown in one total). */
  mode: tradingModeSchema,
  instrumentId: instrumentIdSchema,
  side: orderSideSchema,
  orderType: orderTypeSchema,
  timeInForce: timeInForceSchema,
  quantity: z.number().int(),
  limitPrice: z.number().int().nullable(),
  stopPrice: z.number().int().nullable(),
  source: orderSourceSchema,
  status: orderStatusSchema,
  /** While PENDING_UPDATE / PENDING_CANCEL: the status it returns to if the request is refused. */
  statusBeforePending: orderStatusSchema.nullable(),
  filledQty: z.number().int(),
  /** Exact sum of fill quantity x price, micro-dollars. */
  fillNotional: moneyMicrosSchema,
  avgFillPrice: z.number().int().nullable(),
  commission: moneyMicrosSchema,
  reason: orderReasonSchema.nullable(),
  /** How the quantity was found (FIXED, RISK, KELLY). */
  sizing: sizingMethodSchema,
  /** The trade idea behind the order, or null. */
  signal: signalSchema.nullable(),
  /** For an order that was STAGED: when it expires unless approved (Unix µs); otherwise null. */
  expiresAt: unixMicrosSchema.nullable(),
  createdAt: unixMicrosSchema,
  updatedAt: unixMicrosSchema,
});

export const fillViewSchema = z.object({
  tradeId: z.string(),
  clientOrderId: clientOrderIdSchema,
  instrumentId: instrumentIdSchema,
  side: orderSideSchema,
  quantity: z.number().int(),
  price: z.number().int(),
  commission: moneyMicrosSchema,
  liquiditySide: z.enum(['MAKER', 'TAKER']),
  tsEvent: unixMicrosSchema,
});

export const positionViewSchema = z.object({
  instrumentId: instrumentIdSchema,
  quantity: z.number().int(),
  avgPrice: z.number().int().nullable(),
  markPrice: z.number().int().nullable(),
  realizedPnl: moneyMicrosSchema,
  unrealizedPnl: moneyMicrosSchema,
  commissions: moneyMicrosSchema,
  updatedAt: unixMicrosSchema,
});

export const accountViewSchema = z.object({
  startingCash: moneyMicrosSchema,
  cash: moneyMicrosSchema,
  equity: moneyMicrosSchema,
  realizedPnl: moneyMicrosSchema,
  unrealizedPnl: moneyMicrosSchema,
  grossExposure: moneyMicrosSchema,
});

const bookLevelSchema = z.object({ price: z.number().int(), size: z.number().int() });

export const bookSnapshotSchema = z.object({
  instrumentId: instrumentIdSchema,
  tsEvent: unixMicrosSchema,
  bids: z.array(bookLevelSchema).readonly(),
  asks: z.array(bookLevelSchema).readonly(),
});

export const tradeTickSchema = z.object({
  instrumentId: instrumentIdSchema,
  tsEvent: unixMicrosSchema,
  price: z.number().int(),
  size: z.number().int(),
  aggressorSide: orderSideSchema,
  hidden: z.boolean(),
});

export const marketSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('LOBSTER'), file: z.string(), sessionDate: z.string() }),
  z.object({ kind: z.literal('SYNTHETIC'), model: z.literal('Cont-Stoikov-Talreja 2010'), seed: z.number().int() }),
  z.object({
    kind: z.literal('IB'),
    gateway: z.string().nullable(),
    depthRows: z.number().int().min(1).max(50),
    state: z.enum(['WAITING', 'LIVE', 'STALE', 'HALTED', 'REFUSED', 'DISCONNECTED']),
    reason: z.string().nullable(),
  }),
]);

export const replayStatusSchema = z.object({
  source: marketSourceSchema,
  instrumentId: instrumentIdSchema,
  paused: z.boolean(),
  speed: z.number().positive(),
  marketTime: z.number().int(),
  sessionStart: z.number().int(),
  sessionEnd: z.number().int(),
  finished: z.boolean(),
  state: z.enum(['PLAYING', 'PAUSED', 'ENDED', 'FAILED']),
  failure: z
    .object({ file: z.string().nullable(), line: z.number().int().positive().nullable(), reason: z.string(), marketTime: z.number().int() })
    .nullable(),
  marketHalt: z.enum(['HALTED', 'QUOTING']).nullable(),
});

export const instrumentSchema = z.object({
  instrumentId: instrumentIdSchema,
  venue: z.string(),
  tickSize: z.number().int().positive(),
  currency: z.literal('USD'),
});

export const badTickSummarySchema = z.object({
  bandBps: z.number().int().positive(),
  excluded: z.number().int().nonnegative(),
  last: z
    .object({
      price: z.number().int(),
      size: z.number().int(),
      tsEvent: z.number().int(),
      hidden: z.boolean(),
      bid: z.number().int().nullable(),
      ask: z.number().int().nullable(),
      low: z.number().int(),
      high: z.number().int(),
    })
    .nullable(),
});

export const terminalStatusSchema = z.object({
  /** PAPER or LIVE; always PAPER after a start. */
  mode: tradingModeSchema,
  /** While LIVE: the IB live account Floor trades (the one the trader typed at the switch); null in paper. */
  liveAccount: z.string().nullable(),
  /** What the trader must know about the mode, e.g. that a restart came back in paper after a live run; null when nothing. */
  modeNotice: z.string().nullable(),
  /**
   * Orders of the other mode still working at a venue or staged (live orders left working at IB
   * after going back to paper): counted, never listed or summed with this mode's.
   */
  otherModeOrders: z.number().int().nonnegative(),
  connection: z.enum(['CONNECTED', 'CONNECTING', 'DISCONNECTED']),
  tradingState: tradingStateSchema,
  venue: z.string(),
  replay: replayStatusSchema,
  /** The IB gateway connection in detail; null on the simulated exchange. */
  gateway: gatewayStatusSchema.nullable(),
  /** Where the terminal's signing key lives: the OS keychain, or the key file of a machine without one. */
  keyStore: keyStoreKindSchema,
  /** Prints the bad-tick guard kept out of the breaker, tape, chart and marks since the market last jumped. */
  badTicks: badTickSummarySchema,
});
export type TerminalStatus = z.infer<typeof terminalStatusSchema>;

/** Severity of an alert: CRITICAL alerts (breaker, kill switch, security) demand the trader's attention. */
export const ALERT_SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;

/**
 * Something the trader must see: a circuit-breaker trip, a daily-loss breach, the kill switch, a
 * resume. `details` carries the figures behind it (prices micro-dollars, durations µs, counts).
 */
export const alertSchema = z.object({
  alertId: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  /** Machine-readable code, e.g. BREAKER_TRIPPED, DAILY_LOSS_BREACH, KILL_SWITCH, TRADING_RESUMED. */
  code: z.string(),
  message: z.string(),
  instrumentId: instrumentIdSchema.nullable(),
  tsEvent: unixMicrosSchema,
  details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
export type Alert = z.infer<typeof alertSchema>;
