import type Database from 'better-sqlite3';
import type { Migration } from './migration';

const EVENT_TYPES = [
  'OrderInitialized',
  'OrderDenied',
  'OrderStaged',
  'OrderApproved',
  'OrderSubmitted',
  'OrderAccepted',
  'OrderRejected',
  'OrderPendingUpdate',
  'OrderPendingCancel',
  'OrderUpdated',
  'OrderModifyRejected',
  'OrderFilled',
  'OrderCanceled',
  'OrderCancelRejected',
  'OrderExpired',
];
const COLUMNS = 'seq, event_id, client_order_id, type, ts_event, ts_init, payload, chain_seq';

/**
 * Schema version 12: the order journal takes OrderModifyRejected (a venue refused a modification;
 * DESIGN.md's event list, used once venues modify orders).
 *
 * SQLite cannot change a CHECK constraint in place, so `order_events` is rebuilt the documented way
 * (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"), keeping every
 * row, its seq (fills and the chain links point at it) and the AUTOINCREMENT high-water mark, and
 * re-creating its index and its append-only triggers. `fills.event_seq` references the journal, so
 * `defer_foreign_keys` postpones the check to the commit, which fails (leaving version 11) if any
 * event went missing on the way.
 */
export const migration0012: Migration = {
  version: 12,
  description: 'order_events accepts OrderModifyRejected (journal rebuilt, every row and seq kept)',
  up: (db: Database.Database) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
CREATE TEMP TABLE order_events_v11 AS SELECT ${COLUMNS} FROM order_events ORDER BY seq;
DROP TABLE order_events;
CREATE TABLE order_events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
  type            TEXT NOT NULL CHECK (type IN (${EVENT_TYPES.map((t) => `'${t}'`).join(', ')})),
  ts_event        INTEGER NOT NULL CHECK (ts_event >= 0),
  ts_init         INTEGER NOT NULL CHECK (ts_init >= 0),
  payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  chain_seq       INTEGER REFERENCES ledger_chain (seq) CHECK (chain_seq IS NULL OR chain_seq >= 1)
) STRICT;
INSERT INTO order_events (${COLUMNS}) SELECT ${COLUMNS} FROM temp.order_events_v11 ORDER BY seq;
DROP TABLE temp.order_events_v11;
CREATE INDEX order_events_by_order ON order_events (client_order_id, seq);
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN
  SELECT RAISE(ABORT, 'order_events is append-only: rows cannot be updated');
END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN
  SELECT RAISE(ABORT, 'order_events is append-only: rows cannot be deleted');
END;
`);
  },
};
