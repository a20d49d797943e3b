import type { ClientOrderId, OrderStatus, TradingMode } from '../../shared';

/**
 * Errors of the engine's public API. `code` is the RPC error code the host should answer with.
 */

/** The order ticket failed validation; `issues` lists each field and what was expected. */
export class InvalidOrderTicketError extends Error {
  override readonly name = 'InvalidOrderTicketError';
  readonly code = 'BAD_REQUEST';
  constructor(readonly issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`invalid order ticket: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }
}

/** No order has this ClientOrderId. */
export class UnknownOrderError extends Error {
  override readonly name = 'UnknownOrderError';
  readonly code = 'NOT_FOUND';
  constructor(readonly clientOrderId: ClientOrderId) {
    super(`no order has client order id ${JSON.stringify(clientOrderId)}`);
  }
}

/** The order is finished (filled, canceled, rejected, denied or expired) and cannot be canceled. */
export class OrderNotCancelableError extends Error {
  override readonly name = 'OrderNotCancelableError';
  readonly code = 'CONFLICT';
  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly status: OrderStatus,
  ) {
    super(`order ${clientOrderId} is ${status} and can no longer be canceled`);
  }
}

/**
 * The order belongs to the other trading mode: a paper order is never approved or modified while
 * Floor is live (it would go to the live account), nor a live one in paper. Cancels stay open.
 */
export class OrderModeMismatchError extends Error {
  override readonly name = 'OrderModeMismatchError';
  readonly code = 'CONFLICT';
  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly orderMode: TradingMode,
    readonly terminalMode: TradingMode,
  ) {
    super(
      `order ${clientOrderId} is a ${orderMode.toLowerCase()} order and Floor is ${terminalMode.toLowerCase()} now: ` +
        `it is only approved or modified in ${orderMode.toLowerCase()} mode (cancel it, or switch back to ${orderMode.toLowerCase()})`,
    );
  }
}
