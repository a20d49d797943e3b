import { describe, expect, it } from 'vitest';
import { AlertRepository, LedgerRowError, MIGRATIONS, applyMigrations, openLedgerDatabase, closeLedgerDatabase, schemaVersion } from '../../../../src/main/ledger';
import { migration0004 } from '../../../../src/main/ledger/migrations';
import Database from 'better-sqlite3';
import type { Alert } from '../../../../src/shared';

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  alertId: 'a-1',
  severity: 'CRITICAL',
  code: 'BREAKER_TRIPPED',
  message: 'Circuit breaker: GOOG traded at $520.20',
  instrumentId: 'GOOG',
  tsEvent: 1_340_280_000_000_000,
  details: { triggerPrice: 520_200_000, rollingHigh: 578_000_000, failureDetail: null, note: 'x', ok: true },
  ...overrides,
});

describe('migration 0004 (alerts)', () => {
  it('is registered as version 4 and creates the alerts table on top of version 3', () => {
    expect(MIGRATIONS[3]).toBe(migration0004);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 3), ':memory:');
    expect(applyMigrations(db, MIGRATIONS.slice(0, 4), ':memory:')).toBe(4);
    const columns = (db.pragma('table_info(alerts)') as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
    expect(columns).toEqual([
      'seq INTEGER', 'id TEXT', 'ts INTEGER', 'severity TEXT', 'code TEXT', 'message TEXT', 'instrument_id TEXT', 'details TEXT',
    ]);
    expect(schemaVersion(db)).toBe(4);
    db.close();
  });

  it('refuses unknown severities, non-object details and duplicate ids', () => {
    const db = openLedgerDatabase(':memory:', { migrations: MIGRATIONS.slice(0, 4) });
    const insert = db.prepare('INSERT INTO alerts (id, ts, severity, code, message, instrument_id, details) VALUES (?, 1, ?, \'C\', \'m\', NULL, ?)');
    insert.run('x-1', 'INFO', '{}');
    expect(() => insert.run('x-2', 'PANIC', '{}')).toThrow(/CHECK constraint/);
    expect(() => insert.run('x-3', 'INFO', '[1]')).toThrow(/CHECK constraint/);
    expect(() => insert.run('x-1', 'INFO', '{}')).toThrow(/UNIQUE constraint/);
    closeLedgerDatabase(db);
  });

  it('makes alerts append-only', () => {
    const db = openLedgerDatabase(':memory:', { migrations: MIGRATIONS.slice(0, 4) });
    new AlertRepository(db).append(alert());
    expect(() => db.prepare("UPDATE alerts SET message = 'edited'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM alerts').run()).toThrow(/append-only/);
    closeLedgerDatabase(db);
  });
});

describe('AlertRepository', () => {
  it('lists alerts newest recorded first, round-tripping every field', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new AlertRepository(db);
    const first = alert();
    // Recorded later but stamped earlier (a replay seek moved the market clock back): still listed first.
    const second = alert({ alertId: 'a-2', severity: 'INFO', code: 'TRADING_RESUMED', instrumentId: null, tsEvent: 5, details: { previousState: 'HALTED' } });
    repo.append(first);
    repo.append(second);
    expect(repo.list()).toEqual([second, first]);
    expect(repo.list(1)).toEqual([second]);
    expect(() => repo.list(0)).toThrow(/from 1 to 10000/);
    closeLedgerDatabase(db);
  });

  it('refuses a malformed alert, naming the field', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new AlertRepository(db);
    expect(() => repo.append(alert({ severity: 'LOUD' as never }))).toThrow(/severity/);
    expect(() => repo.append(alert({ tsEvent: -1 }))).toThrow(/tsEvent/);
    closeLedgerDatabase(db);
  });

  it('reports a stored row it cannot read, naming its seq', () => {
    const db = openLedgerDatabase(':memory:');
    db.prepare("INSERT INTO alerts (id, ts, severity, code, message, instrument_id, details) VALUES ('z', 1, 'INFO', 'C', 'm', 'bad ticker', '{}')").run();
    expect(() => new AlertRepository(db).list()).toThrow(LedgerRowError);
    expect(() => new AlertRepository(db).list()).toThrow(/alerts, row seq 1/);
    closeLedgerDatabase(db);
  });
});
