import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderNotStagedError, StagedExpiryTimer, UnknownOrderError } from '../../../src/main/execution';
import { Ledger } from '../../../src/main/ledger';
import type { OrderTicket, RiskProfile, Signal } from '../../../src/shared';
import { engineOn, limitTicket, PERMISSIVE_PROFILE, type EngineFixture } from './helpers/engine-fixture';

/**
 * The approval queue: orders from a MANUAL source wait as STAGED, are re-checked by risk on approval,
 * can be rejected, and expire when stale. Prices micro-dollars, times Unix µs.
 */

const SECOND = 1_000_000;
/** API orders need the trader's approval and go stale after 60 s; price collar 1% around the mid. */
const APPROVAL_PROFILE: RiskProfile = {
  ...PERMISSIVE_PROFILE,
  approval: { TICKET: 'AUTO', HOTKEY: 'AUTO', API: 'MANUAL', ALGO: 'MANUAL' },
  stagedExpirySeconds: 60,
  priceCollarBps: 100,
};

let ledger: Ledger;
let f: EngineFixture;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  f = engineOn(ledger, {}, undefined, { profile: APPROVAL_PROFILE });
  f.marks.set('GOOG', 585_330_000);
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

function eventTypes(clientOrderId: string): string[] {
  return ledger.events.forOrder(clientOrderId).map((e) => e.event.type);
}

function apiTicket(signal: Signal = {}, quantity = 10): OrderTicket {
  return { ...limitTicket('BUY', quantity, 585_330_000), signal };
}

describe('approval: staging', () => {
  it('stages an order from a MANUAL source with its expiry and sends nothing', () => {
    const order = f.engine.submit(apiTicket({ signalId: 'alpha-1', score: 3 }), 'API');
    expect(order).toMatchObject({ status: 'STAGED', quantity: 10 });
    expect(order.expiresAt).toBe(order.createdAt + 60 * SECOND);
    expect(f.venue.submitted).toEqual([]);
    expect(eventTypes(order.clientOrderId)).toEqual(['OrderInitialized', 'OrderStaged']);
    expect(ledger.orders.get(order.clientOrderId)).toMatchObject({ status: 'STAGED', expiresAt: order.expiresAt });
  });

  it('sends orders from an AUTO source at once', () => {
    expect(f.engine.submit(apiTicket(), 'TICKET').status).toBe('SUBMITTED');
    expect(f.venue.submitted).toHaveLength(1);
  });

  it('denies a staged-source order that fails risk instead of staging it', () => {
    f.engine.risk.setTradingState('HALTED', 'MANUAL');
    expect(f.engine.submit(apiTicket(), 'ALGO')).toMatchObject({ status: 'DENIED', reason: { code: 'TRADING_HALTED' } });
    expect(f.engine.approvalQueue()).toEqual([]);
  });

  it('lists the queue by signal score, highest first, then oldest first, unscored last', () => {
    const low = f.engine.submit(apiTicket({ score: 1 }), 'API');
    const unscored = f.engine.submit(apiTicket(), 'API');
    const highOld = f.engine.submit(apiTicket({ score: 5 }), 'API');
    const highNew = f.engine.submit(apiTicket({ score: 5 }), 'ALGO');
    f.engine.submit(apiTicket({ score: 9 }), 'TICKET'); // sent at once, not queued
    expect(f.engine.approvalQueue().map((o) => o.clientOrderId)).toEqual([
      highOld.clientOrderId,
      highNew.clientOrderId,
      low.clientOrderId,
      unscored.clientOrderId,
    ]);
  });
});

describe('approval: approve and reject', () => {
  it('approve re-checks risk and sends the order: OrderApproved then OrderSubmitted', () => {
    const staged = f.engine.submit(apiTicket({ signalId: 'alpha-2' }), 'API');
    const order = f.engine.approve(staged.clientOrderId);
    expect(order.status).toBe('SUBMITTED');
    expect(f.venue.submitted).toEqual([expect.objectContaining({ clientOrderId: staged.clientOrderId, quantity: 10 })]);
    expect(eventTypes(staged.clientOrderId)).toEqual(['OrderInitialized', 'OrderStaged', 'OrderApproved', 'OrderSubmitted']);
    expect(f.engine.approvalQueue()).toEqual([]);
  });

  it('approve after the market moved away denies the order with the risk reason', () => {
    const staged = f.engine.submit(apiTicket(), 'API');
    // The mid runs 5% above the staged limit price: outside the 1% collar now.
    f.marks.set('GOOG', 614_600_000);
    const order = f.engine.approve(staged.clientOrderId);
    expect(order).toMatchObject({ status: 'DENIED', reason: { code: 'PRICE_COLLAR' } });
    expect(f.venue.submitted).toEqual([]);
    const denied = ledger.events.forOrder(staged.clientOrderId).at(-1)?.event;
    expect(denied).toMatchObject({ type: 'OrderDenied', check: 'price-collar' });
  });

  it('approve reduces the staged quantity when risk now allows less and reduce-to-fit is on', () => {
    const staged = f.engine.submit(apiTicket({}, 100), 'API');
    f.profile.set({ ...APPROVAL_PROFILE, reduceToFit: true, maxOrderQuantity: 40 });
    const order = f.engine.approve(staged.clientOrderId);
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 40 });
    expect(f.venue.submitted[0]?.quantity).toBe(40);
    const events = ledger.events.forOrder(staged.clientOrderId).map((e) => e.event);
    expect(events.map((e) => e.type)).toEqual(['OrderInitialized', 'OrderStaged', 'OrderApproved', 'OrderUpdated', 'OrderSubmitted']);
    expect(events[2]).toMatchObject({ riskAdjustments: [{ check: 'max-order-quantity', fromQuantity: 100, toQuantity: 40 }] });
  });

  it('reject cancels the staged order with REJECTED_BY_TRADER and never sends it', () => {
    const staged = f.engine.submit(apiTicket(), 'API');
    const order = f.engine.reject(staged.clientOrderId);
    expect(order).toMatchObject({ status: 'CANCELED', reason: { code: 'REJECTED_BY_TRADER' } });
    expect(f.venue.submitted).toEqual([]);
    expect(eventTypes(staged.clientOrderId)).toEqual(['OrderInitialized', 'OrderStaged', 'OrderCanceled']);
  });

  it('answers NOT_FOUND for an unknown order and CONFLICT for an order that is not staged', () => {
    expect(() => f.engine.approve('NOPE')).toThrow(UnknownOrderError);
    const sent = f.engine.submit(apiTicket(), 'TICKET');
    const conflict = (() => {
      try {
        f.engine.reject(sent.clientOrderId);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(conflict).toBeInstanceOf(OrderNotStagedError);
    expect(conflict).toMatchObject({ code: 'CONFLICT', message: `order ${sent.clientOrderId} is SUBMITTED, not STAGED: there is nothing to approve or reject` });
    const staged = f.engine.submit(apiTicket(), 'API');
    f.engine.approve(staged.clientOrderId);
    expect(() => f.engine.approve(staged.clientOrderId)).toThrow(OrderNotStagedError);
  });
});

describe('approval: expiry', () => {
  it('expires a staged order older than the profile expiry on the sweep', () => {
    const staged = f.engine.submit(apiTicket(), 'API');
    f.advance(59 * SECOND);
    expect(f.engine.expireStagedOrders()).toEqual([]);
    f.advance(1 * SECOND);
    const [expired] = f.engine.expireStagedOrders();
    expect(expired).toMatchObject({ clientOrderId: staged.clientOrderId, status: 'EXPIRED' });
    expect(eventTypes(staged.clientOrderId)).toEqual(['OrderInitialized', 'OrderStaged', 'OrderExpired']);
    expect(f.engine.approvalQueue()).toEqual([]);
  });

  it('refuses to approve a stale order, expiring it on the approval call', () => {
    const staged = f.engine.submit(apiTicket(), 'API');
    f.advance(61 * SECOND);
    expect(() => f.engine.approve(staged.clientOrderId)).toThrow(/is EXPIRED, not STAGED/);
    expect(f.engine.orders.get(staged.clientOrderId)?.status).toBe('EXPIRED');
    expect(f.venue.submitted).toEqual([]);
  });

  it('sweeps on a timer', () => {
    vi.useFakeTimers();
    try {
      const sweeper = { expireStagedOrders: vi.fn() };
      const timer = new StagedExpiryTimer(sweeper, () => undefined, 1_000);
      vi.advanceTimersByTime(3_500);
      expect(sweeper.expireStagedOrders).toHaveBeenCalledTimes(3);
      timer.dispose();
      vi.advanceTimersByTime(5_000);
      expect(sweeper.expireStagedOrders).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('approval: restart', () => {
  it('keeps staged orders, their order and their expiry across a restart, and can still approve them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-approval-'));
    try {
      const file = path.join(dir, 'ledger.sqlite');
      const first = Ledger.open(file);
      const a = engineOn(first, {}, undefined, { profile: APPROVAL_PROFILE });
      a.marks.set('GOOG', 585_330_000);
      const low = a.engine.submit(apiTicket({ signalId: 'sig-low', score: 1 }), 'API');
      const high = a.engine.submit(apiTicket({ signalId: 'sig-high', score: 2 }), 'API');
      a.engine.dispose();
      first.close();

      const second = Ledger.open(file);
      const b = engineOn(second, {}, undefined, { profile: null });
      b.marks.set('GOOG', 585_330_000);
      expect(b.engine.approvalQueue().map((o) => [o.clientOrderId, o.expiresAt, o.signal?.signalId])).toEqual([
        [high.clientOrderId, high.expiresAt, 'sig-high'],
        [low.clientOrderId, low.expiresAt, 'sig-low'],
      ]);
      // Approving under its own signal id is not a duplicate; a new order with that id is.
      expect(b.engine.approve(high.clientOrderId).status).toBe('SUBMITTED');
      expect(b.engine.submit(apiTicket({ signalId: 'sig-low' }), 'TICKET')).toMatchObject({ reason: { code: 'DUPLICATE_SIGNAL' } });
      b.advance(60 * SECOND);
      expect(b.engine.expireStagedOrders().map((o) => o.clientOrderId)).toEqual([low.clientOrderId]);
      b.engine.dispose();
      second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('approval: cancel of a staged order', () => {
  it('cancel still works on a staged order (the blotter cancel button)', () => {
    const staged = f.engine.submit(apiTicket(), 'API');
    expect(f.engine.cancel(staged.clientOrderId)).toMatchObject({ status: 'CANCELED', reason: { code: 'CANCELED_BEFORE_SUBMIT' } });
    expect(f.engine.approvalQueue()).toEqual([]);
  });
});
