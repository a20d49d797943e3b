import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, closeLedgerDatabase, openLedgerDatabase, schemaVersion } from '../../../../src/main/ledger';
import { migration0001 } from '../../../../src/main/ledger/migrations';

function columns(db: Database.Database, table: string): Record<string, { type: string; notnull: number; pk: number }> {
  const rows = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, { type: r.type, notnull: r.notnull, pk: r.pk }]));
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0001 (initial ledger)', () => {
  it('applies on an empty database and sets user_version to 1', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(applyMigrations(db, [migration0001], ':memory:')).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[])
      .filter((name) => !name.startsWith('sqlite_'));
    expect(tables).toEqual(['account', 'fills', 'order_events', 'orders', 'positions', 'settings']);
    db.close();
  });

  it('creates the expected columns with integer money and timestamps', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [migration0001], ':memory:');
    expect(Object.keys(columns(db, 'orders'))).toEqual([
      'client_order_id', 'venue_order_id', 'venue', 'instrument_id', 'side', 'order_type', 'time_in_force', 'quantity',
      'limit_price', 'stop_price', 'source', 'status', 'status_before_pending', 'filled_qty', 'fill_notional',
      'avg_fill_price', 'commission', 'reason_code', 'reason_message', 'created_at', 'updated_at',
    ]);
    expect(columns(db, 'orders').client_order_id!.pk).toBe(1);
    expect(Object.keys(columns(db, 'order_events'))).toEqual([
      'seq', 'event_id', 'client_order_id', 'type', 'ts_event', 'ts_init', 'payload',
    ]);
    expect(columns(db, 'order_events').seq).toMatchObject({ type: 'INTEGER', pk: 1 });
    expect(Object.keys(columns(db, 'fills'))).toEqual([
      'trade_id', 'event_seq', 'client_order_id', 'instrument_id', 'side', 'quantity', 'price', 'commission',
      'liquidity_side', 'ts_event',
    ]);
    expect(Object.keys(columns(db, 'positions'))).toEqual([
      'instrument_id', 'quantity', 'cost_basis', 'realized_pnl', 'commissions', 'updated_at',
    ]);
    for (const [table, money] of [
      ['orders', ['quantity', 'limit_price', 'stop_price', 'filled_qty', 'fill_notional', 'avg_fill_price', 'commission', 'created_at']],
      ['fills', ['quantity', 'price', 'commission', 'ts_event']],
      ['positions', ['quantity', 'cost_basis', 'realized_pnl', 'commissions']],
      ['account', ['starting_cash', 'cash']],
    ] as const) {
      const cols = columns(db, table);
      for (const name of money) expect(cols[name]!.type, `${table}.${name}`).toBe('INTEGER');
    }
    db.close();
  });

  it('creates the account row with $100,000 starting cash', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [migration0001], ':memory:');
    expect(db.prepare('SELECT id, starting_cash, cash FROM account').all()).toEqual([
      { id: 1, starting_cash: 100_000_000_000, cash: 100_000_000_000 },
    ]);
    expect(() => db.prepare('INSERT INTO account (id, starting_cash, cash, updated_at) VALUES (2, 0, 0, 0)').run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });

  it('enforces the vocabulary, quantities and foreign keys with constraints', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001] });
    const insertOrder = db.prepare(
      `INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, source, status,
         filled_qty, fill_notional, commission, created_at, updated_at)
       VALUES (@id, 'GOOG', @side, 'LIMIT', 'DAY', @qty, 'TICKET', @status, @filled, 0, 0, 1, 1)`,
    );
    const ok = { id: 'A-1', side: 'BUY', qty: 100, status: 'SUBMITTED', filled: 0 };
    insertOrder.run(ok);
    expect(() => insertOrder.run({ ...ok, id: 'A-2', side: 'HOLD' })).toThrow(/CHECK constraint/);
    expect(() => insertOrder.run({ ...ok, id: 'A-3', status: 'WORKING' })).toThrow(/CHECK constraint/);
    expect(() => insertOrder.run({ ...ok, id: 'A-4', qty: 0 })).toThrow(/CHECK constraint/);
    expect(() => insertOrder.run({ ...ok, id: 'A-5', filled: 101 })).toThrow(/CHECK constraint/);
    // A pending status must remember the status to return to.
    expect(() => insertOrder.run({ ...ok, id: 'A-6', status: 'PENDING_CANCEL' })).toThrow(/CHECK constraint/);
    // STRICT tables refuse a price that is not an integer.
    expect(() => db.prepare("UPDATE orders SET limit_price = 585.335 WHERE client_order_id = 'A-1'").run()).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    const insertEvent = db.prepare(
      "INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES (?, ?, 'OrderAccepted', 1, 1, ?)",
    );
    expect(() => insertEvent.run('e-1', 'NOPE', '{}')).toThrow(/FOREIGN KEY constraint/);
    expect(() => insertEvent.run('e-2', 'A-1', 'not json')).toThrow(/CHECK constraint/);
    insertEvent.run('e-3', 'A-1', '{"venueOrderId":"1"}');
    expect(() => insertEvent.run('e-3', 'A-1', '{}')).toThrow(/UNIQUE constraint/);
    closeLedgerDatabase(db);
  });

  it('makes order_events append-only', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001] });
    db.prepare(
      `INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, source, status,
         filled_qty, fill_notional, commission, created_at, updated_at)
       VALUES ('A-1', 'GOOG', 'BUY', 'MARKET', 'DAY', 1, 'TICKET', 'SUBMITTED', 0, 0, 0, 1, 1)`,
    ).run();
    db.prepare(
      "INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES ('e', 'A-1', 'OrderSubmitted', 1, 1, '{\"venue\":\"PAPER\"}')",
    ).run();
    expect(() => db.prepare("UPDATE order_events SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow(/append-only/);
    closeLedgerDatabase(db);
  });

  it('refuses duplicate fills by trade id and keeps positions signed consistently', () => {
    const db = openLedgerDatabase(':memory:', { migrations: [migration0001] });
    const insertPosition = db.prepare(
      'INSERT INTO positions (instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at) VALUES (?, ?, ?, 0, 0, 1)',
    );
    insertPosition.run('GOOG', -10, -5_000_000);
    expect(() => insertPosition.run('AAPL', 10, -5_000_000)).toThrow(/CHECK constraint/);
    expect(() => insertPosition.run('MSFT', 0, 1)).toThrow(/CHECK constraint/);
    const tradeIdIsPrimaryKey = columns(db, 'fills').trade_id!.pk;
    expect(tradeIdIsPrimaryKey).toBe(1);
    closeLedgerDatabase(db);
  });

  it('re-opens an existing file idempotently, keeping its data', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-ledger-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'ledger.sqlite');
    const first = openLedgerDatabase(file, { migrations: [migration0001] });
    first.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 1)").run();
    closeLedgerDatabase(first);
    const second = openLedgerDatabase(file, { migrations: [migration0001] });
    expect(schemaVersion(second)).toBe(1);
    expect(second.prepare('SELECT value FROM settings').pluck().get()).toBe('1');
    expect(second.prepare('SELECT count(*) FROM account').pluck().get()).toBe(1);
    closeLedgerDatabase(second);
  });
});
