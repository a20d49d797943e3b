import { describe, expect, it } from 'vitest';
import { event, googMessage, googTime } from './lobster-test-feed';
import { goog, paperMarket, usd } from './paper-venue-fixtures';

/*
 * Book after GOOG 2012-06-21 message row 1 (../shared/data/lobster/excerpts, orderbook row 1):
 *   asks 580.23 x100, 580.43 x100, 580.50 x100, 580.63 x100, 580.67 x100, ...
 *   bids 579.40 x496, 578.70 x400, 578.50 x500, ...
 */

describe('paper exchange: taking liquidity', () => {
  it('a marketable buy walks the ask levels, one TAKER execution per level, with per-order commission', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 250, orderType: 'MARKET' });
    m.venue.submit(o);
    expect(m.types(o.clientOrderId)).toEqual(['OrderAccepted', 'OrderFilled', 'OrderFilled', 'OrderFilled']);
    expect(m.fills(o.clientOrderId)).toEqual([
      [100, usd('580.23'), 'TAKER'],
      [100, usd('580.43'), 'TAKER'],
      [50, usd('580.50'), 'TAKER'],
    ]);
    const fills = m.fillEvents(o.clientOrderId);
    // IB Fixed: 250 x $0.005 = $1.25 for the order; the $1.00 minimum is met by the first execution.
    expect(fills.map((f) => f.commission)).toEqual([1_000_000, 0, 250_000]);
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(3);
    expect(fills[0]!.venueOrderId).toBe(m.venueOrderId(o.clientOrderId));
    // Event time is the replay's market time (row 1, 09:30:00.015105 ET) as Unix µs.
    expect(fills[0]!.tsEvent).toBe(m.feed.toUnixMicros(googTime(1)));
    expect(m.venue.workingOrder(o.clientOrderId)).toBeUndefined();
  });

  it('a limit buy through the ask fills up to its limit and rests the remainder at its limit', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 250, limitPrice: usd('580.43') });
    m.venue.submit(o);
    expect(m.fills(o.clientOrderId)).toEqual([
      [100, usd('580.23'), 'TAKER'],
      [100, usd('580.43'), 'TAKER'],
    ]);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'RESTING', price: usd('580.43'), filledQty: 200, queueAhead: 0 });
  });

  it('does not take the same displayed shares twice until the replay changes that level', () => {
    const m = paperMarket(1);
    const first = goog({ side: 'BUY', quantity: 150, orderType: 'MARKET' });
    const second = goog({ side: 'BUY', quantity: 100, orderType: 'MARKET' });
    m.venue.submit(first);
    m.venue.submit(second);
    expect(m.fills(first.clientOrderId)).toEqual([
      [100, usd('580.23'), 'TAKER'],
      [50, usd('580.43'), 'TAKER'],
    ]);
    // The replayed book still shows 100 at 580.23 and 100 at 580.43, but we already took 150 of them.
    expect(m.fills(second.clientOrderId)).toEqual([
      [50, usd('580.43'), 'TAKER'],
      [50, usd('580.50'), 'TAKER'],
    ]);
    // The replay adds 10 shares at 580.23: the level changed, so our record of it is released.
    m.feed.apply(event('ADD', 'SELL', usd('580.23'), 10, googTime(1) + 1));
    const third = goog({ side: 'BUY', quantity: 20, orderType: 'MARKET' });
    m.venue.submit(third);
    expect(m.fills(third.clientOrderId)).toEqual([[20, usd('580.23'), 'TAKER']]);
  });

  it('IOC fills what it can at its limit and cancels the rest', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 250, limitPrice: usd('580.43'), timeInForce: 'IOC' });
    m.venue.submit(o);
    expect(m.types(o.clientOrderId)).toEqual(['OrderAccepted', 'OrderFilled', 'OrderFilled', 'OrderCanceled']);
    const canceled = m.of(o.clientOrderId).at(-1)!;
    expect(canceled).toMatchObject({ type: 'OrderCanceled', reason: { code: 'IOC_UNFILLED' } });
    expect(m.venue.workingOrder(o.clientOrderId)).toBeUndefined();
  });

  it('FOK that cannot fill completely is canceled without any fill, and fills completely when it can', () => {
    const m = paperMarket(1);
    const tooBig = goog({ side: 'BUY', quantity: 250, limitPrice: usd('580.43'), timeInForce: 'FOK' });
    m.venue.submit(tooBig);
    expect(m.types(tooBig.clientOrderId)).toEqual(['OrderAccepted', 'OrderCanceled']);
    expect(m.of(tooBig.clientOrderId)[1]).toMatchObject({ reason: { code: 'FOK_UNFILLABLE' } });
    const fits = goog({ side: 'BUY', quantity: 200, limitPrice: usd('580.43'), timeInForce: 'FOK' });
    m.venue.submit(fits);
    expect(m.fills(fits.clientOrderId)).toEqual([
      [100, usd('580.23'), 'TAKER'],
      [100, usd('580.43'), 'TAKER'],
    ]);
  });

  it('a market order with no liquidity is canceled with NO_LIQUIDITY; with too little it fills what is there', () => {
    const m = paperMarket(0); // empty book at 09:30
    const none = goog({ side: 'BUY', quantity: 10, orderType: 'MARKET' });
    m.venue.submit(none);
    expect(m.types(none.clientOrderId)).toEqual(['OrderAccepted', 'OrderCanceled']);
    expect(m.of(none.clientOrderId)[1]).toMatchObject({ reason: { code: 'NO_LIQUIDITY' } });

    m.feed.apply(event('ADD', 'SELL', usd('580.00'), 30, googTime(1)));
    const some = goog({ side: 'BUY', quantity: 50, orderType: 'MARKET' });
    m.venue.submit(some);
    expect(m.fills(some.clientOrderId)).toEqual([[30, usd('580.00'), 'TAKER']]);
    expect(m.of(some.clientOrderId).at(-1)).toMatchObject({ type: 'OrderCanceled', reason: { code: 'NO_LIQUIDITY' } });
  });

  it('a market sell walks the bids down', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'SELL', quantity: 600, orderType: 'MARKET' });
    m.venue.submit(o);
    expect(m.fills(o.clientOrderId)).toEqual([
      [496, usd('579.40'), 'TAKER'],
      [104, usd('578.70'), 'TAKER'],
    ]);
  });
});

describe('paper exchange: resting orders and queue position', () => {
  it('a buy limit at the bid joins behind the visible size and fills only after replayed executions consume the queue', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('579.40') });
    m.venue.submit(o);
    expect(m.types(o.clientOrderId)).toEqual(['OrderAccepted']);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'RESTING', queueAhead: 496 });

    m.feed.applyGoogRows(2, 2); // 300 executed at 579.40
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(196);
    m.feed.applyGoogRows(3, 42); // 167 more executed; 100 added behind us (row 8)
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(29);
    m.feed.applyGoogRows(43, 43); // the last 29 ahead of us execute
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(0);
    expect(m.fills(o.clientOrderId)).toEqual([]);

    m.feed.applyGoogRows(44, 44); // 100 executed that were displayed behind us: the seller reaches us
    expect(m.fills(o.clientOrderId)).toEqual([[100, usd('579.40'), 'MAKER']]);
    expect(m.fillEvents(o.clientOrderId)[0]!.tsEvent).toBe(m.feed.toUnixMicros(googMessage(44).time));
    expect(m.venue.workingOrder(o.clientOrderId)).toBeUndefined();
  });

  it('partial fills continue through later real executions, and a new sell crossing our bid fills us', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 150, limitPrice: usd('579.40') });
    m.venue.submit(o);
    m.feed.applyGoogRows(2, 48);
    expect(m.fills(o.clientOrderId)).toEqual([[100, usd('579.40'), 'MAKER']]);
    m.feed.applyGoogRows(49, 49); // a 1-share sell order arrives at 579.40: it would have traded with our bid
    expect(m.fills(o.clientOrderId).at(-1)).toEqual([1, usd('579.40'), 'MAKER']);
    m.feed.applyGoogRows(50, 54); // 99 added behind us (row 51), then 11 and 29 executed at 579.40
    expect(m.fills(o.clientOrderId).slice(2)).toEqual([
      [11, usd('579.40'), 'MAKER'],
      [29, usd('579.40'), 'MAKER'],
    ]);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ filledQty: 141, queueAhead: 0 });
    m.feed.applyGoogRows(55, 62); // 59 executed at 579.40: our last 9 fill
    expect(m.fills(o.clientOrderId).at(-1)).toEqual([9, usd('579.40'), 'MAKER']);
    expect(m.types(o.clientOrderId).filter((t) => t === 'OrderFilled')).toHaveLength(5);
    expect(m.venue.workingOrder(o.clientOrderId)).toBeUndefined();
  });

  it('a replayed execution at a price through our bid fills us at our limit', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 200, limitPrice: usd('579.45') }); // inside the spread
    m.venue.submit(o);
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(0);
    m.feed.applyGoogRows(2, 2); // a seller hits 300 at 579.40, below our 579.45
    expect(m.fills(o.clientOrderId)).toEqual([[200, usd('579.45'), 'MAKER']]);
  });

  it('hidden executions at or through our price fill us when no displayed shares are ahead', () => {
    const m = paperMarket(2);
    const o = goog({ side: 'BUY', quantity: 5, limitPrice: usd('579.49') }); // inside the spread, nothing displayed at 579.49
    m.venue.submit(o);
    // Rows 3-6: hidden buy orders executed at 579.51, 579.50 (better than ours: no fill), 579.49 (ours), 579.48 (through ours).
    m.feed.applyGoogRows(3, 6);
    expect(m.fills(o.clientOrderId)).toEqual([
      [1, usd('579.49'), 'MAKER'],
      [1, usd('579.49'), 'MAKER'],
    ]);
  });

  it('hidden executions do not fill us while displayed shares are ahead at our price (displayed before non-displayed)', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 10, limitPrice: usd('579.40') });
    m.venue.submit(o);
    m.feed.apply(event('EXECUTE_HIDDEN', 'BUY', usd('579.40'), 50, googTime(1) + 1));
    m.feed.apply(event('EXECUTE_HIDDEN', 'BUY', usd('579.39'), 50, googTime(1) + 2));
    expect(m.fills(o.clientOrderId)).toEqual([]);
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(496);
    m.feed.apply(event('DELETE', 'BUY', usd('579.40'), 496, googTime(1) + 3)); // the displayed queue ahead is gone
    m.feed.apply(event('EXECUTE_HIDDEN', 'BUY', usd('579.40'), 4, googTime(1) + 4));
    expect(m.fills(o.clientOrderId)).toEqual([[4, usd('579.40'), 'MAKER']]);
  });

  it('cancels at our price move us forward pro rata to our share of the queue', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('578.70') });
    m.venue.submit(o);
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(400);
    const t = googTime(1);
    m.feed.apply(event('ADD', 'BUY', usd('578.70'), 400, t + 1)); // joins behind us: 400 ahead, 400 behind
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(400);
    m.feed.apply(event('PARTIAL_CANCEL', 'BUY', usd('578.70'), 200, t + 2)); // half the queue is ahead: 100 of the 200 were
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(300);
    m.feed.apply(event('DELETE', 'BUY', usd('578.70'), 3, t + 3)); // floor(3 x 300 / 600) = 1
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(299);
  });

  it('a real delete of the whole level ahead of us moves us to the front', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('578.70') });
    m.venue.submit(o);
    m.feed.applyGoogRows(2, 69);
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(400);
    m.feed.applyGoogRows(70, 70); // order 15284827 (400 shares at 578.70) deleted
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(0);
    expect(m.fills(o.clientOrderId)).toEqual([]);
  });

  it('one execution is shared among our own orders in price-time priority and never over-fills', () => {
    const m = paperMarket(1);
    const better = goog({ side: 'BUY', quantity: 200, limitPrice: usd('579.45') });
    const atBid = goog({ side: 'BUY', quantity: 300, limitPrice: usd('579.40') });
    m.venue.submit(better);
    m.venue.submit(atBid);
    // Row 2: 300 executed at 579.40. Our 579.45 bid would have traded first (200); 100 are left for the
    // 579.40 queue, where 496 displayed shares are ahead of us, so our 579.40 order gets nothing.
    m.feed.applyGoogRows(2, 2);
    expect(m.fills(better.clientOrderId)).toEqual([[200, usd('579.45'), 'MAKER']]);
    expect(m.fills(atBid.clientOrderId)).toEqual([]);
    expect(m.venue.workingOrder(atBid.clientOrderId)?.queueAhead).toBe(196);
  });

  it('on a reset (seek) resting orders re-queue at the back of the new visible size', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('579.40') });
    m.venue.submit(o);
    m.feed.applyGoogRows(2, 7);
    expect(m.venue.workingOrder(o.clientOrderId)?.queueAhead).toBe(29);
    m.feed.resetToGoogRow(60); // book rebuilt: 159 shares bid at 579.40
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'RESTING', queueAhead: 159 });
    expect(m.fills(o.clientOrderId)).toEqual([]);
  });
});

describe('paper exchange: reset into a crossing book', () => {
  it('a resting order that the rebuilt book crosses takes that liquidity as TAKER, then rests again', async () => {
    const m = paperMarket(1);
    const o = goog({ side: 'BUY', quantity: 100, limitPrice: usd('579.45') });
    m.venue.submit(o);
    m.feed.book.setLevel('SELL', usd('579.45'), 30); // the seek lands where 30 shares are offered at our bid
    await m.feed.seek(googTime(1));
    expect(m.fills(o.clientOrderId)).toEqual([[30, usd('579.45'), 'TAKER']]);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'RESTING', filledQty: 30, queueAhead: 0 });
  });
});

describe('paper exchange: stop orders', () => {
  it('a buy stop triggers on a print at or above the stop and then buys at market', () => {
    const m = paperMarket(2);
    const o = goog({ side: 'BUY', quantity: 50, orderType: 'STOP_MARKET', stopPrice: usd('579.50') });
    m.venue.submit(o);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'STOP_PENDING', stopPrice: usd('579.50') });
    m.feed.apply(event('EXECUTE_VISIBLE', 'BUY', usd('579.40'), 4, googTime(2))); // print below the stop
    expect(m.fills(o.clientOrderId)).toEqual([]);
    m.feed.applyGoogRows(3, 3); // hidden print at 579.51 >= 579.50
    expect(m.fills(o.clientOrderId)).toEqual([[50, usd('580.23'), 'TAKER']]);
    expect(m.fillEvents(o.clientOrderId)[0]!.tsEvent).toBe(m.feed.toUnixMicros(googTime(3)));
  });

  it('a sell stop-limit triggers on a print at or below the stop, sells down to its limit and rests the rest', () => {
    const m = paperMarket(1);
    const o = goog({ side: 'SELL', quantity: 300, orderType: 'STOP_LIMIT', stopPrice: usd('579.40'), limitPrice: usd('579.30') });
    m.venue.submit(o);
    m.feed.applyGoogRows(2, 2); // print 300 at 579.40 <= stop; 196 remain bid at 579.40
    expect(m.fills(o.clientOrderId)).toEqual([[196, usd('579.40'), 'TAKER']]);
    expect(m.venue.workingOrder(o.clientOrderId)).toMatchObject({ state: 'RESTING', price: usd('579.30'), filledQty: 196 });
  });
});
