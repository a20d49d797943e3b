import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerHealthMonitor } from '../../../src/main/app/ledger-health';
import { Ledger } from '../../../src/main/ledger';
import { TerminalSigningKey } from '../../../src/main/security/terminal-key';
import { ledgerHealthSchema } from '../../../src/shared';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let ledger: Ledger;
let key: TerminalSigningKey;
let monitor: LedgerHealthMonitor;
let now = 1_764_000_000_000;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  key = TerminalSigningKey.generate();
  ledger.signWith(key);
  monitor = new LedgerHealthMonitor(ledger.chain, key, { now: () => (now += 1_000) });
});
afterEach(() => ledger.close());

const switchState = (i: number) => ledger.recordFact('mode.switch', { tradingState: i % 2 === 0 ? 'HALTED' : 'ACTIVE', previous: 'ACTIVE', tsEvent: i });

describe('ledger health (header badge)', () => {
  it('reports a verified chain with the key, and counts entries appended after the verification', () => {
    for (let i = 0; i < 5; i += 1) switchState(i);
    const first = monitor.verify();
    expect(ledgerHealthSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({ status: 'VERIFIED', entries: 5, verifiedEntries: 5, keyFingerprint: key.fingerprint, failure: null });
    switchState(5);
    expect(monitor.health()).toMatchObject({ status: 'VERIFIED', entries: 6, verifiedEntries: 5, verifiedAt: first.verifiedAt });
  });

  it('names the first bad seq after an entry is edited outside Floor (the append-only trigger dropped)', () => {
    for (let i = 0; i < 5; i += 1) switchState(i);
    expect(monitor.verify().status).toBe('VERIFIED');
    rawDatabase(ledger).exec('DROP TRIGGER ledger_chain_no_update');
    rawDatabase(ledger).prepare("UPDATE ledger_chain SET payload = json_set(payload, '$.tradingState', 'ACTIVE') WHERE seq = 3").run();
    const health = monitor.verify();
    expect(health).toMatchObject({ status: 'BROKEN', verifiedEntries: 2, failure: { seq: 3, kind: 'tampered-entry' } });
    expect(health.failure?.reason).toMatch(/altered/);
  });

  it('verifies on first ask when start-up has not', () => {
    switchState(0);
    expect(monitor.health()).toMatchObject({ status: 'VERIFIED', entries: 1, verifiedEntries: 1 });
  });
});
