import type { Migration } from './migration';

const HEX64_OR_NULL = (column: string): string => `${column} IS NULL OR (length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*')`;

/**
 * Schema version 9: links the order journal to the signed hash chain (issue 5, "Every broker order
 * row keeps its signature hash").
 *
 * - `order_events.chain_seq`: the seq of the `ledger_chain` entry that recorded this event, written
 *   with the event in the same transaction. NULL for events journaled before this version (or by a
 *   ledger opened without its terminal key, which the terminal never does).
 * - `orders.chain_seq` / `orders.chain_hash`: the chain entry (seq and hash) of the order's latest
 *   event, so any order row can be checked against the chain (`floor ledger verify` proves the chain;
 *   the hash on the row proves which signed entry the row's state came from).
 */
export const migration0009: Migration = {
  version: 9,
  description: 'order_events.chain_seq and orders.chain_seq/chain_hash: each order row and event names its signed chain entry',
  up: `
ALTER TABLE order_events ADD COLUMN chain_seq INTEGER REFERENCES ledger_chain (seq) CHECK (chain_seq IS NULL OR chain_seq >= 1);
ALTER TABLE orders ADD COLUMN chain_seq INTEGER REFERENCES ledger_chain (seq) CHECK (chain_seq IS NULL OR chain_seq >= 1);
ALTER TABLE orders ADD COLUMN chain_hash TEXT CHECK (${HEX64_OR_NULL('chain_hash')});
`,
};
