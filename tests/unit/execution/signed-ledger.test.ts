import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import { verifyChain } from '../../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../../src/main/security/terminal-key';
import { engineOn, limitTicket, PERMISSIVE_PROFILE, type EngineFixture } from './helpers/engine-fixture';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

/**
 * The engine on a signed ledger: every order intent, risk verdict, approval and venue event, and
 * every trading-state switch, becomes a signed chain entry in the same transaction as the rows it
 * describes, and each order row names the chain entry of its latest event. Prices micro-dollars.
 */

interface ChainRow {
  seq: number;
  type: string;
  payload: string;
  hash: string;
}

let ledger: Ledger;
let key: TerminalSigningKey;
let f: EngineFixture;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  key = TerminalSigningKey.generate();
  ledger.signWith(key);
  f = engineOn(ledger, {}, undefined, { profile: { ...PERMISSIVE_PROFILE, approval: { ...PERMISSIVE_PROFILE.approval, API: 'MANUAL' } } });
  f.marks.set('GOOG', 585_350_000);
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

const chain = (): ChainRow[] => rawDatabase(ledger).prepare('SELECT seq, type, payload, hash FROM ledger_chain ORDER BY seq').all() as ChainRow[];
const factsOf = (clientOrderId: string): { type: string; what: string }[] =>
  chain()
    .map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as { event?: { clientOrderId: string; type: string }; clientOrderId?: string; verdict?: string; approval?: string } }))
    .filter(({ payload }) => (payload.event?.clientOrderId ?? payload.clientOrderId) === clientOrderId)
    .map(({ type, payload }) => ({ type, what: payload.event?.type ?? payload.verdict ?? payload.approval ?? '?' }));

describe('signed ledger: what the engine records', () => {
  it('records an auto-executed order as intent, ALLOW verdict, AUTO approval, then each venue event, in order', () => {
    const order = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.accept(order.clientOrderId);
    f.venue.fill(order.clientOrderId, 100, 585_330_000, 1_000_000);
    expect(factsOf(order.clientOrderId)).toEqual([
      { type: 'order.intent', what: 'OrderInitialized' },
      { type: 'risk.decision', what: 'ALLOW' },
      { type: 'order.approval', what: 'AUTO' },
      { type: 'venue.event', what: 'OrderSubmitted' },
      { type: 'venue.event', what: 'OrderAccepted' },
      { type: 'venue.event', what: 'OrderFilled' },
    ]);
    expect(verifyChain(rawDatabase(ledger), key.publicKeyPem)).toMatchObject({ ok: true, entries: 6 });
  });

  it('records a denial as the risk decision, with the check and the reason', () => {
    f.engine.risk.setTradingState('HALTED', 'MANUAL');
    const order = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    expect(order.status).toBe('DENIED');
    const decision = chain().find((row) => row.type === 'risk.decision');
    expect(JSON.parse(decision?.payload ?? '{}')).toMatchObject({ event: { type: 'OrderDenied', clientOrderId: order.clientOrderId, check: expect.any(String), reason: { code: expect.any(String) } } });
    expect(factsOf(order.clientOrderId).map((x) => x.type)).toEqual(['order.intent', 'risk.decision']);
  });

  it('records staging, the re-check at approval and the trader\'s approval, and a trader\'s rejection as an approval fact', () => {
    const approved = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'API');
    expect(approved.status).toBe('STAGED');
    f.engine.approve(approved.clientOrderId);
    expect(factsOf(approved.clientOrderId)).toEqual([
      { type: 'order.intent', what: 'OrderInitialized' },
      { type: 'risk.decision', what: 'ALLOW' },
      { type: 'order.approval', what: 'OrderStaged' },
      { type: 'risk.decision', what: 'ALLOW' },
      { type: 'order.approval', what: 'OrderApproved' },
      { type: 'venue.event', what: 'OrderSubmitted' },
    ]);
    const rejected = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'API');
    f.engine.reject(rejected.clientOrderId);
    expect(factsOf(rejected.clientOrderId).at(-1)).toEqual({ type: 'order.approval', what: 'OrderCanceled' });
  });

  it('records each trading-state switch (kill switch, resume) as a mode switch', () => {
    f.engine.risk.setTradingState('HALTED', 'MANUAL');
    f.engine.risk.setTradingState('ACTIVE', 'MANUAL');
    const switches = chain()
      .filter((row) => row.type === 'mode.switch')
      .map((row) => JSON.parse(row.payload) as { tradingState: string; previous: string });
    expect(switches).toEqual([
      expect.objectContaining({ tradingState: 'HALTED', previous: 'ACTIVE' }),
      expect.objectContaining({ tradingState: 'ACTIVE', previous: 'HALTED' }),
    ]);
  });

  it('keeps on every order row the seq and hash of the signed entry of its latest event, and on every event row its entry', () => {
    const order = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.accept(order.clientOrderId);
    f.venue.fill(order.clientOrderId, 40, 585_330_000);
    const row = rawDatabase(ledger).prepare('SELECT status, chain_seq, chain_hash FROM orders WHERE client_order_id = ?').get(order.clientOrderId) as { status: string; chain_seq: number; chain_hash: string };
    const entry = chain().find((e) => e.seq === row.chain_seq);
    expect(row.status).toBe('PARTIALLY_FILLED');
    expect(entry?.hash).toBe(row.chain_hash);
    expect(JSON.parse(entry?.payload ?? '{}')).toMatchObject({ event: { type: 'OrderFilled', clientOrderId: order.clientOrderId, lastQty: 40 } });
    const unlinked = rawDatabase(ledger).prepare('SELECT count(*) FROM order_events WHERE chain_seq IS NULL').pluck().get();
    expect(unlinked).toBe(0);
    const mismatched = rawDatabase(ledger)
      .prepare("SELECT count(*) FROM order_events e JOIN ledger_chain c ON c.seq = e.chain_seq WHERE json_extract(c.payload, '$.event.eventId') IS NOT e.event_id")
      .pluck()
      .get();
    expect(mismatched).toBe(0);
  });

  it('writes no chain entry when the transaction it belongs to fails, and the chain stays verifiable', () => {
    f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    const before = chain().length;
    expect(() =>
      ledger.transaction(() => {
        ledger.recordFact('mode.switch', { tradingState: 'HALTED', previous: 'ACTIVE', tsEvent: 1 });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(chain()).toHaveLength(before);
    expect(verifyChain(rawDatabase(ledger), key.publicKeyPem)).toMatchObject({ ok: true, entries: before });
  });

  it('refuses to sign a ledger already signed by another terminal key', () => {
    const other = Ledger.open(':memory:');
    other.signWith(TerminalSigningKey.generate());
    other.recordFact('mode.switch', { tradingState: 'HALTED', previous: 'ACTIVE', tsEvent: 1 });
    const reopened = new Ledger(rawDatabase(other));
    expect(() => reopened.signWith(key)).toThrow(/different terminal key/);
    other.close();
  });
});
