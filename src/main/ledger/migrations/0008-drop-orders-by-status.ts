import type { Migration } from './migration';

/**
 * Schema version 8: drops the `orders_by_status` index.
 *
 * No statement reads orders by status (the terminal loads every order at start-up in rowid order, and
 * the signal lookup filters on a JSON expression the index cannot serve), yet SQLite maintained the
 * index on every order insert and every status change: two B-tree writes per order event that changes
 * the status and about two of the ~16 write-ahead log pages each order writes, measured at ~10-20 µs
 * of CPU per order on the reference VM (issue 2's ticket-RPC figure). A future query by status can
 * bring an index back in its own migration.
 */
export const migration0008: Migration = {
  version: 8,
  description: 'drop orders_by_status: no query reads it, and every order insert and status change paid for it',
  up: 'DROP INDEX IF EXISTS orders_by_status;',
};
