import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import type { OrderInitialized, OrderTicket, RiskProfile } from '../../../src/shared';
import { engineOn, limitTicket, PERMISSIVE_PROFILE, type EngineFixture } from './helpers/engine-fixture';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

/**
 * The order path through ExecutionEngine.submit: sizing by the risk profile, the RiskEngine's
 * decision, and what is written to the ledger. Prices and money micro-dollars.
 */

const D = 1_000_000;
/** $100,000 of fixed capital, 1% / $1,000 max risk per trade: the textbook risk budget. */
const SIZING_PROFILE: RiskProfile = {
  ...PERMISSIVE_PROFILE,
  capitalSource: 'FIXED',
  fixedCapital: 100_000 * D,
  maxRiskPerTradeBps: 100,
  maxRiskPerTrade: 1_000 * D,
};

let ledger: Ledger;
let f: EngineFixture;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  f = engineOn(ledger, {}, undefined, { profile: SIZING_PROFILE, risk: 'full' });
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

function eventsOf(clientOrderId: string) {
  return ledger.events.forOrder(clientOrderId).map((e) => e.event);
}

function initializedOf(clientOrderId: string): OrderInitialized {
  const first = eventsOf(clientOrderId)[0];
  if (first?.type !== 'OrderInitialized') throw new Error(`order ${clientOrderId} has no OrderInitialized`);
  return first;
}

const riskTicket = (stop: number): OrderTicket => ({
  instrumentId: 'GOOG',
  side: 'BUY',
  orderType: 'LIMIT',
  timeInForce: 'DAY',
  limitPrice: 585_330_000,
  sizing: 'RISK',
  signal: { signalId: `sig-${stop}`, stop },
});

describe('order path: sizing', () => {
  it('sizes a RISK ticket to the risk budget over the stop distance and records the sizing in OrderInitialized', () => {
    // $1,000 budget / ($585.33 - $580.33) = 200 shares.
    const order = f.engine.submit(riskTicket(580_330_000), 'TICKET');
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 200, sizing: 'RISK', signal: { signalId: 'sig-580330000', stop: 580_330_000 } });
    expect(f.venue.submitted[0]?.quantity).toBe(200);
    const initialized = initializedOf(order.clientOrderId);
    expect(initialized.intent.quantity).toBe(200);
    expect(initialized.intent.signal).toEqual({ signalId: 'sig-580330000', stop: 580_330_000 });
    expect(initialized.sizing).toMatchObject({ method: 'RISK', quantity: 200 });
    expect(initialized.sizing?.requestedQuantity).toBeUndefined();
    expect(initialized.sizing?.explanation).toMatch(/200 shares/);
    expect(initialized.riskAdjustments).toBeUndefined();
    expect(ledger.orders.get(order.clientOrderId)).toMatchObject({ quantity: 200, sizing: 'RISK', signal: { stop: 580_330_000 } });
  });

  it('sizes a KELLY ticket to a quarter of the Kelly bet and records it', () => {
    // f* = 0.6 - 0.4 / 2 = 0.4; quarter Kelly = 10% of $100,000 = $10,000; / $585.33 = 17 shares.
    const order = f.engine.submit(
      {
        instrumentId: 'GOOG',
        side: 'BUY',
        orderType: 'LIMIT',
        timeInForce: 'DAY',
        limitPrice: 585_330_000,
        sizing: 'KELLY',
        signal: { winProbability: 0.6, payoffRatio: 2, stop: 575_330_000 },
      },
      'TICKET',
    );
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 17, sizing: 'KELLY' });
    expect(initializedOf(order.clientOrderId).sizing).toMatchObject({ method: 'KELLY', quantity: 17 });
  });

  it('keeps a FIXED ticket at its own quantity and records the requested quantity', () => {
    const order = f.engine.submit({ ...limitTicket('BUY', 10, 585_330_000), signal: { stop: 580_330_000 } }, 'TICKET');
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 10, sizing: 'FIXED' });
    expect(initializedOf(order.clientOrderId).sizing).toEqual({
      method: 'FIXED',
      requestedQuantity: 10,
      quantity: 10,
      explanation: 'fixed quantity: 10 shares as entered',
    });
  });

  it('sizes at the book mid when the order has neither a limit price nor a signal entry', () => {
    f.marks.set('GOOG', 585_330_000);
    const order = f.engine.submit(
      { instrumentId: 'GOOG', side: 'BUY', orderType: 'MARKET', timeInForce: 'DAY', sizing: 'RISK', signal: { stop: 583_330_000 } },
      'TICKET',
    );
    // $1,000 / ($585.33 - $583.33) = 500 shares.
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 500 });
  });

  it('denies with the sizer reason when the sizer finds no trade, recording 0 shares', () => {
    const order = f.engine.submit(riskTicket(585_330_000), 'TICKET');
    expect(order).toMatchObject({ status: 'DENIED', quantity: 0, reason: { code: 'SIZING_STOP_EQUALS_ENTRY' } });
    expect(f.venue.submitted).toEqual([]);
    const [initialized, denied] = eventsOf(order.clientOrderId);
    expect(initialized).toMatchObject({ type: 'OrderInitialized', intent: { quantity: 0 }, sizing: { method: 'RISK', quantity: 0 } });
    expect(denied).toMatchObject({ type: 'OrderDenied', check: 'sizing', reason: { code: 'SIZING_STOP_EQUALS_ENTRY' } });
    expect(ledger.orders.get(order.clientOrderId)).toMatchObject({ status: 'DENIED', quantity: 0 });
  });

  it('denies a Kelly signal without an edge (p x b <= 1 - p) with the sizer reason', () => {
    const order = f.engine.submit(
      {
        instrumentId: 'GOOG',
        side: 'BUY',
        orderType: 'LIMIT',
        timeInForce: 'DAY',
        limitPrice: 585_330_000,
        sizing: 'KELLY',
        signal: { winProbability: 0.4, payoffRatio: 1.5 },
      },
      'TICKET',
    );
    expect(order).toMatchObject({ status: 'DENIED', reason: { code: 'SIZING_NO_EDGE' } });
  });

  it('runs the structural checks before sizing, so an unknown instrument or an off-tick price is named as such', () => {
    const unknown = f.engine.submit({ ...riskTicket(580_330_000), instrumentId: 'AAPL' }, 'TICKET');
    expect(unknown).toMatchObject({ status: 'DENIED', quantity: 0, reason: { code: 'UNKNOWN_INSTRUMENT' } });
    const offTick = f.engine.submit({ ...riskTicket(580_330_000), limitPrice: 585_335_000 }, 'TICKET');
    expect(offTick).toMatchObject({ status: 'DENIED', reason: { code: 'PRICE_OFF_TICK' } });
    expect(eventsOf(offTick.clientOrderId)[1]).toMatchObject({ type: 'OrderDenied', check: 'tick-grid' });
  });

  it('denies an order it has no price to size and check at (market order, no book, no signal entry)', () => {
    const order = f.engine.submit(
      { instrumentId: 'GOOG', side: 'BUY', orderType: 'MARKET', timeInForce: 'DAY', sizing: 'RISK', signal: { stop: 580_330_000 } },
      'TICKET',
    );
    expect(order).toMatchObject({ status: 'DENIED', quantity: 0, reason: { code: 'NO_REFERENCE_PRICE' } });
  });
});

describe('order path: risk', () => {
  it('records a risk denial with its reason and check in order_events', () => {
    f.profile.set({ ...SIZING_PROFILE, maxTradeNotional: 5_000 * D });
    const order = f.engine.submit({ ...limitTicket('BUY', 10, 585_330_000), signal: { stop: 580_330_000 } }, 'TICKET');
    expect(order).toMatchObject({ status: 'DENIED', reason: { code: 'MAX_NOTIONAL' } });
    expect(f.venue.submitted).toEqual([]);
    const row = rawDatabase(ledger)
      .prepare("SELECT type, json_extract(payload, '$.reason.code') AS code, json_extract(payload, '$.check') AS check_name FROM order_events WHERE client_order_id = ? AND type = 'OrderDenied'")
      .get(order.clientOrderId);
    expect(row).toEqual({ type: 'OrderDenied', code: 'MAX_NOTIONAL', check_name: 'max-notional' });
  });

  it('reduces to fit when the profile allows it and records the adjustment in OrderInitialized', () => {
    f.profile.set({ ...SIZING_PROFILE, reduceToFit: true, maxOrderQuantity: 50 });
    const order = f.engine.submit(riskTicket(580_330_000), 'TICKET');
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 50 });
    expect(f.venue.submitted[0]?.quantity).toBe(50);
    const initialized = initializedOf(order.clientOrderId);
    expect(initialized.sizing?.quantity).toBe(200);
    expect(initialized.intent.quantity).toBe(50);
    expect(initialized.riskAdjustments).toEqual([
      { check: 'max-order-quantity', fromQuantity: 200, toQuantity: 50, reason: expect.objectContaining({ code: 'MAX_ORDER_QUANTITY' }) },
    ]);
  });

  it('denies instead of reducing when the profile does not allow reduce-to-fit', () => {
    f.profile.set({ ...SIZING_PROFILE, reduceToFit: false, maxOrderQuantity: 50 });
    const order = f.engine.submit(riskTicket(580_330_000), 'TICKET');
    expect(order).toMatchObject({ status: 'DENIED', quantity: 200, reason: { code: 'MAX_ORDER_QUANTITY' } });
  });

  it('counts every order it sends against the orders-per-second throttle', () => {
    f.profile.set({ ...SIZING_PROFILE, maxOrdersPerSecond: 2 });
    const ticket = { ...limitTicket('BUY', 1, 585_330_000), signal: { stop: 580_330_000 } };
    const statuses = [1, 2, 3].map(() => f.engine.submit(ticket, 'TICKET').status);
    expect(statuses).toEqual(['SUBMITTED', 'SUBMITTED', 'DENIED']);
    f.advance(1_000_001);
    expect(f.engine.submit(ticket, 'TICKET').status).toBe('SUBMITTED');
  });

  it('refuses a second order carrying a signal id already traded', () => {
    expect(f.engine.submit(riskTicket(580_330_000), 'TICKET').status).toBe('SUBMITTED');
    expect(f.engine.submit(riskTicket(580_330_000), 'TICKET')).toMatchObject({ status: 'DENIED', reason: { code: 'DUPLICATE_SIGNAL' } });
  });

  it('measures daily P&L from the equity at the start of the session and stops opening orders past the loss limit', () => {
    f.profile.set({ ...SIZING_PROFILE, dailyLossLimit: 500 * D });
    f.marks.set('GOOG', 585_330_000);
    const buy = f.engine.submit({ ...limitTicket('BUY', 100, 585_330_000), signal: { stop: 580_330_000 } }, 'TICKET');
    f.venue.fill(buy.clientOrderId, 100, 585_330_000);
    f.marks.set('GOOG', 579_330_000);
    f.engine.portfolio.setMark('GOOG', 579_330_000);
    // 100 shares x -$6.00 = -$600, beyond the $500 limit.
    expect(f.engine.portfolio.dailyPnl()).toBe(-600 * D);
    const more = f.engine.submit({ ...limitTicket('BUY', 1, 579_330_000), signal: { stop: 575_330_000 } }, 'TICKET');
    expect(more).toMatchObject({ status: 'DENIED', reason: { code: 'DAILY_LOSS_LIMIT' } });
    // Reducing the position is still allowed.
    expect(f.engine.submit(limitTicket('SELL', 100, 579_330_000), 'TICKET').status).toBe('SUBMITTED');
  });

  it('keeps the session start equity across a restart, so the day loss still counts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-order-path-'));
    try {
      const file = path.join(dir, 'ledger.sqlite');
      const first = Ledger.open(file);
      const a = engineOn(first, {}, undefined, { profile: SIZING_PROFILE, risk: 'full' });
      a.marks.set('GOOG', 585_330_000);
      const buy = a.engine.submit({ ...limitTicket('BUY', 100, 585_330_000), signal: { stop: 580_330_000 } }, 'TICKET');
      a.venue.fill(buy.clientOrderId, 100, 585_330_000);
      a.engine.dispose();
      first.close();

      const second = Ledger.open(file);
      const b = engineOn(second, {}, undefined, { profile: null, risk: 'full' });
      b.marks.set('GOOG', 584_330_000);
      b.engine.portfolio.setMark('GOOG', 584_330_000);
      expect(b.engine.portfolio.dailyPnl()).toBe(-100 * D);
      b.engine.dispose();
      second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a new baseline on the next session date', () => {
    f.marks.set('GOOG', 585_330_000);
    const buy = f.engine.submit({ ...limitTicket('BUY', 100, 585_330_000), signal: { stop: 580_330_000 } }, 'TICKET');
    f.venue.fill(buy.clientOrderId, 100, 585_330_000);
    f.engine.portfolio.setMark('GOOG', 584_330_000);
    expect(f.engine.portfolio.dailyPnl()).toBe(-100 * D);
    f.advance(24 * 3_600 * D);
    expect(f.engine.portfolio.dailyPnl()).toBe(0);
  });
});
