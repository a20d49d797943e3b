import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0008 } from '../../../../src/main/ledger/migrations';

const indexesOfOrders = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' ORDER BY name").pluck().all() as string[]);

describe('migration 0008 (drop orders_by_status)', () => {
  it('is version 8 and leaves the orders table with only its primary key index', () => {
    expect(migration0008.version).toBe(8);
    expect(MIGRATIONS[7]).toBe(migration0008);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 7), ':memory:');
    expect(indexesOfOrders(db)).toEqual(['orders_by_status', 'sqlite_autoindex_orders_1']);
    expect(applyMigrations(db, MIGRATIONS.slice(0, 8), ':memory:')).toBe(8);
    expect(schemaVersion(db)).toBe(8);
    expect(indexesOfOrders(db)).toEqual(['sqlite_autoindex_orders_1']);
    db.close();
  });

  it('keeps every order and still finds one by its ClientOrderId through the primary key', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 7), ':memory:');
    db.prepare(
      "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, commission, created_at, updated_at) " +
        "VALUES ('FABCD-1', 'GOOG', 'BUY', 'LIMIT', 'DAY', 1, 580000000, 'TICKET', 'ACCEPTED', 0, 0, 0, 1, 1)",
    ).run();
    applyMigrations(db, MIGRATIONS.slice(0, 8), ':memory:');
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT status FROM orders WHERE client_order_id = 'FABCD-1'").all() as { detail: string }[])
      .map((row) => row.detail)
      .join(' ');
    expect(plan).toMatch(/sqlite_autoindex_orders_1/);
    expect(db.prepare("SELECT status FROM orders WHERE client_order_id = 'FABCD-1'").pluck().get()).toBe('ACCEPTED');
    db.close();
  });
});
