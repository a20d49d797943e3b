import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ORDER_ID_SETTING, LedgerIdGenerator } from '../../../src/main/execution';
import { Ledger } from '../../../src/main/ledger';
import type { Order } from '../../../src/main/../shared';
import { orderFixture } from '../../support/order-fixtures';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(':memory:');
});
afterEach(() => ledger.close());

const clock = { now: () => 1_700_000_000_000_000 };

function storeOrder(clientOrderId: string): void {
  const record: Order = { ...orderFixture({ clientOrderId }), venue: null, statusBeforePending: null, fillNotional: 0 };
  ledger.orders.insert(record);
}

const storedSequence = () => rawDatabase(ledger).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CLIENT_ORDER_ID_SETTING) as string | undefined;

describe('LedgerIdGenerator', () => {
  it('draws the ledger prefix once, stores it before any order, and numbers orders from 1', () => {
    const ids = new LedgerIdGenerator(ledger, clock);
    const stored = JSON.parse(storedSequence()!) as { prefix: string; next: number };
    expect(stored.prefix).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
    expect([ids.nextClientOrderId(), ids.nextClientOrderId()]).toEqual([`F${stored.prefix}-1`, `F${stored.prefix}-2`]);
    // A second generator on the same ledger (a restart) keeps the prefix.
    expect(new LedgerIdGenerator(ledger, clock).nextClientOrderId()).toMatch(new RegExp(`^F${stored.prefix}-`));
  });

  it('does not write to the ledger per order: the order rows are the record of the numbers used', () => {
    const ids = new LedgerIdGenerator(ledger, clock);
    const before = storedSequence();
    for (let i = 0; i < 5; i++) ids.nextClientOrderId();
    expect(storedSequence()).toBe(before);
  });

  it('continues after a restart one past the highest number the stored orders hold', () => {
    const first = new LedgerIdGenerator(ledger, clock);
    const a = first.nextClientOrderId();
    const b = first.nextClientOrderId();
    const rolledBack = first.nextClientOrderId();
    storeOrder(a);
    storeOrder(b);
    const restarted = new LedgerIdGenerator(ledger, clock);
    // The third id's order never committed, so nothing anywhere holds it: it may be handed out again.
    expect(restarted.nextClientOrderId()).toBe(rolledBack);
  });

  it('never goes back behind the counter a ledger from before this rule stored', () => {
    ledger.settings.set(CLIENT_ORDER_ID_SETTING, { prefix: 'K7Q2', next: 41 }, 1);
    storeOrder('FK7Q2-12');
    expect(new LedgerIdGenerator(ledger, clock).nextClientOrderId()).toBe('FK7Q2-41');
    storeOrder('FK7Q2-77');
    expect(new LedgerIdGenerator(ledger, clock).nextClientOrderId()).toBe('FK7Q2-78');
  });

  it('skips, never reuses, a number within a run', () => {
    const ids = new LedgerIdGenerator(ledger, clock);
    const seen = new Set(Array.from({ length: 100 }, () => ids.nextClientOrderId()));
    expect(seen.size).toBe(100);
  });
});
