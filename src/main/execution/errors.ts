import type { ClientOrderId, OrderStatus } from '../../shared';

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
