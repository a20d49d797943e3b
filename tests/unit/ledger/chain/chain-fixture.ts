import type Database from 'better-sqlite3';
import { closeLedgerDatabase, openLedgerDatabase } from '../../../../src/main/ledger';
import { ChainWriter, type ChainEntryType, type ChainPayload } from '../../../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../../../src/main/security/terminal-key';

/** A migrated in-memory ledger with a chain writer on a fresh key and a stepping clock (µs). */
export interface ChainFixture {
  readonly db: Database.Database;
  readonly key: TerminalSigningKey;
  readonly writer: ChainWriter;
  close(): void;
}

/** Opens a ledger (':memory:' unless `file` is given) with a writer whose clock starts at 1.7e15 µs and steps 1 µs per entry. */
export function openChainFixture(file = ':memory:', key = TerminalSigningKey.generate()): ChainFixture {
  const db = openLedgerDatabase(file);
  let ts = 1_700_000_000_000_000;
  const writer = ChainWriter.open(db, key, { clock: { now: () => ts++ } });
  return { db, key, writer, close: () => closeLedgerDatabase(db) };
}

/** A realistic sequence of facts around one order, in the order the engine records them. */
export const ORDER_STORY: readonly [ChainEntryType, ChainPayload][] = [
  ['order.intent', { clientOrderId: 'O-1', instrumentId: 'AAPL', side: 'BUY', quantity: 100, limitPrice: 190_250_000, source: 'TICKET' }],
  ['risk.decision', { clientOrderId: 'O-1', verdict: 'PASS', checks: ['MAX_NOTIONAL', 'DAILY_LOSS'] }],
  ['order.approval', { clientOrderId: 'O-1', approvedBy: 'AUTO_EXECUTE' }],
  ['venue.event', { clientOrderId: 'O-1', type: 'OrderAccepted', venueOrderId: '1001' }],
  ['venue.event', { clientOrderId: 'O-1', type: 'OrderFilled', tradeId: 'T-1', lastQty: 100, lastPrice: 190_240_000 }],
  ['mode.switch', { from: 'ACTIVE', to: 'HALTED', reason: 'KILL_SWITCH' }],
  ['security.event', { code: 'INTERLOCK_VERIFIED', authenticator: 'platform', note: 'Zürich ✓' }],
];

/** Appends ORDER_STORY and returns the number of entries. */
export function appendStory(writer: ChainWriter): number {
  for (const [type, payload] of ORDER_STORY) writer.append(type, payload);
  return ORDER_STORY.length;
}

/** Simulates an attacker with write access to the file: removes the append-only guards. */
export function dropChainGuards(db: Database.Database): void {
  for (const trigger of ['ledger_chain_no_update', 'ledger_chain_no_delete', 'ledger_chain_append_only_link', 'ledger_chain_head_no_delete']) {
    db.exec(`DROP TRIGGER ${trigger}`);
  }
}
