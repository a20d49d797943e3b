import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, closeLedgerDatabase, openLedgerDatabase, schemaVersion } from '../../../../src/main/ledger';
import { migration0001, migration0002 } from '../../../../src/main/ledger/migrations';

const V1_ORDER = `INSERT INTO orders (client_order_id, venue_order_id, venue, instrument_id, side, order_type, time_in_force, quantity,
  limit_price, source, status, filled_qty, fill_notional, avg_fill_price, commission, created_at, updated_at)
  VALUES (@id, 'V-1', 'PAPER', 'GOOG', 'BUY', 'LIMIT', 'DAY', 100, 585330000, 'TICKET', @status, @filled, @notional, @avg, 0, 10, 20)`;

/** A version-1 ledger with one filled and one working order, their events and the fill. */
function versionOneLedger(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, [migration0001], ':memory:');
  const order = db.prepare(V1_ORDER);
  order.run({ id: 'F-1', status: 'FILLED', filled: 100, notional: 58_530_000_000, avg: 585_300_000 });
  order.run({ id: 'F-2', status: 'ACCEPTED', filled: 0, notional: 0, avg: null });
  const event = db.prepare(
    "INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES (?, ?, 'OrderAccepted', 1, 1, '{\"venueOrderId\":\"V-1\"}')",
  );
  event.run('e-1', 'F-1');
  event.run('e-2', 'F-2');
  db.prepare(
    "INSERT INTO fills (trade_id, event_seq, client_order_id, instrument_id, side, quantity, price, commission, liquidity_side, ts_event) VALUES ('T-1', 1, 'F-1', 'GOOG', 'BUY', 100, 585300000, 0, 'TAKER', 1)",
  ).run();
  return db;
}

const insertV2 = `INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, source, status,
  filled_qty, fill_notional, commission, created_at, updated_at, sizing, signal, expires_at)
  VALUES (@id, 'GOOG', 'BUY', 'MARKET', 'DAY', @qty, 'API', @status, 0, 0, 0, 1, 1, @sizing, @signal, @expires)`;
const v2 = { qty: 10, status: 'SUBMITTED', sizing: 'FIXED', signal: null, expires: null };

describe('migration 0002 (order sizing, signal and staged expiry)', () => {
  it('upgrades a version-1 ledger keeping every order, event and fill, with FIXED sizing and no signal or expiry', () => {
    const db = versionOneLedger();
    expect(applyMigrations(db, [migration0001, migration0002], ':memory:')).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT client_order_id, status, quantity, filled_qty, sizing, signal, expires_at FROM orders ORDER BY rowid').all()).toEqual([
      { client_order_id: 'F-1', status: 'FILLED', quantity: 100, filled_qty: 100, sizing: 'FIXED', signal: null, expires_at: null },
      { client_order_id: 'F-2', status: 'ACCEPTED', quantity: 100, filled_qty: 0, sizing: 'FIXED', signal: null, expires_at: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM order_events').pluck().get()).toBe(2);
    expect(db.prepare('SELECT trade_id FROM fills').pluck().all()).toEqual(['T-1']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('still enforces the foreign keys from order_events and fills to the rebuilt orders table', () => {
    const db = versionOneLedger();
    applyMigrations(db, [migration0001, migration0002], ':memory:');
    expect(() =>
      db.prepare("INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES ('e-9', 'NOPE', 'OrderExpired', 1, 1, '{}')").run(),
    ).toThrow(/FOREIGN KEY constraint/);
    expect(() => db.prepare("DELETE FROM orders WHERE client_order_id = 'F-1'").run()).toThrow(/FOREIGN KEY constraint/);
    db.close();
  });

  it('allows 0 shares only on an order the sizer found no trade for (INITIALIZED or DENIED)', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001, migration0002] });
    const insert = db.prepare(insertV2);
    insert.run({ ...v2, id: 'A-1', qty: 0, status: 'DENIED', sizing: 'RISK' });
    insert.run({ ...v2, id: 'A-2', qty: 0, status: 'INITIALIZED', sizing: 'KELLY' });
    expect(() => insert.run({ ...v2, id: 'A-3', qty: 0, status: 'SUBMITTED' })).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE orders SET status = 'SUBMITTED' WHERE client_order_id = 'A-2'").run()).toThrow(/CHECK constraint/);
    closeLedgerDatabase(db);
  });

  it('requires an expiry on a STAGED order so it survives a restart', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001, migration0002] });
    const insert = db.prepare(insertV2);
    expect(() => insert.run({ ...v2, id: 'S-1', status: 'STAGED' })).toThrow(/CHECK constraint/);
    insert.run({ ...v2, id: 'S-2', status: 'STAGED', expires: 1_700_000_300_000_000 });
    expect(db.prepare("SELECT expires_at FROM orders WHERE client_order_id = 'S-2'").pluck().get()).toBe(1_700_000_300_000_000);
    closeLedgerDatabase(db);
  });

  it('accepts only the sizing vocabulary and a JSON object as the signal', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001, migration0002] });
    const insert = db.prepare(insertV2);
    expect(() => insert.run({ ...v2, id: 'B-1', sizing: 'MARTINGALE' })).toThrow(/CHECK constraint/);
    expect(() => insert.run({ ...v2, id: 'B-2', signal: 'not json' })).toThrow(/CHECK constraint/);
    expect(() => insert.run({ ...v2, id: 'B-3', signal: '[1,2]' })).toThrow(/CHECK constraint/);
    insert.run({ ...v2, id: 'B-4', sizing: 'RISK', signal: '{"signalId":"s-1","stop":580000000,"score":2}' });
    expect(db.prepare("SELECT json_extract(signal, '$.score') FROM orders WHERE client_order_id = 'B-4'").pluck().get()).toBe(2);
    closeLedgerDatabase(db);
  });

  it('gives a STAGED order left by version 1 an expiry at its last update, so it is never sent stale', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, [migration0001], ':memory:');
    db.prepare(V1_ORDER).run({ id: 'F-3', status: 'STAGED', filled: 0, notional: 0, avg: null });
    applyMigrations(db, [migration0001, migration0002], ':memory:');
    expect(db.prepare("SELECT expires_at FROM orders WHERE client_order_id = 'F-3'").pluck().get()).toBe(20);
    db.close();
  });
});
