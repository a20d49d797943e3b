import { describe, expect, it } from 'vitest';
import { OrderIdRangeExhaustedError, OrderIdSequence, REQUEST_ID_BASE, RequestIdSequence } from '../../../../src/main/venues/ib/order-ids';

describe('IB order ids', () => {
  it('starts at the gateway\'s nextValidId on a first connection', () => {
    const ids = new OrderIdSequence();
    expect(() => ids.next()).toThrow(/nextValidId/);
    ids.onNextValidId(1);
    expect([ids.next(), ids.next()]).toEqual([1, 2]);
  });

  it('never reuses an id when a restarted gateway rolls nextValidId back (error 103 otherwise)', () => {
    const ids = new OrderIdSequence(41);
    expect(ids.onNextValidId(7)).toBe(42);
    expect(ids.next()).toBe(42);
    ids.reset();
    expect(ids.ready).toBe(false);
    expect(ids.onNextValidId(1)).toBe(43);
    expect(ids.onNextValidId(100)).toBe(100);
  });

  it('jumps past an id the gateway called a duplicate', () => {
    const ids = new OrderIdSequence();
    ids.onNextValidId(5);
    ids.skipPast(20);
    expect(ids.next()).toBe(21);
  });

  it('keeps order ids below the request id range, and request ids inside it', () => {
    const ids = new OrderIdSequence();
    ids.onNextValidId(REQUEST_ID_BASE);
    expect(() => ids.next()).toThrow(OrderIdRangeExhaustedError);
    const requests = new RequestIdSequence();
    const first = requests.next();
    expect(first).toBe(REQUEST_ID_BASE);
    expect(RequestIdSequence.isRequestId(first)).toBe(true);
    expect(RequestIdSequence.isRequestId(42)).toBe(false);
  });
});
