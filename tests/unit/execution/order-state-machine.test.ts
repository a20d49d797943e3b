import { describe, expect, it } from 'vitest';
import {
  ORDER_TRANSITIONS,
  InvalidOrderTransitionError,
  applyOrderEvent,
  initializeOrder,
} from '../../../src/main/execution';
import { ORDER_STATUSES, TERMINAL_ORDER_STATUSES, type OrderEventType, type OrderStatus } from '../../../src/shared';
import { ORDER_EVENT_TYPES } from '../../../src/main/ledger';
import { eventOf, orderIn } from './helpers/orders';

type Row = readonly [from: OrderStatus, before: OrderStatus | null, event: OrderEventType, to: OrderStatus, after: OrderStatus | null];

/**
 * Every legal transition, written out by hand (not derived from the table) with the status the
 * order returns to when pending. Fills are partial (10 of 100 shares) here; completion is tested below.
 */
const LEGAL: readonly Row[] = [
  ['INITIALIZED', null, 'OrderDenied', 'DENIED', null],
  ['INITIALIZED', null, 'OrderStaged', 'STAGED', null],
  ['INITIALIZED', null, 'OrderSubmitted', 'SUBMITTED', null],
  ['STAGED', null, 'OrderApproved', 'STAGED', null],
  ['STAGED', null, 'OrderUpdated', 'STAGED', null],
  ['STAGED', null, 'OrderSubmitted', 'SUBMITTED', null],
  ['STAGED', null, 'OrderDenied', 'DENIED', null],
  ['STAGED', null, 'OrderCanceled', 'CANCELED', null],
  ['STAGED', null, 'OrderExpired', 'EXPIRED', null],
  ['SUBMITTED', null, 'OrderAccepted', 'ACCEPTED', null],
  ['SUBMITTED', null, 'OrderRejected', 'REJECTED', null],
  ['SUBMITTED', null, 'OrderFilled', 'PARTIALLY_FILLED', null],
  ['SUBMITTED', null, 'OrderPendingCancel', 'PENDING_CANCEL', 'SUBMITTED'],
  ['SUBMITTED', null, 'OrderPendingUpdate', 'PENDING_UPDATE', 'SUBMITTED'],
  ['SUBMITTED', null, 'OrderCanceled', 'CANCELED', null],
  ['SUBMITTED', null, 'OrderExpired', 'EXPIRED', null],
  ['ACCEPTED', null, 'OrderFilled', 'PARTIALLY_FILLED', null],
  ['ACCEPTED', null, 'OrderPendingCancel', 'PENDING_CANCEL', 'ACCEPTED'],
  ['ACCEPTED', null, 'OrderPendingUpdate', 'PENDING_UPDATE', 'ACCEPTED'],
  ['ACCEPTED', null, 'OrderUpdated', 'ACCEPTED', null],
  ['ACCEPTED', null, 'OrderCanceled', 'CANCELED', null],
  ['ACCEPTED', null, 'OrderExpired', 'EXPIRED', null],
  ['PARTIALLY_FILLED', null, 'OrderAccepted', 'PARTIALLY_FILLED', null],
  ['PARTIALLY_FILLED', null, 'OrderFilled', 'PARTIALLY_FILLED', null],
  ['PARTIALLY_FILLED', null, 'OrderPendingCancel', 'PENDING_CANCEL', 'PARTIALLY_FILLED'],
  ['PARTIALLY_FILLED', null, 'OrderPendingUpdate', 'PENDING_UPDATE', 'PARTIALLY_FILLED'],
  ['PARTIALLY_FILLED', null, 'OrderUpdated', 'PARTIALLY_FILLED', null],
  ['PARTIALLY_FILLED', null, 'OrderCanceled', 'CANCELED', null],
  ['PARTIALLY_FILLED', null, 'OrderExpired', 'EXPIRED', null],
  ['PENDING_UPDATE', 'ACCEPTED', 'OrderUpdated', 'ACCEPTED', null],
  ['PENDING_UPDATE', 'PARTIALLY_FILLED', 'OrderModifyRejected', 'PARTIALLY_FILLED', null],
  ['PENDING_UPDATE', 'ACCEPTED', 'OrderFilled', 'PENDING_UPDATE', 'PARTIALLY_FILLED'],
  ['PENDING_UPDATE', 'SUBMITTED', 'OrderAccepted', 'PENDING_UPDATE', 'ACCEPTED'],
  ['PENDING_UPDATE', 'ACCEPTED', 'OrderPendingCancel', 'PENDING_CANCEL', 'ACCEPTED'],
  ['PENDING_UPDATE', 'ACCEPTED', 'OrderCanceled', 'CANCELED', null],
  ['PENDING_UPDATE', 'ACCEPTED', 'OrderExpired', 'EXPIRED', null],
  ['PENDING_CANCEL', 'ACCEPTED', 'OrderCanceled', 'CANCELED', null],
  ['PENDING_CANCEL', 'ACCEPTED', 'OrderCancelRejected', 'ACCEPTED', null],
  ['PENDING_CANCEL', 'PARTIALLY_FILLED', 'OrderCancelRejected', 'PARTIALLY_FILLED', null],
  ['PENDING_CANCEL', 'ACCEPTED', 'OrderFilled', 'PENDING_CANCEL', 'PARTIALLY_FILLED'],
  ['PENDING_CANCEL', 'SUBMITTED', 'OrderAccepted', 'PENDING_CANCEL', 'ACCEPTED'],
  ['PENDING_CANCEL', 'ACCEPTED', 'OrderExpired', 'EXPIRED', null],
];

function startingFilled(status: OrderStatus, before: OrderStatus | null): number {
  return status === 'PARTIALLY_FILLED' || before === 'PARTIALLY_FILLED' ? 40 : 0;
}

describe('order state machine: legal transitions', () => {
  it.each(LEGAL)('%s (returning to %s) + %s -> %s (returning to %s)', (from, before, type, to, after) => {
    const filledQty = startingFilled(from, before);
    const state = orderIn(from, {
      statusBeforePending: before,
      filledQty,
      fillNotional: filledQty * 585_300_000,
      avgFillPrice: filledQty > 0 ? 585_300_000 : null,
    });
    const next = applyOrderEvent(state, eventOf(type));
    expect(next.status).toBe(to);
    expect(next.statusBeforePending).toBe(after);
  });

  it('lists every entry of the transition table above, and nothing else', () => {
    const fromTable = Object.entries(ORDER_TRANSITIONS).flatMap(([status, events]) =>
      Object.keys(events).map((type) => `${status} + ${type}`),
    );
    const fromTests = [...new Set(LEGAL.map(([from, , type]) => `${from} + ${type}`))];
    expect(fromTests.sort()).toEqual(fromTable.sort());
  });

  it('covers every status of DESIGN.md and every order event type', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    const used = new Set(LEGAL.map(([, , type]) => type));
    for (const type of ORDER_EVENT_TYPES) if (type !== 'OrderInitialized') expect(used, type).toContain(type);
  });

  it.each(['SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED', 'PENDING_UPDATE', 'PENDING_CANCEL'] as const)(
    'a fill completing the order moves %s to FILLED',
    (from) => {
      const pending = from === 'PENDING_UPDATE' || from === 'PENDING_CANCEL';
      const state = orderIn(from, {
        statusBeforePending: pending ? 'PARTIALLY_FILLED' : null,
        filledQty: 90,
        fillNotional: 90 * 585_300_000,
        avgFillPrice: 585_300_000,
      });
      const next = applyOrderEvent(state, eventOf('OrderFilled', { lastQty: 10 }));
      expect(next.status).toBe('FILLED');
      expect(next.statusBeforePending).toBeNull();
      expect(next.filledQty).toBe(100);
    },
  );

  it('OrderInitialized creates an INITIALIZED order from the intent', () => {
    const event = eventOf('OrderInitialized');
    const order = initializeOrder(event as Parameters<typeof initializeOrder>[0]);
    expect(order).toMatchObject({ status: 'INITIALIZED', quantity: 100, limitPrice: 585_330_000, stopPrice: null, filledQty: 0 });
    expect(order.createdAt).toBe(event.tsInit);
  });
});

describe('order state machine: illegal transitions', () => {
  it('throws InvalidOrderTransitionError naming the status and the event', () => {
    const filled = orderIn('FILLED', { filledQty: 100, fillNotional: 100 * 585_300_000, avgFillPrice: 585_300_000 });
    expect(() => applyOrderEvent(filled, eventOf('OrderCanceled'))).toThrow(InvalidOrderTransitionError);
    expect(() => applyOrderEvent(filled, eventOf('OrderCanceled'))).toThrow(
      'order FTEST-1 in status FILLED cannot accept event OrderCanceled (FILLED is terminal)',
    );
    expect(() => applyOrderEvent(orderIn('INITIALIZED'), eventOf('OrderFilled'))).toThrow(
      /in status INITIALIZED cannot accept event OrderFilled \(legal in INITIALIZED: OrderDenied, OrderStaged, OrderSubmitted\)/,
    );
  });

  it('refuses a cancel rejection for an order that has no cancel pending', () => {
    expect(() => applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderCancelRejected'))).toThrow(
      /ACCEPTED cannot accept event OrderCancelRejected/,
    );
  });

  it('refuses OrderInitialized for an existing order', () => {
    expect(() => applyOrderEvent(orderIn('ACCEPTED'), eventOf('OrderInitialized'))).toThrow(
      /ACCEPTED cannot accept event OrderInitialized/,
    );
  });

  it('terminal statuses accept no event at all', () => {
    for (const status of TERMINAL_ORDER_STATUSES) {
      for (const type of ORDER_EVENT_TYPES) {
        expect(() => applyOrderEvent(orderIn(status), eventOf(type)), `${status} + ${type}`).toThrow(
          InvalidOrderTransitionError,
        );
      }
    }
  });

  it('every pair missing from the table throws, naming both', () => {
    let illegal = 0;
    for (const status of ORDER_STATUSES) {
      for (const type of ORDER_EVENT_TYPES) {
        if (ORDER_TRANSITIONS[status][type] !== undefined) continue;
        illegal += 1;
        const state = orderIn(status, { statusBeforePending: status.startsWith('PENDING') ? 'ACCEPTED' : null });
        expect(() => applyOrderEvent(state, eventOf(type))).toThrow(new RegExp(`${status} cannot accept event ${type}`));
      }
    }
    expect(illegal).toBeGreaterThan(100);
  });
});
