import { z } from 'zod';
import {
  ORDER_SIDES,
  ORDER_SOURCES,
  ORDER_TYPES,
  TIME_IN_FORCES,
  TRADING_MODES,
  signalSchema,
  sizingMethodSchema,
  type OrderEvent,
  type OrderEventType,
} from '../../shared';

/**
 * Encoding of order events in the `order_events` table: the common fields (event id, order id,
 * type, tsEvent, tsInit) are columns, the event-specific fields are the JSON `payload`. The JSON is
 * written once and never rewritten, so a later hash chain can hash exactly these bytes.
 */

const int = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
const positiveInt = int.refine((n) => n > 0, 'must be positive');
const reason = z.object({ code: z.string().min(1), message: z.string() }).strict();
const empty = z.object({}).strict();
const nonNegativeInt = int.refine((n) => n >= 0, 'must be >= 0');
const riskAdjustments = z
  .array(z.object({ check: z.string().min(1), fromQuantity: positiveInt, toQuantity: positiveInt, reason }).strict())
  .optional();

/** Payload schema (event-specific fields only) for each event type. */
const payloadSchemas = {
  OrderInitialized: z
    .object({
      intent: z
        .object({
          instrumentId: z.string().min(1),
          side: z.enum(ORDER_SIDES),
          // 0 only when the sizer found no trade (the order is denied at once).
          quantity: nonNegativeInt,
          orderType: z.enum(ORDER_TYPES),
          timeInForce: z.enum(TIME_IN_FORCES),
          limitPrice: positiveInt.optional(),
          stopPrice: positiveInt.optional(),
          source: z.enum(ORDER_SOURCES),
          signal: signalSchema.optional(),
        })
        .strict(),
      sizing: z
        .object({
          method: sizingMethodSchema,
          requestedQuantity: positiveInt.optional(),
          quantity: nonNegativeInt,
          explanation: z.string(),
        })
        .strict()
        .optional(),
      riskAdjustments,
      // Absent in rows journaled before trading modes existed (schema 13): those orders were paper.
      mode: z.enum(TRADING_MODES).default('PAPER'),
    })
    .strict(),
  OrderDenied: z.object({ reason, check: z.string().min(1).optional() }).strict(),
  OrderStaged: z.object({ expiresAt: nonNegativeInt.optional(), reason: reason.optional() }).strict(),
  OrderApproved: z.object({ riskAdjustments }).strict(),
  OrderSubmitted: z.object({ venue: z.string().min(1) }).strict(),
  OrderAccepted: z.object({ venueOrderId: z.string().min(1) }).strict(),
  OrderRejected: z.object({ reason }).strict(),
  OrderPendingUpdate: empty,
  OrderPendingCancel: empty,
  OrderUpdated: z
    .object({ quantity: positiveInt, limitPrice: positiveInt.optional(), stopPrice: positiveInt.optional() })
    .strict(),
  OrderFilled: z
    .object({
      venueOrderId: z.string().min(1),
      tradeId: z.string().min(1),
      lastQty: positiveInt,
      lastPx: positiveInt,
      commission: int.refine((n) => n >= 0, 'must be >= 0'),
      liquiditySide: z.enum(['MAKER', 'TAKER']),
    })
    .strict(),
  OrderCanceled: z.object({ reason: reason.optional() }).strict(),
  OrderCancelRejected: z.object({ reason }).strict(),
  OrderModifyRejected: z.object({ reason }).strict(),
  OrderExpired: empty,
} satisfies Record<OrderEventType, z.ZodType>;

/** The event types, in the vocabulary of DESIGN.md. */
export const ORDER_EVENT_TYPES = Object.keys(payloadSchemas) as OrderEventType[];

/** Splits an event into its payload JSON (event-specific fields, undefined fields dropped). */
export function encodeOrderEventPayload(event: OrderEvent): string {
  const { eventId: _eventId, clientOrderId: _clientOrderId, type: _type, tsEvent: _tsEvent, tsInit: _tsInit, ...rest } =
    event;
  return JSON.stringify(rest);
}

/** The columns of one `order_events` row. */
export interface OrderEventRow {
  readonly seq: number;
  readonly event_id: string;
  readonly client_order_id: string;
  readonly type: string;
  readonly ts_event: number;
  readonly ts_init: number;
  readonly payload: string;
}

/**
 * Rebuilds an OrderEvent from its row.
 * @returns the event, or a sentence saying what is wrong with the row.
 */
export function decodeOrderEvent(row: OrderEventRow): OrderEvent | string {
  const schema = (payloadSchemas as Record<string, z.ZodType>)[row.type];
  if (!schema) return `unknown event type ${JSON.stringify(row.type)}`;
  if (!Number.isSafeInteger(row.ts_event) || !Number.isSafeInteger(row.ts_init)) return 'ts_event/ts_init must be integers';
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return 'payload is not JSON';
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return `payload of ${row.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  }
  return {
    ...(parsed.data as object),
    eventId: row.event_id,
    clientOrderId: row.client_order_id,
    type: row.type,
    tsEvent: row.ts_event,
    tsInit: row.ts_init,
  } as OrderEvent;
}
