import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NothingToResumeError } from '../../../../src/main/execution/breaker';
import { orderFixture } from '../../../support/order-fixtures';
import { DEFAULT_RISK_PROFILE, type TradeTick } from '../../../../src/shared';
import { event } from '../../venues/lobster-test-feed';
import { breakerFixture, restingTicket, type BreakerFixture } from './breaker-fixture';

let fx: BreakerFixture;
afterEach(() => {
  fx?.dispose();
  fx = undefined as never;
});

/**
 * The market moving to `price` micro-dollars, `afterNs` after the current market time: the quote
 * follows (a real move; the bad-tick guard passes it), then a hidden execution on the ask side
 * (buyers lifting a hidden offer) prints there.
 */
function printAt(f: BreakerFixture, price: number, afterNs = 1_000_000): void {
  const time = f.feed.status().marketTime + afterNs;
  f.feed.quoteAround(price, time);
  f.feed.apply(event('EXECUTE_HIDDEN', 'SELL', price, 100, time));
}

/** Rests five bids and three offers around the GOOG book at row 300 (bid $577.55, ask $578.44). */
function restOrders(f: BreakerFixture): string[] {
  const tickets = [
    restingTicket('BUY', 100, 57_700),
    restingTicket('BUY', 200, 57_600, 'GTC'),
    restingTicket('BUY', 100, 57_500),
    restingTicket('BUY', 300, 57_000),
    restingTicket('BUY', 100, 56_000, 'GTC'),
    restingTicket('SELL', 100, 57_900),
    restingTicket('SELL', 50, 58_200),
    restingTicket('SELL', 100, 59_000, 'GTC'),
  ];
  return tickets.map((t) => {
    const order = f.engine.submit(t, 'TICKET');
    expect(order.status).toBe('ACCEPTED');
    return order.clientOrderId;
  });
}

describe('BreakerController: circuit breaker trip', () => {
  it('halts and cancels 100% of open orders when a print is 10% below the rolling high', () => {
    fx = breakerFixture();
    const ids = restOrders(fx);
    printAt(fx, 578_000_000);
    printAt(fx, 560_000_000);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    printAt(fx, 520_200_000);

    expect(fx.engine.risk.tradingState()).toBe('HALTED');
    for (const id of ids) expect(fx.engine.orders.get(id)?.status).toBe('CANCELED');
    expect(fx.engine.orders.open()).toEqual([]);
    expect(fx.venue.workingOrders()).toEqual([]);

    const [alert] = fx.pushed;
    expect(fx.pushed).toHaveLength(1);
    expect(alert).toMatchObject({ severity: 'CRITICAL', code: 'BREAKER_TRIPPED', instrumentId: 'GOOG' });
    expect(alert!.details).toMatchObject({
      triggerPrice: 520_200_000,
      rollingHigh: 578_000_000,
      dropBps: 1_000,
      openOrders: 8,
      canceled: 8,
      pending: 0,
      failures: 0,
    });
    expect(alert!.details.tickToLastCancelMicros).toBeGreaterThan(0);
    expect(alert!.message).toMatch(/GOOG traded at \$520\.20, 10\.00% below its rolling high of \$578\.00/);
    expect(fx.ledger.alerts.list()).toEqual([alert]);
  });

  it('does not trip on a print just above the threshold', () => {
    fx = breakerFixture();
    restOrders(fx);
    printAt(fx, 578_000_000);
    printAt(fx, 520_210_000);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    expect(fx.engine.orders.open()).toHaveLength(8);
    expect(fx.pushed).toEqual([]);
  });

  it('records every cancel in the ledger journal, in one commit with the others', () => {
    fx = breakerFixture();
    const ids = restOrders(fx);
    printAt(fx, 578_000_000);
    printAt(fx, 500_000_000);
    for (const id of ids) {
      const [last] = fx.ledger.events.forOrder(id).slice(-1);
      expect(last?.event).toMatchObject({ type: 'OrderCanceled', reason: { code: 'CANCELED_BY_REQUEST' } });
    }
    expect(fx.ledger.orders.all().filter((o) => o.status === 'CANCELED')).toHaveLength(8);
  });

  it('cancels at the venue an order the engine does not know about (cancel-all safety net)', () => {
    fx = breakerFixture();
    fx.venue.submit(orderFixture({ clientOrderId: 'OUTSIDE-1', side: 'BUY', quantity: 10, limitPrice: 570_000_000, status: 'SUBMITTED' }));
    expect(fx.venue.workingOrder('OUTSIDE-1')).toBeDefined();
    printAt(fx, 578_000_000);
    printAt(fx, 500_000_000);
    expect(fx.venue.workingOrders()).toEqual([]);
  });

  it('denies every new order while halted, with the reason', () => {
    fx = breakerFixture();
    printAt(fx, 578_000_000);
    printAt(fx, 500_000_000);
    const order = fx.engine.submit(restingTicket('BUY', 10, 50_000), 'TICKET');
    expect(order.status).toBe('DENIED');
    expect(order.reason?.code).toBe('TRADING_HALTED');
  });

  it('stays halted until the trader resumes, and a resume re-arms with a fresh window', () => {
    fx = breakerFixture();
    printAt(fx, 578_000_000);
    printAt(fx, 500_000_000);
    // The market recovers: nothing resumes by itself.
    printAt(fx, 578_000_000, 400e9);
    expect(fx.engine.risk.tradingState()).toBe('HALTED');

    expect(fx.controller.resume()).toBe('HALTED');
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    expect(fx.pushed.map((a) => a.code)).toEqual(['BREAKER_TRIPPED', 'TRADING_RESUMED']);
    expect(fx.pushed[1]).toMatchObject({ severity: 'INFO', details: { previousState: 'HALTED' } });
    // Fresh window: the pre-resume high of $580 no longer counts.
    printAt(fx, 530_000_000);
    printAt(fx, 480_000_000);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    printAt(fx, 477_000_000);
    expect(fx.engine.risk.tradingState()).toBe('HALTED');
  });

  it('refuses to resume when trading is already active (CONFLICT)', () => {
    fx = breakerFixture();
    expect(() => fx.controller.resume()).toThrow(NothingToResumeError);
    try {
      fx.controller.resume();
    } catch (error) {
      expect((error as NothingToResumeError).code).toBe('CONFLICT');
    }
    expect(fx.pushed).toEqual([]);
  });

  it('watches each instrument separately', () => {
    fx = breakerFixture();
    const tick = (instrumentId: string, price: number, tsEvent: number): TradeTick => ({ instrumentId, price, tsEvent, size: 100, aggressorSide: 'BUY', hidden: false });
    const t = fx.feed.toUnixMicros(fx.feed.status().marketTime);
    fx.bus.publish('market.trade', tick('AAPL', 100_000_000, t));
    printAt(fx, 578_000_000);
    // A 9% AAPL drop and a 9% GOOG drop: neither instrument is 10% below its own high.
    fx.bus.publish('market.trade', tick('AAPL', 91_000_000, t + 2));
    printAt(fx, 525_980_000);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    fx.bus.publish('market.trade', tick('AAPL', 90_000_000, t + 3));
    expect(fx.engine.risk.tradingState()).toBe('HALTED');
    expect(fx.pushed[0]).toMatchObject({ instrumentId: 'AAPL', details: { rollingHigh: 100_000_000 } });
  });

  it('restarts the instrument window after a seek', () => {
    fx = breakerFixture();
    printAt(fx, 578_000_000);
    fx.feed.resetToGoogRow(300);
    printAt(fx, 500_000_000);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
  });

  it('uses the breaker settings of the saved risk profile', () => {
    fx = breakerFixture({ profile: { breaker: { dropBps: 200, windowSeconds: 60 } } });
    printAt(fx, 578_000_000);
    printAt(fx, 566_440_000);
    expect(fx.engine.risk.tradingState()).toBe('HALTED');
    expect(fx.pushed[0]?.details.dropBps).toBe(200);
  });
});

describe('BreakerController: kill switch', () => {
  it('halts and cancels every open order by hand, with a KILL_SWITCH alert', () => {
    fx = breakerFixture();
    const ids = restOrders(fx);
    const report = fx.controller.killSwitch();
    expect(report).toMatchObject({ cause: 'KILL_SWITCH', tradingState: 'HALTED', openOrders: 8, canceled: 8, pending: 0, failures: [] });
    for (const id of ids) expect(fx.engine.orders.get(id)?.status).toBe('CANCELED');
    expect(fx.pushed[0]).toMatchObject({ severity: 'CRITICAL', code: 'KILL_SWITCH', instrumentId: null });
    expect(fx.ledger.alerts.list().map((a) => a.code)).toEqual(['KILL_SWITCH']);
    expect(fx.engine.submit(restingTicket('SELL', 10, 60_000), 'HOTKEY').status).toBe('DENIED');
  });

  it('keeps the halt and its alert across a restart', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floor-breaker-'));
    try {
      const file = path.join(dir, 'floor.sqlite');
      fx = breakerFixture({ file });
      restOrders(fx);
      fx.controller.killSwitch();
      fx.dispose();
      fx = breakerFixture({ file });
      expect(fx.engine.risk.tradingState()).toBe('HALTED');
      expect(fx.engine.orders.open()).toEqual([]);
      expect(fx.ledger.alerts.list().map((a) => a.code)).toEqual(['KILL_SWITCH']);
      expect(fx.controller.resume()).toBe('HALTED');
      expect(fx.ledger.alerts.list().map((a) => a.code)).toEqual(['TRADING_RESUMED', 'KILL_SWITCH']);
    } finally {
      fx.dispose();
      fx = undefined as never;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BreakerController: daily loss limit', () => {
  /** Buys 100 GOOG at the ask, then sets the loss limit $20 beyond the P&L so far and deletes bid levels until breached. */
  function loseMoney(f: BreakerFixture, action: 'HALT' | 'REDUCING'): void {
    const fill = f.engine.submit({ instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'MARKET', timeInForce: 'DAY' }, 'TICKET');
    expect(fill.status).toBe('FILLED');
    const limit = -f.engine.portfolio.dailyPnl() + 20_000_000;
    f.profiles.set({ ...DEFAULT_RISK_PROFILE, dailyLossLimit: limit, dailyLossAction: action });
    let time = f.feed.status().marketTime;
    for (const level of f.feed.book.levels('BUY', 6)) {
      time += 1_000_000;
      f.feed.apply(event('DELETE', 'BUY', level.price, level.size, time));
    }
    expect(f.engine.portfolio.dailyPnl()).toBeLessThanOrEqual(-limit);
  }

  it('HALT: halts and cancels all open orders, with a CRITICAL alert', () => {
    fx = breakerFixture();
    const resting = fx.engine.submit(restingTicket('SELL', 100, 59_000), 'TICKET');
    loseMoney(fx, 'HALT');
    expect(fx.engine.risk.tradingState()).toBe('HALTED');
    expect(fx.engine.orders.get(resting.clientOrderId)?.status).toBe('CANCELED');
    expect(fx.pushed).toHaveLength(1);
    expect(fx.pushed[0]).toMatchObject({ severity: 'CRITICAL', code: 'DAILY_LOSS_BREACH', details: { action: 'HALT', openOrders: 1, canceled: 1 } });
  });

  it('REDUCING: only reducing orders are accepted and working orders stay, with a WARNING alert', () => {
    fx = breakerFixture();
    const resting = fx.engine.submit(restingTicket('SELL', 50, 59_000), 'TICKET');
    loseMoney(fx, 'REDUCING');
    expect(fx.engine.risk.tradingState()).toBe('REDUCING');
    expect(fx.engine.orders.get(resting.clientOrderId)?.status).toBe('ACCEPTED');
    expect(fx.pushed).toHaveLength(1);
    expect(fx.pushed[0]).toMatchObject({ severity: 'WARNING', code: 'DAILY_LOSS_BREACH', details: { action: 'REDUCING' } });
    expect(fx.engine.submit(restingTicket('BUY', 10, 50_000), 'TICKET').reason?.code).toBe('TRADING_REDUCING');
    expect(fx.engine.submit(restingTicket('SELL', 50, 60_000), 'TICKET').status).toBe('ACCEPTED');
    // Resuming is the trader's override: the breach does not fire again while P&L stays past the limit.
    fx.controller.resume();
    fx.feed.apply(event('DELETE', 'BUY', fx.feed.book.bestBid()!.price, fx.feed.book.bestBid()!.size, fx.feed.status().marketTime + 1));
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
  });
});
