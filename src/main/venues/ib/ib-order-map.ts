import type { ClientOrderId } from '../../../shared';
import type { IbOrderMapping } from '../../ledger';

export type { IbOrderMapping };

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
