import type { ClientOrderId, OrderStatus } from '../../../shared';

/** Approve / reject was asked for an order that is not waiting for approval. RPC code CONFLICT. */
export class OrderNotStagedError extends Error {
  override readonly name = 'OrderNotStagedError';
  readonly code = 'CONFLICT';
  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly status: OrderStatus,
  ) {
    super(`order ${clientOrderId} is ${status}, not STAGED: there is nothing to approve or reject`);
  }
}
