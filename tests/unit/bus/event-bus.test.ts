import { describe, expect, it } from 'vitest';
import { EventBus, createTerminalBus, publishEngineEvents, publishFeedEvents } from '../../../src/main/bus';
import { BadTickGuard } from '../../../src/main/marketdata';
import { Emitter, type AccountView, type FillView, type Order, type PositionView, type TradingState } from '../../../src/shared';
import { orderFixture } from '../../support/order-fixtures';
import { TestFeed, event } from '../venues/lobster-test-feed';

interface Topics {
  a: number;
  b: string;
}

describe('EventBus', () => {
  it('delivers a payload to every subscriber of its topic, in subscription order, and to no other topic', () => {
    const bus = new EventBus<Topics>();
    const seen: string[] = [];
    bus.subscribe('a', (n) => seen.push(`first ${n}`));
    bus.subscribe('a', (n) => seen.push(`second ${n}`));
    bus.subscribe('b', (s) => seen.push(`b ${s}`));
    bus.publish('a', 1);
    expect(seen).toEqual(['first 1', 'second 1']);
  });

  it('stops delivering after the subscription is disposed (twice is harmless)', () => {
    const bus = new EventBus<Topics>();
    const seen: number[] = [];
    const sub = bus.subscribe('a', (n) => seen.push(n));
    bus.publish('a', 1);
    sub.dispose();
    sub.dispose();
    bus.publish('a', 2);
    expect(seen).toEqual([1]);
    expect(bus.hasSubscribers('a')).toBe(false);
  });

  it('finishes a delivery with the subscribers it started with when one unsubscribes another mid-publish', () => {
    const bus = new EventBus<Topics>();
    const seen: string[] = [];
    const late = { dispose: () => {} };
    bus.subscribe('a', () => {
      seen.push('first');
      late.dispose();
      bus.subscribe('a', () => seen.push('added during publish'));
    });
    Object.assign(late, bus.subscribe('a', () => seen.push('second')));
    bus.publish('a', 1);
    expect(seen).toEqual(['first', 'second']);
    seen.length = 0;
    bus.publish('a', 2);
    expect(seen).toEqual(['first', 'added during publish']);
  });

  it('reports a throwing subscriber with its topic and still delivers to the others', () => {
    const errors: string[] = [];
    const bus = new EventBus<Topics>((error, topic) => errors.push(`${topic}: ${(error as Error).message}`));
    const seen: number[] = [];
    bus.subscribe('a', () => {
      throw new Error('boom');
    });
    bus.subscribe('a', (n) => seen.push(n));
    bus.publish('a', 7);
    expect(seen).toEqual([7]);
    expect(errors).toEqual(['a: boom']);
  });

  it('exposes a topic as a VS Code style Event', () => {
    const bus = new EventBus<Topics>();
    const seen: string[] = [];
    const sub = bus.event('b')((s) => seen.push(s));
    bus.publish('b', 'x');
    sub.dispose();
    bus.publish('b', 'y');
    expect(seen).toEqual(['x']);
  });

  it('refuses new subscriptions once disposed and ignores publishes', () => {
    const bus = new EventBus<Topics>();
    bus.dispose();
    expect(() => bus.subscribe('a', () => {})).toThrow(/disposed/);
    expect(() => bus.publish('a', 1)).not.toThrow();
  });
});

describe('bus bridges', () => {
  it('republishes the engine events, with denied orders also on order.denied', () => {
    const bus = createTerminalBus();
    const emitters = {
      order: new Emitter<Order>(),
      fill: new Emitter<FillView>(),
      position: new Emitter<PositionView>(),
      account: new Emitter<AccountView>(),
      state: new Emitter<TradingState>(),
    };
    const bridge = publishEngineEvents(
      {
        orders: { onDidChange: emitters.order.event, onDidFill: emitters.fill.event },
        portfolios: { PAPER: { onDidChangePosition: emitters.position.event, onDidChangeAccount: emitters.account.event } },
        risk: { onDidChangeTradingState: emitters.state.event },
      },
      bus,
    );
    const seen: string[] = [];
    bus.subscribe('order.changed', (o) => seen.push(`changed ${o.status}`));
    bus.subscribe('order.denied', (o) => seen.push(`denied ${o.clientOrderId}`));
    bus.subscribe('risk.tradingState', (s) => seen.push(`state ${s}`));
    emitters.order.fire(orderFixture({ status: 'ACCEPTED' }));
    emitters.order.fire(orderFixture({ clientOrderId: 'D-1', status: 'DENIED' }));
    emitters.state.fire('HALTED');
    bridge.dispose();
    emitters.state.fire('ACTIVE');
    expect(seen).toEqual(['changed ACCEPTED', 'changed DENIED', 'denied D-1', 'state HALTED']);
  });

  it('publishes book changes per event, mid changes only when the mid moved, trades, bad prints apart, and resets', () => {
    const bus = createTerminalBus();
    const feed = new TestFeed(300);
    const bridge = publishFeedEvents(feed, bus, new BadTickGuard(feed));
    const seen: string[] = [];
    bus.subscribe('market.book', (m) => seen.push(`book ${m.instrument.instrumentId}`));
    bus.subscribe('market.mid', (m) => seen.push(`mid ${m.book.mid()}`));
    bus.subscribe('market.trade', (t) => seen.push(`trade ${t.price}`));
    bus.subscribe('market.badTick', (p) => seen.push(`bad print ${p.price} outside ${p.low}..${p.high}`));
    bus.subscribe('market.reset', () => seen.push('reset'));
    const t = feed.status().marketTime;
    // An add deep in the book: the book changed, the mid did not.
    feed.apply(event('ADD', 'BUY', 570_000_000, 100, t + 1));
    // A new best bid moves the mid.
    feed.apply(event('ADD', 'BUY', 578_000_000, 100, t + 2));
    feed.apply(event('EXECUTE_HIDDEN', 'SELL', 578_400_000, 10, t + 3));
    // Twice the ask: no quote explains it, so it never reaches market.trade (the breaker's topic).
    feed.apply(event('EXECUTE_HIDDEN', 'SELL', 1_156_880_000, 10, t + 3));
    feed.resetToGoogRow(300);
    bridge.dispose();
    feed.apply(event('ADD', 'BUY', 570_000_000, 100, t + 4));
    expect(seen).toEqual([
      'book GOOG',
      'book GOOG',
      'mid 578220000',
      'book GOOG',
      'trade 578400000',
      'book GOOG',
      // 5% below the bid $578.00 and above the ask $578.44.
      'bad print 1156880000 outside 549100000..607362000',
      'reset',
      'mid 577995000',
    ]);
    feed.dispose();
  });
});
