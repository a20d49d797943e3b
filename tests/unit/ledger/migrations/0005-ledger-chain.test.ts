import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, applyMigrations, closeLedgerDatabase, openLedgerDatabase, schemaVersion } from '../../../../src/main/ledger';
import { migration0005 } from '../../../../src/main/ledger/migrations';
import { ChainWriter, readChainHead, readChainIdentity, ZERO_HASH } from '../../../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../../../src/main/security/terminal-key';

const upTo5 = MIGRATIONS.slice(0, 5);
const columns = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);

describe('migration 0005 (signed ledger chain)', () => {
  it('is registered as version 5 and creates the chain, head and identity tables on top of version 4', () => {
    expect(MIGRATIONS[4]).toBe(migration0005);
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 4), ':memory:');
    expect(applyMigrations(db, upTo5, ':memory:')).toBe(5);
    expect(schemaVersion(db)).toBe(5);
    expect(columns(db, 'ledger_chain')).toEqual(['seq INTEGER', 'ts INTEGER', 'type TEXT', 'payload TEXT', 'prev_hash TEXT', 'hash TEXT', 'signature TEXT']);
    expect(columns(db, 'ledger_chain_head')).toEqual(['id INTEGER', 'seq INTEGER', 'hash TEXT', 'sig_digest TEXT', 'signature TEXT']);
    expect(columns(db, 'ledger_chain_identity')).toEqual(['id INTEGER', 'ledger_id TEXT', 'public_key TEXT', 'key_recorded_at INTEGER']);
    db.close();
  });

  it('gives each ledger its own random id, no key yet, and an unsigned empty head', () => {
    const a = openLedgerDatabase(':memory:', { migrations: upTo5 });
    const b = openLedgerDatabase(':memory:', { migrations: upTo5 });
    expect(readChainIdentity(a).ledgerId).toMatch(/^[0-9a-f]{32}$/);
    expect(readChainIdentity(a).ledgerId).not.toBe(readChainIdentity(b).ledgerId);
    expect(readChainIdentity(a).publicKeyPem).toBeNull();
    expect(readChainHead(a)).toEqual({ seq: 0, hash: ZERO_HASH, sigDigest: ZERO_HASH, signature: '' });
    closeLedgerDatabase(a);
    closeLedgerDatabase(b);
  });

  it('makes chain rows append-only and the head undeletable', () => {
    const db = openLedgerDatabase(':memory:', { migrations: upTo5 });
    ChainWriter.open(db, TerminalSigningKey.generate()).append('order.intent', { clientOrderId: 'O-1' });
    expect(() => db.prepare("UPDATE ledger_chain SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_chain').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_chain_head').run()).toThrow(/cannot be deleted/);
    closeLedgerDatabase(db);
  });

  it('lets the public key be recorded once and never changed, and the ledger id never', () => {
    const db = openLedgerDatabase(':memory:', { migrations: upTo5 });
    const other = TerminalSigningKey.generate().publicKeyPem;
    ChainWriter.open(db, TerminalSigningKey.generate());
    expect(() => db.prepare('UPDATE ledger_chain_identity SET public_key = ?').run(other)).toThrow(/cannot be changed/);
    expect(() => db.prepare("UPDATE ledger_chain_identity SET ledger_id = '00000000000000000000000000000000'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM ledger_chain_identity').run()).toThrow(/cannot be deleted/);
    closeLedgerDatabase(db);
  });

  it('refuses malformed rows (non-hex hash, non-JSON payload, short signature)', () => {
    const db = openLedgerDatabase(':memory:', { migrations: upTo5 });
    const insert = db.prepare('INSERT INTO ledger_chain (seq, ts, type, payload, prev_hash, hash, signature) VALUES (1, 1, ?, ?, ?, ?, ?)');
    const sig = 'A'.repeat(86) + '==';
    expect(() => insert.run('order.intent', '{}', ZERO_HASH, 'G'.repeat(64), sig)).toThrow(/CHECK constraint/);
    expect(() => insert.run('order.intent', '{oops', ZERO_HASH, ZERO_HASH, sig)).toThrow(/CHECK constraint/);
    expect(() => insert.run('order.intent', '{}', ZERO_HASH, ZERO_HASH, 'short')).toThrow(/CHECK constraint/);
    closeLedgerDatabase(db);
  });
});
