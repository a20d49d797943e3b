import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { MIGRATIONS, migration0003 } from '../../../../src/main/ledger/migrations';

function migratedTo3(): Database.Database {
  const db = new Database(':memory:');
  applyMigrations(db, MIGRATIONS.slice(0, 3), ':memory:');
  return db;
}

const insert = (db: Database.Database) =>
  db.prepare(
    `INSERT INTO daily_bars (instrument_id, date, open, high, low, close, adj_close, volume)
     VALUES (@id, @date, @open, @high, @low, @close, @adj, @volume)`,
  );
const row = { id: 'SPY', date: '2015-03-05', open: 210_000_000, high: 211_000_000, low: 210_500_000, close: 210_800_000, adj: 190_000_000, volume: 1 };

describe('migration 0003 (daily bars)', () => {
  it('is version 3 and creates daily_bars with integer prices keyed by instrument and date', () => {
    expect(migration0003.version).toBe(3);
    expect(MIGRATIONS[2]).toBe(migration0003);
    const db = migratedTo3();
    expect(schemaVersion(db)).toBe(3);
    const columns = db.pragma('table_info(daily_bars)') as { name: string; type: string; pk: number }[];
    expect(columns.map((c) => [c.name, c.type, c.pk])).toEqual([
      ['instrument_id', 'TEXT', 1],
      ['date', 'TEXT', 2],
      ['open', 'INTEGER', 0],
      ['high', 'INTEGER', 0],
      ['low', 'INTEGER', 0],
      ['close', 'INTEGER', 0],
      ['adj_close', 'INTEGER', 0],
      ['volume', 'INTEGER', 0],
    ]);
    db.close();
  });

  it('accepts a real row whose Open is below its Low, and refuses duplicates, bad dates and non-positive prices', () => {
    const db = migratedTo3();
    const stmt = insert(db);
    stmt.run(row);
    expect(() => stmt.run(row)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => stmt.run({ ...row, date: '5 March 2015' })).toThrow(/CHECK constraint/);
    expect(() => stmt.run({ ...row, date: '2015-03-06', adj: 0 })).toThrow(/CHECK constraint/);
    expect(() => stmt.run({ ...row, date: '2015-03-06', close: 210.5 })).toThrow(/cannot store REAL value in INTEGER column/);
    expect(() => stmt.run({ ...row, date: '2015-03-06', volume: -1 })).toThrow(/CHECK constraint/);
    db.close();
  });

  it('keeps the rows of earlier versions when applied to an existing version-2 database', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 2), ':memory:');
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 1)").run();
    applyMigrations(db, MIGRATIONS.slice(0, 3), ':memory:');
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('1');
    expect(db.prepare('SELECT count(*) FROM daily_bars').pluck().get()).toBe(0);
    db.close();
  });
});
