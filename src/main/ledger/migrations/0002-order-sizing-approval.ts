import type Database from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * The `orders` table as of schema version 2. Differences from version 1:
 * - `sizing`: how the quantity was found, FIXED / RISK / KELLY (every version-1 order was FIXED).
 * - `signal`: the trade idea behind the order as a JSON object (entry, stop, target, win
 *   probability, payoff, score, signal id; prices micro-dollars), or NULL.
 * - `expires_at`: for an order that was STAGED, when it expires unless approved (Unix µs); a
 *   STAGED order must have one, so the expiry survives a restart.
 * - `quantity` may be 0 while INITIALIZED or DENIED: an order the sizer found no trade for is
 *   still recorded (and denied with the sizer's reason), so the trader sees why nothing was sent.
 */
const ORDERS_V2 = `
CREATE TABLE orders (
  client_order_id       TEXT PRIMARY KEY CHECK (length(client_order_id) BETWEEN 1 AND 64),
  venue_order_id        TEXT,
  venue                 TEXT,
  instrument_id         TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 12),
  side                  TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  order_type            TEXT NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT', 'TRAILING_STOP_MARKET')),
  time_in_force         TEXT NOT NULL CHECK (time_in_force IN ('DAY', 'GTC', 'IOC', 'FOK')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0 OR (quantity = 0 AND status IN ('INITIALIZED', 'DENIED'))),
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
  sizing                TEXT NOT NULL DEFAULT 'FIXED' CHECK (sizing IN ('FIXED', 'RISK', 'KELLY')),
  signal                TEXT CHECK (signal IS NULL OR (json_valid(signal) AND json_type(signal) = 'object')),
  expires_at            INTEGER CHECK (expires_at IS NULL OR expires_at >= 0),
  CHECK ((status IN ('PENDING_UPDATE', 'PENDING_CANCEL')) = (status_before_pending IS NOT NULL)),
  CHECK ((filled_qty = 0) = (avg_fill_price IS NULL)),
  CHECK ((reason_code IS NULL) = (reason_message IS NULL)),
  CHECK (status <> 'STAGED' OR expires_at IS NOT NULL)
) STRICT;

CREATE INDEX orders_by_status ON orders (status);
`;

const VERSION_1_COLUMNS =
  'client_order_id, venue_order_id, venue, instrument_id, side, order_type, time_in_force, quantity, limit_price, ' +
  'stop_price, source, status, status_before_pending, filled_qty, fill_notional, avg_fill_price, commission, ' +
  'reason_code, reason_message, created_at, updated_at';

/**
 * Schema version 2: orders record how they were sized, the signal behind them and, when staged for
 * approval, their expiry (see ORDERS_V2 above for each column).
 *
 * SQLite cannot change a CHECK constraint in place, so `orders` is rebuilt (sqlite.org/lang_altertable.html,
 * "making other kinds of table schema changes"). `order_events` and `fills` reference `orders`, and
 * PRAGMA foreign_keys cannot be switched off inside the migration's transaction; instead
 * `defer_foreign_keys` postpones the checks to the commit: dropping the old table leaves the
 * children orphaned for a moment, re-inserting every parent row resolves each orphan, and the
 * commit fails (leaving version 1 intact) if any order went missing on the way.
 *
 * Version 1 never staged orders; should a STAGED row exist anyway it gets no recorded expiry to
 * keep, so it expires at its last update (a stale signal is never sent without a fresh decision).
 */
export const migration0002: Migration = {
  version: 2,
  description: 'orders gain sizing method, signal and staged expiry; a denied order may carry 0 shares',
  up: (db: Database.Database) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
CREATE TEMP TABLE orders_v1 AS SELECT ${VERSION_1_COLUMNS} FROM orders ORDER BY rowid;
DROP TABLE orders;
${ORDERS_V2}
INSERT INTO orders (${VERSION_1_COLUMNS}, expires_at)
  SELECT ${VERSION_1_COLUMNS}, CASE WHEN status = 'STAGED' THEN updated_at ELSE NULL END FROM temp.orders_v1 ORDER BY rowid;
DROP TABLE temp.orders_v1;
`);
  },
};
