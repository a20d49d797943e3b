import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LedgerMigrationError,
  LedgerSchemaTooNewError,
  MIGRATIONS,
  applyMigrations,
  closeLedgerDatabase,
  openLedgerDatabase,
  schemaVersion,
  type Migration,
} from '../../../src/main/ledger';

const tempDirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-ledger-'));
  tempDirs.push(dir);
  return path.join(dir, 'ledger.sqlite');
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('openLedgerDatabase', () => {
  it('opens a file in WAL mode with synchronous FULL, foreign keys and a busy timeout, at the newest schema', () => {
    const db = openLedgerDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    closeLedgerDatabase(db);
    expect(db.open).toBe(false);
    expect(() => closeLedgerDatabase(db)).not.toThrow();
  });

  it('commits without an fsync per transaction only when asked for NORMAL durability (paper trading)', () => {
    const db = openLedgerDatabase(tempFile(), { durability: 'NORMAL' });
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    closeLedgerDatabase(db);
  });

  it('leaves no write-ahead log behind after a clean close', () => {
    const file = tempFile();
    const db = openLedgerDatabase(file);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 1)").run();
    closeLedgerDatabase(db);
    const wal = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
    expect(wal).toBe(0);
  });

  it('refuses a database written by a newer Floor, naming both versions', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openLedgerDatabase(file)).toThrow(LedgerSchemaTooNewError);
    expect(() => openLedgerDatabase(file)).toThrow(
      new RegExp(`schema version ${MIGRATIONS.length + 1}.*up to ${MIGRATIONS.length}`),
    );
  });

  it('rolls a failing migration back completely, keeping the previous version', () => {
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      description: 'broken test migration',
      up: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [...MIGRATIONS, broken], ':memory:')).toThrow(LedgerMigrationError);
    expect(() => applyMigrations(db, [...MIGRATIONS, broken], ':memory:')).toThrow(new RegExp(`migration ${MIGRATIONS.length + 1} \\(broken test migration\\) failed`));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a migration list that is not numbered 1, 2, 3 in order', () => {
    const db = new Database(':memory:');
    const gap: Migration = { version: MIGRATIONS.length + 2, description: 'gap', up: 'SELECT 1' };
    expect(() => applyMigrations(db, [...MIGRATIONS, gap], ':memory:')).toThrow(
      new RegExp(`position ${MIGRATIONS.length + 1} holds version ${MIGRATIONS.length + 2}`),
    );
    db.close();
  });

  it('rejects an empty file name', () => {
    expect(() => openLedgerDatabase('')).toThrow(/ledger file must be a path/);
  });
});
