import type { Migration } from './migration';

/**
 * Schema version 1: the foundation ledger.
 *
 * Units: prices and money are INTEGER micro-dollars (1e-6 USD), quantities INTEGER whole shares,
 * timestamps INTEGER Unix epoch microseconds. Enumerations are TEXT with CHECK constraints listing
 * the vocabulary of DESIGN.md so a bad write fails at the database, not later at read time.
 *
 * - `account`: exactly one row (id = 1). Cash is stored, not re-derived, and is updated in the same
 *   transaction as the fill that moves it. Starting cash defaults to $100,000.
 * - `orders`: one row per ClientOrderId holding the current state (the Order columns plus what
 *   the state machine needs to continue after a restart: the status to return to from a pending
 *   request, the exact fill notional behind the average price, and the venue the order went to).
 * - `order_events`: append-only journal, one row per order event, in the global order `seq`.
 *   Columns are the fields common to every event; `payload` holds the event-specific fields as JSON
 *   text, stored byte-for-byte as written. Designed for the signed hash chain of a later migration:
 *   that migration adds nullable `prev_hash`, `hash` and `signature` columns with ALTER TABLE ADD
 *   COLUMN (no table rewrite) and chains rows in `seq` order over exactly these immutable columns.
 *   AUTOINCREMENT guarantees a seq is never reused. Triggers forbid UPDATE and DELETE; the hash
 *   chain migration replaces the UPDATE trigger with one that only allows filling NULL hash columns.
 * - `fills`: one row per venue execution, keyed by TradeId so a repeated execution report cannot be
 *   counted twice; `event_seq` links it to its OrderFilled event.
 * - `positions`: one row per instrument: signed quantity (> 0 long, < 0 short), signed cost basis
 *   (the exact micro-dollars paid for the open quantity, negative for shorts), realized P&L net of
 *   commissions, and commissions paid.
 * - `settings`: key -> JSON value.
 */
export const migration0001: Migration = {
  version: 1,
  description: 'initial ledger: account, orders, order_events, fills, positions, settings',
  up: `
CREATE TABLE account (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  starting_cash INTEGER NOT NULL CHECK (starting_cash >= 0),
  cash          INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL CHECK (updated_at >= 0)
) STRICT;

INSERT INTO account (id, starting_cash, cash, updated_at) VALUES (1, 100000000000, 100000000000, 0);

CREATE TABLE orders (
  client_order_id       TEXT PRIMARY KEY CHECK (length(client_order_id) BETWEEN 1 AND 64),
  venue_order_id        TEXT,
  venue                 TEXT,
  instrument_id         TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 12),
  side                  TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  order_type            TEXT NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT', 'TRAILING_STOP_MARKET')),
  time_in_force         TEXT NOT NULL CHECK (time_in_force IN ('DAY', 'GTC', 'IOC', 'FOK')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  limit_price           INTEGER CHECK (limit_price IS NULL OR limit_price > 0),
  stop_price            INTEGER CHECK (stop_price IS NULL OR stop_price > 0),
  source                TEXT NOT NULL CHECK (source IN ('TICKET', 'HOTKEY', 'API', 'ALGO')),
  status                TEXT NOT NULL CHECK (status IN ('INITIALIZED', 'DENIED', 'STAGED', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_UPDATE', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED')),
  status_before_pending TEXT CHECK (status_before_pending IS NULL OR status_before_pending IN ('SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED')),
  filled_qty            INTEGER NOT NULL CHECK (filled_qty >= 0 AND filled_qty <= quantity),
  fill_notional         INTEGER NOT NULL CHECK (fill_notional >= 0),
  avg_fill_price        INTEGER CHECK (avg_fill_price IS NULL OR avg_fill_price > 0),
  commission            INTEGER NOT NULL CHECK (commission >= 0),
  reason_code           TEXT,
  reason_message        TEXT,
  created_at            INTEGER NOT NULL CHECK (created_at >= 0),
  updated_at            INTEGER NOT NULL CHECK (updated_at >= 0),
  CHECK ((status IN ('PENDING_UPDATE', 'PENDING_CANCEL')) = (status_before_pending IS NOT NULL)),
  CHECK ((filled_qty = 0) = (avg_fill_price IS NULL)),
  CHECK ((reason_code IS NULL) = (reason_message IS NULL))
) STRICT;

CREATE INDEX orders_by_status ON orders (status);

CREATE TABLE order_events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
  type            TEXT NOT NULL CHECK (type IN ('OrderInitialized', 'OrderDenied', 'OrderStaged', 'OrderApproved', 'OrderSubmitted', 'OrderAccepted', 'OrderRejected', 'OrderPendingUpdate', 'OrderPendingCancel', 'OrderUpdated', 'OrderFilled', 'OrderCanceled', 'OrderCancelRejected', 'OrderExpired')),
  ts_event        INTEGER NOT NULL CHECK (ts_event >= 0),
  ts_init         INTEGER NOT NULL CHECK (ts_init >= 0),
  payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object')
) STRICT;

CREATE INDEX order_events_by_order ON order_events (client_order_id, seq);

CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN
  SELECT RAISE(ABORT, 'order_events is append-only: rows cannot be updated');
END;

CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN
  SELECT RAISE(ABORT, 'order_events is append-only: rows cannot be deleted');
END;

CREATE TABLE fills (
  trade_id        TEXT PRIMARY KEY CHECK (length(trade_id) >= 1),
  event_seq       INTEGER NOT NULL UNIQUE REFERENCES order_events (seq),
  client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
  instrument_id   TEXT NOT NULL,
  side            TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  price           INTEGER NOT NULL CHECK (price > 0),
  commission      INTEGER NOT NULL CHECK (commission >= 0),
  liquidity_side  TEXT NOT NULL CHECK (liquidity_side IN ('MAKER', 'TAKER')),
  ts_event        INTEGER NOT NULL CHECK (ts_event >= 0)
) STRICT;

CREATE INDEX fills_by_order ON fills (client_order_id);

CREATE TABLE positions (
  instrument_id TEXT PRIMARY KEY CHECK (length(instrument_id) BETWEEN 1 AND 12),
  quantity      INTEGER NOT NULL,
  cost_basis    INTEGER NOT NULL,
  realized_pnl  INTEGER NOT NULL,
  commissions   INTEGER NOT NULL CHECK (commissions >= 0),
  updated_at    INTEGER NOT NULL CHECK (updated_at >= 0),
  CHECK (quantity <> 0 OR cost_basis = 0),
  CHECK (quantity = 0 OR (quantity > 0) = (cost_basis > 0))
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL CHECK (updated_at >= 0)
) STRICT;
`,
};
