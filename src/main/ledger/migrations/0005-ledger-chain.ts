import type { Migration } from './migration';

const ZERO_HASH = '0'.repeat(64);
const HEX64 = (column: string): string => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

/**
 * Schema version 5: the signed hash chain (issue 5, "Signed ledger"). See src/main/ledger/chain for
 * the hashing and signing rules; this migration only lays down the tables and their guards.
 *
 * - `ledger_chain_identity` (one row): `ledger_id`, 32 random hex characters created here, which
 *   names this ledger's terminal key in the OS keychain (`terminal-signing-key:<ledger_id>`);
 *   `public_key`, the SPKI PEM of that key, NULL until the first run records it, then immutable;
 *   `key_recorded_at`, Unix µs of that moment. The public key lives in the ledger so that
 *   `floor ledger verify` needs no keychain.
 * - `ledger_chain`: one row per recorded fact. `seq` is gapless from 1; `ts` Unix µs; `type` an entry
 *   type (CHAIN_ENTRY_TYPES); `payload` RFC 8785 canonical JSON; `prev_hash` the previous row's `hash`
 *   (64 zeros for seq 1); `hash` hex SHA-256 of the canonical entry; `signature` base64 Ed25519 of
 *   the hash's 32 bytes. An insert trigger refuses a gap or a broken link (the row at seq − 1
 *   must exist with hash = prev_hash: one primary-key lookup; with no row ever deleted, and seq
 *   unique, that also rules out inserting below the tail); UPDATE and DELETE are refused outright
 *   (append-only, like order_events).
 * - `ledger_chain_head` (one row): the signed checkpoint {seq, hash, sig_digest, signature},
 *   rewritten with each append, so deleting rows off the tail no longer matches the head. Starts at
 *   seq 0 with an empty signature until the terminal key signs it.
 */
export const migration0005: Migration = {
  version: 5,
  description: 'ledger_chain: signed, append-only hash chain of every order intent, decision and venue event',
  up: `
CREATE TABLE ledger_chain_identity (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  ledger_id       TEXT NOT NULL CHECK (length(ledger_id) = 32 AND ledger_id NOT GLOB '*[^0-9a-f]*'),
  public_key      TEXT CHECK (public_key IS NULL OR public_key LIKE '-----BEGIN PUBLIC KEY-----%'),
  key_recorded_at INTEGER CHECK (key_recorded_at IS NULL OR key_recorded_at >= 0),
  CHECK ((public_key IS NULL) = (key_recorded_at IS NULL))
) STRICT;

INSERT INTO ledger_chain_identity (id, ledger_id, public_key, key_recorded_at) VALUES (1, lower(hex(randomblob(16))), NULL, NULL);

CREATE TRIGGER ledger_chain_identity_key_once BEFORE UPDATE ON ledger_chain_identity
WHEN OLD.public_key IS NOT NULL OR NEW.ledger_id IS NOT OLD.ledger_id OR NEW.id IS NOT OLD.id
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain_identity: the ledger id and a recorded public key cannot be changed');
END;

CREATE TRIGGER ledger_chain_identity_no_delete BEFORE DELETE ON ledger_chain_identity
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain_identity cannot be deleted');
END;

CREATE TABLE ledger_chain (
  seq       INTEGER PRIMARY KEY CHECK (seq >= 1),
  ts        INTEGER NOT NULL CHECK (ts >= 0),
  type      TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
  payload   TEXT NOT NULL CHECK (json_valid(payload)),
  prev_hash TEXT NOT NULL CHECK (${HEX64('prev_hash')}),
  hash      TEXT NOT NULL CHECK (${HEX64('hash')}),
  signature TEXT NOT NULL CHECK (length(signature) = 88)
) STRICT;

CREATE TRIGGER ledger_chain_append_only_link BEFORE INSERT ON ledger_chain
WHEN NOT (
  (NEW.seq = 1 AND NEW.prev_hash = '${ZERO_HASH}')
  OR EXISTS (SELECT 1 FROM ledger_chain WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash)
)
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain: a new entry must take the next seq and link to the last entry''s hash');
END;

CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only: rows cannot be updated');
END;

CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only: rows cannot be deleted');
END;

CREATE TABLE ledger_chain_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  seq        INTEGER NOT NULL CHECK (seq >= 0),
  hash       TEXT NOT NULL CHECK (${HEX64('hash')}),
  sig_digest TEXT NOT NULL CHECK (${HEX64('sig_digest')}),
  signature  TEXT NOT NULL CHECK (signature = '' OR length(signature) = 88)
) STRICT;

INSERT INTO ledger_chain_head (id, seq, hash, sig_digest, signature) VALUES (1, 0, '${ZERO_HASH}', '${ZERO_HASH}', '');

CREATE TRIGGER ledger_chain_head_no_delete BEFORE DELETE ON ledger_chain_head
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain_head cannot be deleted');
END;
`,
};
