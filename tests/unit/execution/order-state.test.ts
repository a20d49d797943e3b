import { describe, expect, it } from 'vitest';
import {
  InvalidOrderEventError,
  OrderOverfillError,
  applyOrderEvent,
} from '../../../src/main/execution';
import { orderSchema, type Order } from '../../../src/shared';
import { eventOf, orderIn } from './helpers/orders';

function fill(state: Order, lastQty: number, lastPx: number, commission = 0): Order {
  return applyOrderEvent(state, eventOf('OrderFilled', { lastQty, lastPx, commission }));
}

describe('applyOrderEvent', () => {
  it('derives avgFillPrice from the exact notional sum, rounded half away from zero', () => {
    let order = orderIn('ACCEPTED');
    order = fill(order, 1, 100_010_000); // $100.01
    order = fill(order, 2, 100_020_000); // $100.02
    expect(order.fillNotional).toBe(300_050_000);
    expect(order.filledQty).toBe(3);
    // 300.05 / 3 = 100.016666... -> $100.016667
    expect(order.avgFillPrice).toBe(100_016_667);
  });

  it('keeps the average exact over many small fills (no running-average drift)', () => {
    let order = orderIn('ACCEPTED', { quantity: 1_000 });
    for (let i = 0; i < 1_000; i += 1) order = fill(order, 1, i % 2 === 0 ? 585_330_000 : 585_340_000);
    expect(order.status).toBe('FILLED');
    expect(order.avgFillPrice).toBe(585_335_000);
    expect(order.fillNotional).toBe(500 * 585_330_000 + 500 * 585_340_000);
  });

  it('accumulates commission and records the venue order id of fills and acks', () => {
    let order = applyOrderEvent(orderIn('SUBMITTED'), eventOf('OrderAccepted', { venueOrderId: 'P-9' }));
    expect(order.venueOrderId).toBe('P-9');
    order = fill(order, 10, 585_300_000, 350_000);
    order = fill(order, 5, 585_300_000, 175_000);
    expect(order.commission).toBe(525_000);
  });

  it('rejects an over-fill, naming the order and the quantities', () => {
    const order = orderIn('PARTIALLY_FILLED', { filledQty: 95, fillNotional: 95 * 585_300_000, avgFillPrice: 585_300_000 });
    expect(() => fill(order, 6, 585_300_000)).toThrow(OrderOverfillError);
    expect(() => fill(order, 6, 585_300_000)).toThrow(
      'order FTEST-1: a fill of 6 shares would over-fill it (quantity 100, already filled 95, remaining 5)',
    );
  });

  it('rejects fills with a non-positive size or price and negative commissions', () => {
    const order = orderIn('ACCEPTED');
    expect(() => fill(order, 0, 585_300_000)).toThrow(/lastQty must be a positive whole number/);
    expect(() => fill(order, 1.5, 585_300_000)).toThrow(InvalidOrderEventError);
    expect(() => fill(order, 1, 0)).toThrow(/lastPx must be a positive integer/);
    expect(() => fill(order, 1, 585_300_000.5)).toThrow(/lastPx/);
    expect(() => fill(order, 1, 585_300_000, -1)).toThrow(/commission must be a non-negative/);
  });

  it('returns to PARTIALLY_FILLED when a cancel is rejected after fills arrived during the pending cancel', () => {
    let order = applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderPendingCancel'));
    order = fill(order, 10, 585_300_000);
    expect(order.status).toBe('PENDING_CANCEL');
    order = applyOrderEvent(order, eventOf('OrderCancelRejected'));
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(order.reason).toEqual({ code: 'TOO_LATE', message: 'cancel rejected in a test' });
  });

  it('does not let a late acknowledgement undo a fill received during a pending cancel', () => {
    let order = applyOrderEvent(orderIn('SUBMITTED'), eventOf('OrderPendingCancel'));
    order = fill(order, 10, 585_300_000);
    order = applyOrderEvent(order, eventOf('OrderAccepted'));
    expect(order.statusBeforePending).toBe('PARTIALLY_FILLED');
    expect(applyOrderEvent(order, eventOf('OrderCancelRejected')).status).toBe('PARTIALLY_FILLED');
  });

  it('keeps the original working status when a cancel supersedes a pending modify', () => {
    let order = applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderPendingUpdate'));
    order = applyOrderEvent(order, eventOf('OrderPendingCancel'));
    expect(order.statusBeforePending).toBe('ACCEPTED');
    expect(applyOrderEvent(order, eventOf('OrderCancelRejected')).status).toBe('ACCEPTED');
  });

  it('applies a modification and refuses one below the filled quantity', () => {
    const pending = applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderPendingUpdate'));
    const updated = applyOrderEvent(pending, eventOf('OrderUpdated', { quantity: 150, limitPrice: 585_310_000 }));
    expect(updated).toMatchObject({ status: 'ACCEPTED', quantity: 150, limitPrice: 585_310_000 });
    const partly = orderIn('PARTIALLY_FILLED', { filledQty: 40, fillNotional: 40 * 585_300_000, avgFillPrice: 585_300_000 });
    expect(() => applyOrderEvent(partly, eventOf('OrderUpdated', { quantity: 40 }))).toThrow(
      /updated quantity 40 must be a whole number above the 40 shares already filled/,
    );
  });

  it('records reasons for denials, rejections and cancels, and the time Floor recorded the event', () => {
    const denied = applyOrderEvent(orderIn('INITIALIZED'), eventOf('OrderDenied', { tsInit: 77 }));
    expect(denied.reason).toEqual({ code: 'TEST_DENY', message: 'denied in a test' });
    expect(denied.updatedAt).toBe(77);
    const rejected = applyOrderEvent(orderIn('SUBMITTED'), eventOf('OrderRejected'));
    expect(rejected.reason?.code).toBe('VENUE_REJECT');
    const canceled = applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderCanceled', { reason: { code: 'IOC', message: 'remainder' } }));
    expect(canceled.reason?.code).toBe('IOC');
  });

  it('refuses an event of another order', () => {
    expect(() => applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderCanceled', { clientOrderId: 'OTHER' }))).toThrow(
      'event OrderCanceled for order OTHER cannot be applied to order FTEST-1',
    );
  });

  it('does not modify the state it is given', () => {
    const order = orderIn('ACCEPTED');
    const copy = structuredClone(order);
    fill(order, 10, 585_300_000);
    expect(order).toEqual(copy);
  });

  it('an order carries exactly the fields of the one Order model, as the host sends it', () => {
    expect(Object.keys(orderIn('ACCEPTED')).sort()).toEqual(Object.keys(orderSchema.shape).sort());
  });
});
