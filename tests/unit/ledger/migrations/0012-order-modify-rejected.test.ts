import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0012 } from '../../../../src/main/ledger/migrations';

const ORDER =
  "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, avg_fill_price, commission, created_at, updated_at) " +
  "VALUES ('FABCD-1', 'GOOG', 'BUY', 'LIMIT', 'DAY', 10, 580000000, 'TICKET', 'PARTIALLY_FILLED', 5, 2900000000, 580000000, 0, 1, 1)";
const EVENT = 'INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES (?, ?, ?, 1, 1, ?)';
const FILL =
  "INSERT INTO fills (trade_id, event_seq, client_order_id, instrument_id, side, quantity, price, commission, liquidity_side, ts_event) VALUES ('T1', ?, 'FABCD-1', 'GOOG', 'BUY', 5, 580000000, 0, 'MAKER', 1)";

function atVersion11(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, MIGRATIONS.slice(0, 11), ':memory:');
  db.prepare(ORDER).run();
  db.prepare(EVENT).run('E1', 'FABCD-1', 'OrderAccepted', '{"venueOrderId":"V1"}');
  const seq = db.prepare(EVENT).run('E2', 'FABCD-1', 'OrderFilled', '{}').lastInsertRowid;
  db.prepare(FILL).run(seq);
  return db;
}

describe('migration 0012 (OrderModifyRejected in the journal)', () => {
  it('keeps every event with its seq, the fills pointing at them and the seq high-water mark', () => {
    expect(migration0012.version).toBe(12);
    expect(MIGRATIONS[11]).toBe(migration0012);
    const db = atVersion11();
    const before = db.prepare('SELECT * FROM order_events ORDER BY seq').all();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 12), ':memory:')).toBe(12);
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT * FROM order_events ORDER BY seq').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const next = db.prepare(EVENT).run('E3', 'FABCD-1', 'OrderModifyRejected', '{"reason":{"code":"X","message":"no"}}').lastInsertRowid;
    expect(Number(next)).toBe(3);
    db.close();
  });

  it('keeps the journal append-only and still refuses unknown event types', () => {
    const db = atVersion11();
    applyMigrations(db, MIGRATIONS.slice(0, 12), ':memory:');
    expect(() => db.prepare("UPDATE order_events SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM order_events WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare(EVENT).run('E9', 'FABCD-1', 'OrderTeleported', '{}')).toThrow(/CHECK constraint failed/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'order_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name").pluck().all()).toEqual([
      'order_events_by_order',
      'order_events_no_delete',
      'order_events_no_update',
    ]);
    db.close();
  });
});
