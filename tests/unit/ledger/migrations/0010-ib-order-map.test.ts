import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0010 } from '../../../../src/main/ledger/migrations';

const ORDER =
  "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, commission, created_at, updated_at) " +
  "VALUES (?, 'GOOG', 'BUY', 'LIMIT', 'DAY', 1, 580000000, 'TICKET', 'ACCEPTED', 0, 0, 0, 1, 1)";
const MAPPING = 'INSERT INTO ib_orders (client_order_id, gateway, client_id, order_id, perm_id, created_at) VALUES (?, ?, ?, ?, ?, 1)';

/** A database at version 10 with orders FABCD-1..3. */
function database(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, MIGRATIONS.slice(0, 10), ':memory:');
  for (const id of ['FABCD-1', 'FABCD-2', 'FABCD-3']) db.prepare(ORDER).run(id);
  return db;
}

describe('migration 0010 (ib_orders)', () => {
  it('is version 10, applies on top of version 9 and keeps the orders written before it', () => {
    expect(migration0010.version).toBe(10);
    expect(MIGRATIONS[9]).toBe(migration0010);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 9), ':memory:');
    db.prepare(ORDER).run('FABCD-1');
    expect(applyMigrations(db, MIGRATIONS.slice(0, 10), ':memory:')).toBe(10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT client_order_id FROM orders').pluck().all()).toEqual(['FABCD-1']);
    const columns = (db.pragma('table_info(ib_orders)') as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
    expect(columns).toEqual(['client_order_id TEXT', 'gateway TEXT', 'client_id INTEGER', 'order_id INTEGER', 'perm_id INTEGER', 'created_at INTEGER']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ib_orders' AND sql IS NOT NULL").pluck().all()).toEqual(['ib_orders_by_perm_id']);
    db.close();
  });

  it('maps only orders the ledger holds, each once', () => {
    const db = database();
    expect(() => db.prepare(MAPPING).run('FNOPE-1', '127.0.0.1:4002', 17, 1, null)).toThrow(/FOREIGN KEY/);
    db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, 1, null);
    expect(() => db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, 2, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  it('keys IB order ids by client id and gateway: the same id may recur on a standby gateway, never on the same one', () => {
    const db = database();
    db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, 5, null);
    expect(() => db.prepare(MAPPING).run('FABCD-2', '127.0.0.1:4002', 17, 5, null)).toThrow(/UNIQUE constraint failed: ib_orders.client_id, ib_orders.order_id, ib_orders.gateway/);
    db.prepare(MAPPING).run('FABCD-2', '10.0.0.5:4002', 17, 5, null);
    db.prepare(MAPPING).run('FABCD-3', '127.0.0.1:4002', 18, 5, null);
    expect(db.prepare('SELECT count(*) FROM ib_orders WHERE order_id = 5').pluck().get()).toBe(3);
    db.close();
  });

  it('lets perm_id be set once from NULL (or to the same value) and refuses every other edit and any delete', () => {
    const db = database();
    db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, 1, null);
    db.prepare("UPDATE ib_orders SET perm_id = 900 WHERE client_order_id = 'FABCD-1'").run();
    db.prepare("UPDATE ib_orders SET perm_id = 900 WHERE client_order_id = 'FABCD-1'").run();
    expect(() => db.prepare("UPDATE ib_orders SET perm_id = 901 WHERE client_order_id = 'FABCD-1'").run()).toThrow(/only setting perm_id once/);
    expect(() => db.prepare("UPDATE ib_orders SET perm_id = NULL WHERE client_order_id = 'FABCD-1'").run()).toThrow(/only setting perm_id once/);
    for (const edit of ["gateway = '[::1]:4002'", 'client_id = 18', 'order_id = 2', 'created_at = 2', "client_order_id = 'FABCD-2'"]) {
      expect(() => db.prepare(`UPDATE ib_orders SET ${edit}`).run(), edit).toThrow(/only setting perm_id once/);
    }
    expect(() => db.prepare('DELETE FROM ib_orders').run()).toThrow(/never deleted/);
    expect(db.prepare('SELECT perm_id FROM ib_orders').pluck().get()).toBe(900);
    db.close();
  });

  it('refuses ids outside 32 bits, a non-positive permId and a negative time', () => {
    const db = database();
    expect(() => db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 2 ** 31, 1, null)).toThrow(/CHECK constraint/);
    expect(() => db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, -1, null)).toThrow(/CHECK constraint/);
    expect(() => db.prepare(MAPPING).run('FABCD-1', '127.0.0.1:4002', 17, 1, 0)).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO ib_orders VALUES ('FABCD-1', '127.0.0.1:4002', 17, 1, NULL, -1)").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});
