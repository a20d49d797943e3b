import { ORDER_SOURCES, orderTicketSchema, type ClientOrderId, type OrderSource, type OrderTicket, type TradingMode, type UnixMicros } from '../../../shared';
import { InvalidOrderTicketError } from '../errors';
import type { NewOrder } from '../order-state';

/**
 * The new order a ticket describes, before sizing: its fields as given (quantity 0 when the sizer
 * decides), the source, the trade idea, the sizing method (FIXED when the ticket names none) and the
 * trading mode it is created in.
 * @param now Floor's clock, Unix µs (the order's createdAt).
 * @throws InvalidOrderTicketError when the ticket or the source is malformed, naming each field.
 */
export function newOrderFromTicket(ticket: OrderTicket, source: OrderSource, mode: TradingMode, clientOrderId: () => ClientOrderId, now: UnixMicros): NewOrder {
  const parsed = orderTicketSchema.safeParse(ticket);
  if (!parsed.success) throw new InvalidOrderTicketError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  if (!(ORDER_SOURCES as readonly string[]).includes(source)) throw new InvalidOrderTicketError([{ path: 'source', message: `must be one of ${ORDER_SOURCES.join(', ')}` }]);
  const t = parsed.data;
  return {
    clientOrderId: clientOrderId(),
    instrumentId: t.instrumentId,
    side: t.side,
    orderType: t.orderType,
    timeInForce: t.timeInForce,
    quantity: t.quantity ?? 0,
    limitPrice: t.limitPrice ?? null,
    stopPrice: t.stopPrice ?? null,
    source,
    signal: t.signal ?? null,
    sizing: t.sizing ?? 'FIXED',
    createdAt: now,
    mode,
  };
}
