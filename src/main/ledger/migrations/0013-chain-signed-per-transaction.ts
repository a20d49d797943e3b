import type Database from 'better-sqlite3';
import type { Migration } from './migration';

const ZERO_HASH = '0'.repeat(64);
const HEX64 = (column: string): string => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;
const COLUMNS = 'seq, ts, type, payload, prev_hash, hash, signature';

/**
 * Schema version 13: the chain is signed once per transaction (issue 10, "signatures batched per
 * transaction"). Inside one transaction's batch only the last entry carries an Ed25519 signature;
 * the entries before it store an empty signature and are vouched for by that one through the hash
 * links (each hash covers the previous hash), and the signed head covers the whole chain as before.
 *
 * - `ledger_chain.signature` accepts '' as well as an 88-character base64 signature.
 * - The append-only guard allows exactly one update: giving an unsigned entry its signature when
 *   its batch is sealed (signature '' to 88 characters, every other column unchanged). Any other
 *   update and every delete are still refused.
 *
 * SQLite cannot change a CHECK in place, so `ledger_chain` is rebuilt the documented way
 * (sqlite.org/lang_altertable.html), keeping every row; `order_events.chain_seq` and
 * `orders.chain_seq` reference it, so `defer_foreign_keys` postpones their check to the commit,
 * which fails (leaving version 12) if any entry went missing on the way. DROP TABLE fires no
 * triggers, so the delete guard does not stand in the way.
 */
export const migration0013: Migration = {
  version: 13,
  description: 'ledger_chain signed once per transaction: entries before a batch\'s last one may carry an empty signature',
  up: (db: Database.Database) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
CREATE TEMP TABLE ledger_chain_v12 AS SELECT ${COLUMNS} FROM ledger_chain ORDER BY seq;
DROP TABLE ledger_chain;
CREATE TABLE ledger_chain (
  seq       INTEGER PRIMARY KEY CHECK (seq >= 1),
  ts        INTEGER NOT NULL CHECK (ts >= 0),
  type      TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
  payload   TEXT NOT NULL CHECK (json_valid(payload)),
  prev_hash TEXT NOT NULL CHECK (${HEX64('prev_hash')}),
  hash      TEXT NOT NULL CHECK (${HEX64('hash')}),
  signature TEXT NOT NULL CHECK (signature = '' OR length(signature) = 88)
) STRICT;
INSERT INTO ledger_chain (${COLUMNS}) SELECT ${COLUMNS} FROM temp.ledger_chain_v12 ORDER BY seq;
DROP TABLE temp.ledger_chain_v12;

CREATE TRIGGER ledger_chain_append_only_link BEFORE INSERT ON ledger_chain
WHEN NOT (
  (NEW.seq = 1 AND NEW.prev_hash = '${ZERO_HASH}')
  OR EXISTS (SELECT 1 FROM ledger_chain WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash)
)
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain: a new entry must take the next seq and link to the last entry''s hash');
END;

CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain
WHEN NOT (
  OLD.signature = '' AND length(NEW.signature) = 88
  AND NEW.seq = OLD.seq AND NEW.ts = OLD.ts AND NEW.type = OLD.type AND NEW.payload = OLD.payload
  AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
)
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only: rows cannot be updated (only an unsigned entry may be given its signature)');
END;

CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only: rows cannot be deleted');
END;
`);
  },
};
