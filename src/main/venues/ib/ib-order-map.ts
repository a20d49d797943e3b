import type { ClientOrderId, UnixMicros } from '../../../shared';

/** How one of our orders is known at IB (table ib_orders, migration 0010): the (gateway, clientId, orderId) it was placed with, and its permId. */
export interface IbOrderMapping {
  /** Our ClientOrderId, also sent to IB as the order's orderRef. */
  readonly clientOrderId: ClientOrderId;
  /** The gateway the order was placed through: `host:port`, an IPv6 host in brackets (`[::1]:4002`). */
  readonly gateway: string;
  /** The API client id of the session that placed it (0..2^31 − 1). */
  readonly clientId: number;
  /** The IB order id it was placed with (0..2^31 − 1). */
  readonly orderId: number;
  /** IB's permanent order id, or null until the gateway reports it. */
  readonly permId: number | null;
  /** When it was placed, Unix epoch µs. */
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
