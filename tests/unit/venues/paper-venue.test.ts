import { describe, expect, it } from 'vitest';
import { FixedCommissionModel, PaperVenue, TieredCommissionModel } from '../../../src/main/venues/paper';
import type { Order } from '../../../src/shared';
import { SESSION_END, TestFeed, event, googTime } from './lobster-test-feed';
import { goog, paperMarket, restored, usd } from './paper-venue-fixtures';

function rejectionOf(order: Order, setup?: (m: ReturnType<typeof paperMarket>) => void) {
  const m = paperMarket(1);
  setup?.(m);
  m.venue.submit(order);
  const events = m.of(order.clientOrderId);
  expect(events).toHaveLength(1);
  const [only] = events;
  if (only?.type !== 'OrderRejected') throw new Error(`expected a rejection, got ${JSON.stringify(events)}`);
  return only.reason;
}

describe('paper venue: validation at the boundary', () => {
  it('rejects an unknown instrument, naming the instruments it trades', () => {
    const r = rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: usd('580'), instrumentId: 'MSFT' }));
    expect(r.code).toBe('UNKNOWN_INSTRUMENT');
    expect(r.message).toContain('"MSFT"');
    expect(r.message).toContain('GOOG');
  });

  it.each([0, -5, 1.5, Number.NaN])('rejects quantity %s as not a positive whole number of shares', (quantity) => {
    const r = rejectionOf(goog({ side: 'BUY', quantity, limitPrice: usd('580') }));
    expect(r.code).toBe('INVALID_QUANTITY');
    expect(r.message).toMatch(/positive whole number of shares/);
  });

  it('rejects a limit order without a positive limit price', () => {
    expect(rejectionOf(goog({ side: 'BUY', quantity: 10 })).code).toBe('INVALID_PRICE');
    expect(rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: 0 })).code).toBe('INVALID_PRICE');
    expect(rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: -10_000 })).code).toBe('INVALID_PRICE');
    expect(rejectionOf(goog({ side: 'BUY', quantity: 10, orderType: 'MARKET', limitPrice: usd('580') })).message).toMatch(/takes no limit price/);
  });

  it('rejects a price off the one-cent grid above $1 (Reg NMS Rule 612) and suggests the neighbouring ticks', () => {
    const r = rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: usd('580.005') }));
    expect(r.code).toBe('PRICE_OFF_TICK');
    expect(r.message).toBe('The limit price $580.005 is not a multiple of the $0.01 tick (Reg NMS Rule 612); use $580.00 or $580.01.');
    const stop = rejectionOf(goog({ side: 'SELL', quantity: 10, orderType: 'STOP_MARKET', stopPrice: usd('579.999') }));
    expect(stop.code).toBe('PRICE_OFF_TICK');
  });

  it('accepts sub-dollar prices on the $0.0001 grid and rejects finer ones', () => {
    const ok = paperMarket(1);
    const sub = goog({ side: 'BUY', quantity: 10, limitPrice: usd('0.5012') });
    ok.venue.submit(sub);
    expect(ok.types(sub.clientOrderId)).toEqual(['OrderAccepted']);
    expect(rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: usd('0.50125') })).code).toBe('PRICE_OFF_TICK');
  });

  it('rejects unsupported order type and time-in-force combinations with the supported alternatives', () => {
    const gtcMarket = rejectionOf(goog({ side: 'BUY', quantity: 10, orderType: 'MARKET', timeInForce: 'GTC' }));
    expect(gtcMarket).toEqual({ code: 'UNSUPPORTED_ORDER', message: 'MARKET orders with time in force GTC are not supported by the paper venue; use DAY or IOC or FOK.' });
    const iocStop = rejectionOf(goog({ side: 'BUY', quantity: 10, orderType: 'STOP_MARKET', stopPrice: usd('581'), timeInForce: 'IOC' }));
    expect(iocStop.code).toBe('UNSUPPORTED_ORDER');
    const trailing = rejectionOf(goog({ side: 'SELL', quantity: 10, orderType: 'TRAILING_STOP_MARKET' }));
    expect(trailing.code).toBe('UNSUPPORTED_ORDER');
    expect(trailing.message).toMatch(/Trailing stop orders are not supported by the paper venue/);
  });

  it('rejects orders once the replayed session has ended', () => {
    const r = rejectionOf(goog({ side: 'BUY', quantity: 10, limitPrice: usd('580') }), (m) => m.feed.finish());
    expect(r.code).toBe('MARKET_CLOSED');
    expect(r.message).toMatch(/session has ended/);
  });

  it('rejects orders while the replay is halted and accepts them once trading resumes', () => {
    const m = paperMarket(1);
    const t = googTime(1);
    m.feed.apply({ kind: 'HALT', side: 'SELL', price: -1, size: 0, orderId: 0, time: t + 1, haltPhase: 'HALTED' });
    const during = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(during);
    expect(m.of(during.clientOrderId)[0]).toMatchObject({ type: 'OrderRejected', reason: { code: 'MARKET_HALTED' } });
    m.feed.apply({ kind: 'HALT', side: 'SELL', price: 0, size: 0, orderId: 0, time: t + 2, haltPhase: 'QUOTING' });
    const quoting = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(quoting);
    expect(m.of(quoting.clientOrderId)[0]).toMatchObject({ type: 'OrderRejected', reason: { code: 'MARKET_HALTED' } });
    m.feed.apply({ kind: 'HALT', side: 'SELL', price: 1, size: 0, orderId: 0, time: t + 3, haltPhase: 'RESUMED' });
    const after = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(after);
    expect(m.types(after.clientOrderId)).toEqual(['OrderAccepted']);
  });

  it('throws on a reused clientOrderId (a programming error, not a venue rejection)', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(o);
    expect(() => m.venue.submit(o)).toThrow(/already used/);
  });
});

describe('paper venue: cancels, expiry, identity', () => {
  it('cancels a working order, then refuses to cancel it again or an order it never saw', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(o);
    m.venue.cancel(o.clientOrderId);
    expect(m.of(o.clientOrderId).at(-1)).toMatchObject({ type: 'OrderCanceled', reason: { code: 'CANCELED_BY_REQUEST' } });
    expect(m.venue.workingOrder(o.clientOrderId)).toBeUndefined();
    m.venue.cancel(o.clientOrderId);
    expect(m.of(o.clientOrderId).at(-1)).toMatchObject({ type: 'OrderCancelRejected', reason: { code: 'ORDER_NOT_OPEN' } });
    m.venue.cancel('never-sent');
    expect(m.of('never-sent')).toEqual([expect.objectContaining({ type: 'OrderCancelRejected', reason: expect.objectContaining({ code: 'UNKNOWN_ORDER' }) })]);
  });

  it('refuses to cancel a filled order', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 10, orderType: 'MARKET' });
    m.venue.submit(o);
    m.venue.cancel(o.clientOrderId);
    expect(m.types(o.clientOrderId)).toEqual(['OrderAccepted', 'OrderFilled', 'OrderCancelRejected']);
  });

  it('a listener cancelling on acceptance sees the immediate fills first (events arrive in order)', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 250, limitPrice: usd('580.43') });
    m.venue.onEvent((e) => {
      if (e.type === 'OrderAccepted' && e.clientOrderId === o.clientOrderId) m.venue.cancel(o.clientOrderId);
    });
    m.venue.submit(o);
    expect(m.types(o.clientOrderId)).toEqual(['OrderAccepted', 'OrderFilled', 'OrderFilled', 'OrderCanceled']);
  });

  it('DAY orders expire at the session end while GTC orders keep working', () => {
    const m = paperMarket(1);
    const day = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    const gtc = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00'), timeInForce: 'GTC' });
    const stop = goog({ side: 'SELL', quantity: 10, orderType: 'STOP_MARKET', stopPrice: usd('570.00') });
    m.venue.submit(day);
    m.venue.submit(gtc);
    m.venue.submit(stop);
    m.feed.finish();
    expect(m.of(day.clientOrderId).at(-1)).toMatchObject({ type: 'OrderExpired', clientOrderId: day.clientOrderId, tsEvent: m.feed.toUnixMicros(SESSION_END) });
    expect(m.of(stop.clientOrderId).at(-1)?.type).toBe('OrderExpired');
    expect(m.venue.workingOrder(gtc.clientOrderId)).toMatchObject({ state: 'RESTING' });
  });

  it('DAY orders expire when a replayed event reaches the session end', () => {
    const m = paperMarket(1);
    const day = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    m.venue.submit(day);
    m.feed.apply(event('ADD', 'BUY', usd('570.00'), 100, SESSION_END));
    expect(m.types(day.clientOrderId)).toEqual(['OrderAccepted', 'OrderExpired']);
  });

  it('mints VenueOrderIds and TradeIds that differ between runs', () => {
    const feed = new TestFeed(1);
    const a = new PaperVenue({ feeds: [feed], commission: new FixedCommissionModel() });
    const b = new PaperVenue({ feeds: [new TestFeed(1)], commission: new FixedCommissionModel() });
    expect(a.runId).toMatch(/^[0-9a-f]{12}$/);
    expect(a.runId).not.toBe(b.runId);
    const ids: string[] = [];
    for (const v of [a, b]) v.onEvent((e) => e.type === 'OrderFilled' && ids.push(e.venueOrderId, e.tradeId));
    a.submit(goog({ side: 'BUY', quantity: 10, orderType: 'MARKET' }));
    b.submit(goog({ side: 'BUY', quantity: 10, orderType: 'MARKET' }));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(a.venueId).toBe('PAPER');
    expect(a.connectionState()).toBe('CONNECTED');
  });
});

describe('paper venue: restore after a restart', () => {
  it('re-rests an open limit order at the back of the queue with its venue id and prior fills', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('579.40'), timeInForce: 'GTC' });
    m.venue.restore([restored(o, 'PAPER-earlier-7', 40)]);
    expect(m.events).toEqual([]);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ venueOrderId: 'PAPER-earlier-7', filledQty: 40, queueAhead: 496, state: 'RESTING' });
    m.feed.apply(event('ADD', 'BUY', usd('579.40'), 100, googTime(1) + 1)); // joins behind us
    m.feed.apply(event('EXECUTE_VISIBLE', 'BUY', usd('579.40'), 496 + 60, googTime(1) + 2));
    const fills = m.fillEvents(o.clientOrderId);
    expect(fills.map((f) => [f.lastQty, f.venueOrderId])).toEqual([[60, 'PAPER-earlier-7']]);
    // The $1.00 IB Fixed minimum was already charged on the 40 shares before the restart: 100 x $0.005 = $0.50 < $1.00.
    expect(fills[0]!.commission).toBe(0);
  });

  it('cancels restored orders that can never be working and expires restored DAY orders after the close', () => {
    const m = paperMarket(1);
    const market = goog({ side: 'BUY', quantity: 10, orderType: 'MARKET' });
    m.venue.restore([restored(market, 'PAPER-earlier-1', 0)]);
    expect(m.of(market.clientOrderId)).toEqual([expect.objectContaining({ type: 'OrderCanceled', reason: expect.objectContaining({ code: 'NOT_RESTORABLE' }) })]);

    const closed = paperMarket(1);
    closed.feed.finish();
    const day = goog({ side: 'SELL', quantity: 10, limitPrice: usd('590.00') });
    const gtc = goog({ side: 'SELL', quantity: 10, limitPrice: usd('590.00'), timeInForce: 'GTC' });
    closed.venue.restore([
      restored(day, 'PAPER-earlier-2', 0),
      restored(gtc, 'PAPER-earlier-3', 0),
    ]);
    expect(closed.types(day.clientOrderId)).toEqual(['OrderExpired']);
    expect(closed.venue.workingOrder(gtc.clientOrderId)).toMatchObject({ state: 'RESTING' });
  });

  it('throws when a restored order claims to be filled already', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.00') });
    expect(() => m.venue.restore([restored(o, 'X', 10)])).toThrow(/filledQty/);
  });
});

describe('paper venue: commission on venue fills', () => {
  it('charges IB Tiered on a marketable buy: commission, Nasdaq take fee, clearing and pass-through per order', () => {
    const m = paperMarket(1, new TieredCommissionModel());
    const o = goog({ side: 'BUY', quantity: 200, orderType: 'MARKET' });
    m.venue.submit(o);
    const [first, second] = m.fillEvents(o.clientOrderId).map((f) => f.commission);
    // 100 shares: IB 0.35 (= min) + Nasdaq 0.30 + clearing 0.02 + pass-through 0.000061 + 0.000198.
    expect(first).toBe(670_259);
    // 200 shares: IB 0.70 + 0.60 + 0.04 + 0.000123 + 0.000396 = 1.340519 for the order.
    expect(first! + second!).toBe(1_340_519);
  });
});
