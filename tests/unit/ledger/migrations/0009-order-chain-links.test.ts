import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0009 } from '../../../../src/main/ledger/migrations';

const ORDER =
  "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, commission, created_at, updated_at) " +
  "VALUES ('FABCD-1', 'GOOG', 'BUY', 'LIMIT', 'DAY', 1, 580000000, 'TICKET', 'ACCEPTED', 0, 0, 0, 1, 1)";

describe('migration 0009 (order rows and events name their signed chain entry)', () => {
  it('is version 9 and keeps orders and events written before it, with no chain link', () => {
    expect(migration0009.version).toBe(9);
    expect(MIGRATIONS[8]).toBe(migration0009);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 8), ':memory:');
    db.prepare(ORDER).run();
    db.prepare("INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES ('E1', 'FABCD-1', 'OrderAccepted', 1, 1, '{}')").run();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 9), ':memory:')).toBe(9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare("SELECT status, chain_seq, chain_hash FROM orders WHERE client_order_id = 'FABCD-1'").get()).toEqual({ status: 'ACCEPTED', chain_seq: null, chain_hash: null });
    expect(db.prepare("SELECT chain_seq FROM order_events WHERE event_id = 'E1'").pluck().get()).toBeNull();
    db.close();
  });

  it('refuses a chain hash that is not 64 lowercase hex digits and a seq below 1', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 9), ':memory:');
    db.prepare(ORDER).run();
    expect(() => db.prepare("UPDATE orders SET chain_hash = 'ABC' WHERE client_order_id = 'FABCD-1'").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE orders SET chain_seq = 0 WHERE client_order_id = 'FABCD-1'").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
