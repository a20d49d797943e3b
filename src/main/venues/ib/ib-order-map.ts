import type { ClientOrderId, UnixMicros } from '../../../shared';

/** How one of our orders is known at IB: the (gateway, clientId, orderId) it was placed with, and its permId. */
export interface IbOrderMapping {
  readonly clientOrderId: ClientOrderId;
  /** "host:port" of the gateway it was placed through. */
  readonly gateway: string;
  readonly clientId: number;
  readonly orderId: number;
  /** IB's permanent order id, null until the gateway reports it. */
  readonly permId: number | null;
  /** Unix µs. */
  readonly createdAt: UnixMicros;
}

/**
 * Where IbVenue persists the mapping (the ledger's IbOrderRepository, table ib_orders, satisfies
 * it). Written before placeOrder is sent, so a crash between the two still knows which id was used.
 */
export interface IbOrderMap {
  /** @throws when the order or its (gateway, clientId, orderId) is mapped already. */
  insert(mapping: IbOrderMapping): void;
  /** @returns true when stored now; @throws when another permId is stored. */
  setPermId(clientOrderId: ClientOrderId, permId: number): boolean;
  byOrderRef(clientOrderId: ClientOrderId): IbOrderMapping | undefined;
  /** Highest order id `clientId` ever used on any gateway. */
  maxOrderId(clientId: number): number | undefined;
}
