import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0014 } from '../../../../src/main/ledger/migrations';

const ORDER =
  "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, avg_fill_price, commission, created_at, updated_at) " +
  "VALUES ('FABCD-1', 'GOOG', 'BUY', 'LIMIT', 'DAY', 10, 580000000, 'TICKET', 'FILLED', 10, 5800000000, 580000000, 0, 1, 1)";

function atVersion13(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, MIGRATIONS.slice(0, 13), ':memory:');
  db.prepare(ORDER).run();
  db.prepare("INSERT INTO positions (instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at) VALUES ('GOOG', 10, 5800000000, -1000000, 1000000, 5)").run();
  db.prepare('UPDATE account SET cash = 94200000000, updated_at = 5 WHERE id = 1').run();
  return db;
}

describe('migration 0014 (trading modes)', () => {
  it('makes every existing order, position and the account paper, and adds an empty live account', () => {
    expect(migration0014.version).toBe(14);
    expect(MIGRATIONS[13]).toBe(migration0014);
    const db = atVersion13();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 14), ':memory:')).toBe(14);
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT mode FROM orders').pluck().all()).toEqual(['PAPER']);
    expect(db.prepare('SELECT mode, instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at FROM positions').all()).toEqual([
      { mode: 'PAPER', instrument_id: 'GOOG', quantity: 10, cost_basis: 5_800_000_000, realized_pnl: -1_000_000, commissions: 1_000_000, updated_at: 5 },
    ]);
    expect(db.prepare('SELECT mode, starting_cash, cash, updated_at FROM account ORDER BY mode').all()).toEqual([
      { mode: 'LIVE', starting_cash: 0, cash: 0, updated_at: 0 },
      { mode: 'PAPER', starting_cash: 100_000_000_000, cash: 94_200_000_000, updated_at: 5 },
    ]);
    db.close();
  });

  it('keys positions by mode and instrument, and refuses a mode that is neither', () => {
    const db = atVersion13();
    applyMigrations(db, MIGRATIONS.slice(0, 14), ':memory:');
    db.prepare("INSERT INTO positions (mode, instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at) VALUES ('LIVE', 'GOOG', 1, 580000000, 0, 0, 6)").run();
    expect(db.prepare("SELECT count(*) FROM positions WHERE instrument_id = 'GOOG'").pluck().get()).toBe(2);
    expect(() => db.prepare("INSERT INTO positions (mode, instrument_id, quantity, cost_basis, realized_pnl, commissions, updated_at) VALUES ('LIVE', 'GOOG', 1, 1, 0, 0, 6)").run()).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare("UPDATE orders SET mode = 'DEMO'").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("INSERT INTO account (mode, starting_cash, cash, updated_at) VALUES ('DEMO', 0, 0, 0)").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
