import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidOrderTicketError,
  OrderNotCancelableError,
  UnknownOrderError,
} from '../../../src/main/execution';
import type { RiskCheck } from '../../../src/main/execution/risk';
import { Ledger } from '../../../src/main/ledger';
import type { OrderTicket } from '../../../src/shared';
import { engineOn, limitTicket, type EngineFixture } from './helpers/engine-fixture';
import { eventOf, orderIn } from './helpers/orders';

const D = 1_000_000;
let ledger: Ledger;
let f: EngineFixture;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  f = engineOn(ledger);
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

function eventTypes(clientOrderId: string): string[] {
  return ledger.events.forOrder(clientOrderId).map((e) => e.event.type);
}

describe('ExecutionEngine.submit', () => {
  it('records OrderInitialized and OrderSubmitted, then hands the order to the venue', () => {
    const order = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    expect(order).toMatchObject({ status: 'SUBMITTED', quantity: 100, limitPrice: 585_330_000, source: 'TICKET' });
    expect(order.clientOrderId).toMatch(/^F[0-9A-Z]{4}-1$/);
    expect(f.venue.submitted).toEqual([
      expect.objectContaining({ clientOrderId: order.clientOrderId, instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000, stopPrice: null }),
    ]);
    expect(eventTypes(order.clientOrderId)).toEqual(['OrderInitialized', 'OrderSubmitted']);
    expect(ledger.orders.get(order.clientOrderId)?.status).toBe('SUBMITTED');
  });

  it('returns the order as the venue left it when the venue answers synchronously', () => {
    f.venue.autoAccept = true;
    const order = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'HOTKEY');
    expect(order.status).toBe('ACCEPTED');
    expect(order.venueOrderId).toBe(`V-${order.clientOrderId}`);
  });

  it('gives every order a new short ASCII client order id usable as an IB orderRef', () => {
    const ids = Array.from({ length: 5 }, () => f.engine.submit(limitTicket('BUY', 1, 585_330_000), 'TICKET').clientOrderId);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[\x21-\x7e]{1,22}$/);
  });

  it('denies an unknown instrument with a structured reason and never calls the venue', () => {
    const order = f.engine.submit({ ...limitTicket('BUY', 10, 100_000_000), instrumentId: 'AAPL' }, 'TICKET');
    expect(order.status).toBe('DENIED');
    expect(order.reason).toEqual({ code: 'UNKNOWN_INSTRUMENT', message: 'AAPL is not an instrument this terminal trades' });
    expect(f.venue.submitted).toEqual([]);
    expect(eventTypes(order.clientOrderId)).toEqual(['OrderInitialized', 'OrderDenied']);
  });

  it('denies a limit price off the instrument tick grid', () => {
    const order = f.engine.submit(limitTicket('BUY', 10, 585_335_000), 'TICKET');
    expect(order.status).toBe('DENIED');
    expect(order.reason).toEqual({ code: 'PRICE_OFF_TICK', message: "limit price $585.335 is not on GOOG's tick grid of $0.01" });
  });

  it('denies a stop price off the tick grid', () => {
    const ticket: OrderTicket = { instrumentId: 'GOOG', side: 'SELL', quantity: 5, orderType: 'STOP_MARKET', timeInForce: 'GTC', stopPrice: 580_001_000 };
    expect(f.engine.submit(ticket, 'TICKET').reason?.code).toBe('PRICE_OFF_TICK');
  });

  it('denies every order while trading is HALTED', () => {
    f.engine.risk.setTradingState('HALTED', 'MANUAL');
    const order = f.engine.submit(limitTicket('SELL', 10, 585_330_000), 'API');
    expect(order.status).toBe('DENIED');
    expect(order.reason?.code).toBe('TRADING_HALTED');
  });

  it('in REDUCING allows only orders that shrink the position, counting working orders', () => {
    f.venue.autoAccept = true;
    const buy = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.fill(buy.clientOrderId, 100, 585_330_000);
    f.engine.risk.setTradingState('REDUCING', 'MANUAL');
    expect(f.engine.submit(limitTicket('BUY', 1, 585_330_000), 'TICKET').reason?.code).toBe('TRADING_REDUCING');
    expect(f.engine.submit(limitTicket('SELL', 60, 585_400_000), 'TICKET').status).toBe('ACCEPTED');
    expect(f.engine.submit(limitTicket('SELL', 41, 585_400_000), 'TICKET').reason?.code).toBe('TRADING_REDUCING');
    expect(f.engine.submit(limitTicket('SELL', 40, 585_400_000), 'TICKET').status).toBe('ACCEPTED');
  });

  it('lets an added risk check deny with its own reason (one framework for every check)', () => {
    const maxNotional: RiskCheck = {
      name: 'ten-thousand',
      evaluate: ({ order }) =>
        order.quantity * (order.limitPrice ?? 0) > 10_000 * D ? { kind: 'DENY', reason: { code: 'MAX_NOTIONAL', message: 'order notional above $10,000' } } : { kind: 'ALLOW' },
    };
    f.engine.dispose();
    f = engineOn(ledger, {}, undefined, { extraChecks: [maxNotional] });
    expect(f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET').reason?.code).toBe('MAX_NOTIONAL');
    expect(f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET').status).toBe('SUBMITTED');
  });

  it('rejects a malformed ticket naming the field, and records nothing', () => {
    const bad = { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY' } as OrderTicket;
    expect(() => f.engine.submit(bad, 'TICKET')).toThrow(InvalidOrderTicketError);
    expect(() => f.engine.submit(bad, 'TICKET')).toThrow('invalid order ticket: limitPrice: a LIMIT order needs a limit price');
    expect(() => f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'ROBOT' as 'API')).toThrow(/source: must be one of TICKET/);
    expect(f.engine.orders.list()).toEqual([]);
    expect(ledger.orders.all()).toEqual([]);
  });

  it('turns a venue that throws on submit into a REJECTED order with the reason', () => {
    f.venue.throwOnSubmit = new Error('socket closed');
    const order = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    expect(order.status).toBe('REJECTED');
    expect(order.reason).toEqual({ code: 'VENUE_ERROR', message: 'the venue failed to take the order: socket closed' });
    expect(f.errors).toHaveLength(1);
  });
});

describe('ExecutionEngine: venue events', () => {
  it('books partial fills, then the completing fill, with positions and account updated', () => {
    const seen: string[] = [];
    f.engine.orders.onDidChange((o) => seen.push(`order:${o.status}`));
    f.engine.orders.onDidFill((x) => seen.push(`fill:${x.quantity}`));
    f.engine.portfolio.onDidChangePosition((p) => seen.push(`position:${p.quantity}`));
    f.engine.portfolio.onDidChangeAccount((a) => seen.push(`account:${a.cash}`));
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    f.venue.fill(clientOrderId, 40, 585_330_000, 200_000);
    expect(f.engine.orders.get(clientOrderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQty: 40, avgFillPrice: 585_330_000 });
    f.venue.fill(clientOrderId, 60, 585_320_000, 300_000);
    const order = f.engine.orders.get(clientOrderId)!;
    expect(order).toMatchObject({ status: 'FILLED', filledQty: 100, commission: 500_000 });
    expect(order.avgFillPrice).toBe((40 * 585_330_000 + 60 * 585_320_000) / 100);
    expect(f.engine.orders.fills().map((x) => x.quantity)).toEqual([40, 60]);
    expect(f.engine.portfolio.positions()).toMatchObject([{ instrumentId: 'GOOG', quantity: 100, realizedPnl: -500_000, commissions: 500_000 }]);
    const cash = 100_000 * D - 40 * 585_330_000 - 60 * 585_320_000 - 500_000;
    expect(f.engine.portfolio.account()).toMatchObject({ cash });
    expect(ledger.account.get().cash).toBe(cash);
    expect(seen).toEqual([
      'order:SUBMITTED',
      'order:ACCEPTED',
      'order:PARTIALLY_FILLED', 'fill:40', 'position:40', `account:${100_000 * D - 40 * 585_330_000 - 200_000}`,
      'order:FILLED', 'fill:60', 'position:100', `account:${cash}`,
    ]);
  });

  it('records a venue rejection with its reason', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.reject(clientOrderId, { code: 'NO_LIQUIDITY', message: 'nothing to match' });
    expect(f.engine.orders.get(clientOrderId)).toMatchObject({ status: 'REJECTED', reason: { code: 'NO_LIQUIDITY' } });
  });

  it('cancels: PENDING_CANCEL, venue asked, then CANCELED', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    expect(f.engine.cancel(clientOrderId).status).toBe('PENDING_CANCEL');
    expect(f.venue.cancelRequests).toEqual([clientOrderId]);
    expect(f.engine.cancel(clientOrderId).status).toBe('PENDING_CANCEL');
    expect(f.venue.cancelRequests).toHaveLength(1);
    f.venue.canceled(clientOrderId);
    expect(f.engine.orders.get(clientOrderId)?.status).toBe('CANCELED');
    expect(eventTypes(clientOrderId)).toEqual([
      'OrderInitialized', 'OrderSubmitted', 'OrderAccepted', 'OrderPendingCancel', 'OrderCanceled',
    ]);
  });

  it('returns a partly filled order to PARTIALLY_FILLED when the cancel is rejected', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    f.venue.fill(clientOrderId, 4, 585_330_000);
    f.engine.cancel(clientOrderId);
    f.venue.cancelRejected(clientOrderId);
    expect(f.engine.orders.get(clientOrderId)).toMatchObject({ status: 'PARTIALLY_FILLED', reason: { code: 'TOO_LATE' } });
  });

  it('records expiry of a working order', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    f.venue.expired(clientOrderId);
    expect(f.engine.orders.get(clientOrderId)?.status).toBe('EXPIRED');
    expect(f.engine.orders.open()).toEqual([]);
  });

  it('refuses to cancel an unknown or finished order with a clear error', () => {
    expect(() => f.engine.cancel('F0000-99')).toThrow(UnknownOrderError);
    expect(() => f.engine.cancel('F0000-99')).toThrow('no order has client order id "F0000-99"');
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.fill(clientOrderId, 10, 585_330_000);
    expect(() => f.engine.cancel(clientOrderId)).toThrow(OrderNotCancelableError);
    expect(() => f.engine.cancel(clientOrderId)).toThrow(`order ${clientOrderId} is FILLED and can no longer be canceled`);
  });

  it('logs and ignores events for unknown orders, duplicate trade ids and impossible transitions', () => {
    f.venue.accept('NOT-OURS');
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    f.venue.fill(clientOrderId, 5, 585_330_000, 0, 'T-dup');
    f.venue.fill(clientOrderId, 5, 585_330_000, 0, 'T-dup');
    f.venue.fill(clientOrderId, 50, 585_330_000); // over-fill
    f.venue.canceled(clientOrderId);
    f.venue.fill(clientOrderId, 1, 585_330_000); // fill after cancel
    expect(f.warnings).toEqual([
      'ignored OrderAccepted from venue SCRIPTED for unknown order "NOT-OURS"',
      `ignored duplicate fill T-dup for order ${clientOrderId} (already booked)`,
    ]);
    expect(f.errors).toHaveLength(2);
    expect(f.errors[0]).toMatch(/over-fill/);
    expect(f.errors[1]).toMatch(/CANCELED cannot accept event OrderFilled/);
    expect(f.engine.orders.get(clientOrderId)).toMatchObject({ status: 'CANCELED', filledQty: 5 });
    expect(f.engine.portfolio.positions()[0]?.quantity).toBe(5);
    expect(ledger.fills.all()).toHaveLength(1);
  });

  it('cancels a STAGED order at once without asking the venue', () => {
    // A staged order waiting for approval, as the approval flow stores it.
    const staged = { ...orderIn('STAGED'), clientOrderId: 'FSTG-1', venue: null, expiresAt: 1_800_000_000_000_000 };
    ledger.transaction(() => {
      ledger.orders.insert(staged);
      ledger.events.append({ ...eventOf('OrderInitialized'), clientOrderId: 'FSTG-1' });
      ledger.events.append({ ...eventOf('OrderStaged'), clientOrderId: 'FSTG-1' });
    });
    f.engine.dispose();
    f = engineOn(ledger);
    const order = f.engine.cancel('FSTG-1');
    expect(order).toMatchObject({ status: 'CANCELED', reason: { code: 'CANCELED_BEFORE_SUBMIT' } });
    expect(f.venue.cancelRequests).toEqual([]);
    expect(eventTypes('FSTG-1')).toEqual(['OrderInitialized', 'OrderStaged', 'OrderCanceled']);
  });
});

describe('ExecutionEngine: marks and queries', () => {
  it('recomputes unrealized P&L on a new mark and announces it once per change', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.fill(clientOrderId, 100, 585_330_000);
    const positions: number[] = [];
    const equity: number[] = [];
    f.engine.portfolio.onDidChangePosition((p) => positions.push(p.unrealizedPnl));
    f.engine.portfolio.onDidChangeAccount((a) => equity.push(a.equity));
    f.engine.portfolio.setMark('GOOG', 585_430_000);
    f.engine.portfolio.setMark('GOOG', 585_430_000);
    expect(positions).toEqual([100 * 100_000]);
    expect(equity).toEqual([100_000 * D + 100 * 100_000]);
    expect(f.engine.portfolio.positions()[0]).toMatchObject({ markPrice: 585_430_000, unrealizedPnl: 10_000_000 });
    expect(f.engine.portfolio.account().unrealizedPnl).toBe(10_000_000);
    expect(() => f.engine.portfolio.setMark('GOOG', -1)).toThrow(/mark of GOOG must be a positive integer/);
  });

  it('marks a new position from the mark source at the time of the fill', () => {
    f.marks.set('GOOG', 585_350_000);
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 10, 585_330_000), 'TICKET');
    f.venue.fill(clientOrderId, 10, 585_330_000);
    expect(f.engine.portfolio.positions()[0]).toMatchObject({ markPrice: 585_350_000, unrealizedPnl: 200_000 });
  });

  it('lists orders newest first and open orders oldest first', () => {
    const a = f.engine.submit(limitTicket('BUY', 1, 585_330_000), 'TICKET').clientOrderId;
    const b = f.engine.submit(limitTicket('BUY', 2, 585_330_000), 'TICKET').clientOrderId;
    const c = f.engine.submit(limitTicket('BUY', 3, 585_330_000), 'TICKET').clientOrderId;
    f.venue.reject(b);
    expect(f.engine.orders.list().map((o) => o.clientOrderId)).toEqual([c, b, a]);
    expect(f.engine.orders.open().map((o) => o.clientOrderId)).toEqual([a, c]);
  });

  it('rejects an unknown trading state', () => {
    expect(() => f.engine.risk.setTradingState('PAUSED' as 'HALTED', 'MANUAL')).toThrow('trading state must be one of ACTIVE, REDUCING, HALTED, got "PAUSED"');
  });
});
