import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AlertRepository, closeLedgerDatabase, MIGRATIONS, applyMigrations, openLedgerDatabase, LedgerRowError } from '../../../../src/main/ledger';
import { migration0006 } from '../../../../src/main/ledger/migrations';
import { WebAuthnCredentialRepository, type WebAuthnCredentialRecord } from '../../../../src/main/ledger/webauthn-credential-repository';
import { AlertSecurityEventSink } from '../../../../src/main/security/webauthn';

const credential = (overrides: Partial<WebAuthnCredentialRecord> = {}): WebAuthnCredentialRecord => ({
  id: 'cred-A',
  publicKey: new Uint8Array([0xa5, 1, 2, 3, 38]),
  counter: 4,
  transports: ['usb', 'nfc'],
  deviceType: 'singleDevice',
  backedUp: false,
  label: 'YubiKey 5',
  aaguid: '00000000-0000-0000-0000-000000000000',
  createdAt: 1_750_000_000_000_000,
  lastUsedAt: null,
  ...overrides,
});

describe('migration 0006 (webauthn_credentials)', () => {
  it('is registered as version 6 and creates the credentials table on top of version 5', () => {
    expect(MIGRATIONS[5]).toBe(migration0006);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 5), ':memory:');
    expect(applyMigrations(db, MIGRATIONS.slice(0, 6), ':memory:')).toBe(6);
    const columns = (db.pragma('table_info(webauthn_credentials)') as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
    expect(columns).toEqual([
      'id TEXT', 'public_key BLOB', 'counter INTEGER', 'transports TEXT', 'device_type TEXT', 'backed_up INTEGER',
      'label TEXT', 'aaguid TEXT', 'created_at INTEGER', 'last_used_at INTEGER',
    ]);
    db.close();
  });

  it('refuses lowering a signature counter, even by hand', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new WebAuthnCredentialRepository(db);
    repo.add(credential());
    expect(() => db.prepare("UPDATE webauthn_credentials SET counter = 3 WHERE id = 'cred-A'").run()).toThrow(/cannot decrease/);
    expect(() => repo.recordUse('cred-A', 2, 5)).toThrow(/cannot decrease/);
    repo.recordUse('cred-A', 4, 6);
    expect(repo.get('cred-A')).toMatchObject({ counter: 4, lastUsedAt: 6 });
    closeLedgerDatabase(db);
  });

  it('refuses duplicate ids, empty labels, counters beyond 32 bits and unknown device types', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new WebAuthnCredentialRepository(db);
    repo.add(credential());
    expect(() => repo.add(credential())).toThrow(/UNIQUE constraint/);
    expect(() => repo.add(credential({ id: 'b', label: '' }))).toThrow(/CHECK constraint/);
    expect(() => repo.add(credential({ id: 'c', counter: 2 ** 32 }))).toThrow(/CHECK constraint/);
    expect(() => repo.add(credential({ id: 'd', deviceType: 'cloud' as never }))).toThrow(/CHECK constraint/);
    closeLedgerDatabase(db);
  });
});

describe('WebAuthnCredentialRepository', () => {
  it('round-trips every field and lists oldest first', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new WebAuthnCredentialRepository(db);
    const older = credential({ id: 'z-old', createdAt: 1 });
    const newer = credential({ id: 'a-new', createdAt: 2, deviceType: 'multiDevice', backedUp: true, transports: ['internal', 'hybrid'], lastUsedAt: 3 });
    repo.add(newer);
    repo.add(older);
    expect(repo.list()).toEqual([older, newer]);
    expect(repo.count()).toBe(2);
    expect(repo.get('missing')).toBeUndefined();
    expect(() => repo.recordUse('missing', 1, 1)).toThrow(/no WebAuthn credential with id missing/);
    closeLedgerDatabase(db);
  });

  it('never removes the last credential', () => {
    const db = openLedgerDatabase(':memory:');
    const repo = new WebAuthnCredentialRepository(db);
    repo.add(credential({ id: 'one' }));
    repo.add(credential({ id: 'two' }));
    expect(repo.removeUnlessLast('three')).toBe('not-found');
    expect(repo.removeUnlessLast('one')).toBe('removed');
    expect(repo.removeUnlessLast('two')).toBe('last-credential');
    expect(repo.list().map((c) => c.id)).toEqual(['two']);
    closeLedgerDatabase(db);
  });

  it('reports a stored row it cannot read, naming its id', () => {
    const db = openLedgerDatabase(':memory:');
    db.prepare("INSERT INTO webauthn_credentials VALUES ('bad', x'01', 0, '[\"carrier-pigeon\"]', 'singleDevice', 0, 'k', '00000000-0000-0000-0000-000000000000', 1, NULL)").run();
    expect(() => new WebAuthnCredentialRepository(db).list()).toThrow(LedgerRowError);
    expect(() => new WebAuthnCredentialRepository(db).list()).toThrow(/webauthn_credentials, row id bad/);
    closeLedgerDatabase(db);
  });
});

describe('AlertSecurityEventSink', () => {
  it('records a counter regression as a CRITICAL alert and hands it on for the UI', () => {
    const db = openLedgerDatabase(':memory:');
    const pushed: unknown[] = [];
    const sink = new AlertSecurityEventSink(new AlertRepository(db), { now: () => 42 }, (alert) => pushed.push(alert));
    sink.record('WEBAUTHN_COUNTER_REGRESSION', { credentialId: 'cred-A', storedCounter: 9, presentedCounter: 2 });
    const [alert] = new AlertRepository(db).list();
    expect(alert).toMatchObject({
      severity: 'CRITICAL',
      code: 'WEBAUTHN_COUNTER_REGRESSION',
      instrumentId: null,
      tsEvent: 42,
      details: { credentialId: 'cred-A', storedCounter: 9, presentedCounter: 2 },
      message: expect.stringMatching(/may have been cloned/),
    });
    expect(pushed).toEqual([alert]);
    closeLedgerDatabase(db);
  });
});
