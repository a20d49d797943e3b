import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../../src/main/ledger';
import { ChainWriter, verifyChain } from '../../../../src/main/ledger/chain';
import { MIGRATIONS, migration0013 } from '../../../../src/main/ledger/migrations';
import { TerminalSigningKey } from '../../../../src/main/security/terminal-key';

const ORDER =
  "INSERT INTO orders (client_order_id, instrument_id, side, order_type, time_in_force, quantity, limit_price, source, status, filled_qty, fill_notional, avg_fill_price, commission, created_at, updated_at, chain_seq) " +
  "VALUES ('FABCD-1', 'GOOG', 'BUY', 'LIMIT', 'DAY', 10, 580000000, 'TICKET', 'ACCEPTED', 0, 0, NULL, 0, 1, 1, 1)";
const EVENT = "INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload, chain_seq) VALUES ('E1', 'FABCD-1', 'OrderAccepted', 1, 1, '{\"venueOrderId\":\"V1\"}', 2)";

/** A version-12 ledger whose chain was written entry by entry (every entry signed), with orders and events linking to it. */
function atVersion12(key: TerminalSigningKey): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, MIGRATIONS.slice(0, 12), ':memory:');
  const writer = ChainWriter.open(db, key);
  writer.append('order.intent', { clientOrderId: 'FABCD-1' });
  writer.append('venue.event', { clientOrderId: 'FABCD-1', type: 'OrderAccepted' });
  db.prepare(ORDER).run();
  db.prepare(EVENT).run();
  return db;
}

describe('migration 0013 (the chain signed once per transaction)', () => {
  it('keeps every chain entry, the orders and events linking to them, and a chain that still verifies', () => {
    expect(migration0013.version).toBe(13);
    expect(MIGRATIONS[12]).toBe(migration0013);
    const key = TerminalSigningKey.generate();
    const db = atVersion12(key);
    const before = db.prepare('SELECT * FROM ledger_chain ORDER BY seq').all();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 13), ':memory:')).toBe(13);
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT * FROM ledger_chain ORDER BY seq').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(verifyChain(db, key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: 2 });
    db.close();
  });

  it('lays the guards back down: the link on insert, append-only but for giving an unsigned entry its signature, no delete', () => {
    const key = TerminalSigningKey.generate();
    const db = atVersion12(key);
    applyMigrations(db, MIGRATIONS.slice(0, 13), ':memory:');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'ledger_chain' AND type = 'trigger' ORDER BY name").pluck().all()).toEqual([
      'ledger_chain_append_only_link',
      'ledger_chain_no_delete',
      'ledger_chain_no_update',
    ]);
    expect(() => db.prepare("UPDATE ledger_chain SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_chain WHERE seq = 2').run()).toThrow(/append-only/);
    const writer = ChainWriter.open(db, key);
    writer.batch(() => {
      writer.append('order.intent', { clientOrderId: 'FABCD-2' });
      writer.append('risk.decision', { clientOrderId: 'FABCD-2', verdict: 'ALLOW' });
    });
    expect(db.prepare('SELECT signature FROM ledger_chain WHERE seq > 2 ORDER BY seq').pluck().all().map((s) => (s as string).length)).toEqual([0, 88]);
    expect(verifyChain(db, key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: 4 });
    db.close();
  });
});
