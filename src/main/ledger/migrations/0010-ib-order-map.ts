import type { Migration } from './migration';

const INT32_MAX = 2_147_483_647;

/**
 * Schema version 10: `ib_orders`, the mapping between an order of ours and the ids Interactive
 * Brokers knows it by (issue 4: "the (clientId, orderId, orderRef, permId) mapping persisted").
 *
 * - `client_order_id`: our ClientOrderId, also sent to IB as the order's `orderRef` (echoed in
 *   openOrder and execDetails). One IB order per order of ours.
 * - `gateway`: the `host:port` the order was placed through (IPv6 hosts in brackets).
 * - `client_id`, `order_id`: the API client id of the session and the order id it used (IB ids are
 *   32-bit signed integers).
 * - `perm_id`: IB's permanent order id, stable across sessions; NULL until the gateway reports it
 *   (openOrder / orderStatus), then immutable.
 * - `created_at`: when the order was placed, Unix epoch µs.
 *
 * Why the unique key is (client_id, order_id, gateway): IB's order ids are per client id per account,
 * and after a failover to a standby gateway the same account is reached through another host:port,
 * whose sessions start their own ids, so one (client_id, order_id) can name two different orders on
 * two gateways. Leading with client_id also lets `max(order_id) WHERE client_id = ?` (the highest id
 * ever used by a client id, which seeds the order id sequence so a gateway restart that rolls
 * nextValidId back never reuses an id) read one index entry. `perm_id` gets its own index because
 * reconciliation after a reconnect matches the gateway's open orders and executions by permId; it
 * is not UNIQUE because IB assigns permIds per account system, and one ledger may see a paper and a
 * live account in its life.
 *
 * A mapping is evidence of which IB order carried which of ours, so rows are never deleted and only
 * `perm_id` may change, once, from NULL (triggers).
 */
export const migration0010: Migration = {
  version: 10,
  description: 'ib_orders: ClientOrderId (orderRef) -> IB gateway, clientId, orderId and permId',
  up: `
CREATE TABLE ib_orders (
  client_order_id TEXT PRIMARY KEY REFERENCES orders (client_order_id),
  gateway         TEXT NOT NULL CHECK (length(gateway) BETWEEN 3 AND 300),
  client_id       INTEGER NOT NULL CHECK (client_id BETWEEN 0 AND ${INT32_MAX}),
  order_id        INTEGER NOT NULL CHECK (order_id BETWEEN 0 AND ${INT32_MAX}),
  perm_id         INTEGER CHECK (perm_id IS NULL OR perm_id > 0),
  created_at      INTEGER NOT NULL CHECK (created_at >= 0),
  UNIQUE (client_id, order_id, gateway)
) STRICT;

CREATE INDEX ib_orders_by_perm_id ON ib_orders (perm_id);

CREATE TRIGGER ib_orders_perm_id_once BEFORE UPDATE ON ib_orders
WHEN OLD.client_order_id IS NOT NEW.client_order_id OR OLD.gateway IS NOT NEW.gateway OR OLD.client_id IS NOT NEW.client_id
  OR OLD.order_id IS NOT NEW.order_id OR OLD.created_at IS NOT NEW.created_at
  OR (OLD.perm_id IS NOT NULL AND NEW.perm_id IS NOT OLD.perm_id)
BEGIN
  SELECT RAISE(ABORT, 'ib_orders: only setting perm_id once, from NULL, is allowed');
END;

CREATE TRIGGER ib_orders_no_delete BEFORE DELETE ON ib_orders
BEGIN
  SELECT RAISE(ABORT, 'ib_orders: mappings are never deleted');
END;
`,
};
