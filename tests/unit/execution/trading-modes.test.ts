import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderModeMismatchError, type LiveAccountValues } from '../../../src/main/execution';
import { Ledger } from '../../../src/main/ledger';
import type { TradingMode } from '../../../src/shared';
import { engineOn, limitTicket, PERMISSIVE_PROFILE, type EngineFixture } from './helpers/engine-fixture';

// Paper and live kept apart in the order core (issue 9 point 3): every order belongs to the mode
// it was created in; each mode has its own book (positions, cash, P&L) and its own working totals;
// a live order is checked against IB's net liquidation and cash and denied until IB reported them;
// an order is approved or modified only in its own mode.

const D = 1_000_000;
let ledger: Ledger;
let f: EngineFixture;
let mode: TradingMode;
let liveAccount: LiveAccountValues | null;

function start(profile = PERMISSIVE_PROFILE): void {
  f = engineOn(ledger, { mode: () => mode, liveAccount: () => liveAccount }, undefined, { profile });
}

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  mode = 'PAPER';
  liveAccount = { accountId: 'U1234567', netLiquidation: 1_000_000 * D, cash: 900_000 * D };
  start();
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

describe('orders and books per trading mode', () => {
  it('creates each order in the mode in force and books its fills into that mode\'s book only', () => {
    const paper = f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET');
    f.venue.fill(paper.clientOrderId, 100, 585 * D);
    mode = 'LIVE';
    const live = f.engine.submit(limitTicket('BUY', 10, 586 * D), 'TICKET');
    f.venue.fill(live.clientOrderId, 10, 586 * D);
    expect([paper.mode, live.mode]).toEqual(['PAPER', 'LIVE']);
    expect(ledger.orders.get(live.clientOrderId)?.mode).toBe('LIVE');
    expect(ledger.events.forOrder(live.clientOrderId)[0]?.event).toMatchObject({ type: 'OrderInitialized', mode: 'LIVE' });

    const { PAPER: paperBook, LIVE: liveBook } = f.engine.portfolios;
    expect(paperBook.positions().map((p) => [p.instrumentId, p.quantity])).toEqual([['GOOG', 100]]);
    expect(liveBook.positions().map((p) => [p.instrumentId, p.quantity])).toEqual([['GOOG', 10]]);
    expect(paperBook.account().cash).toBe(100_000 * D - 58_500 * D);
    expect(liveBook.account()).toMatchObject({ startingCash: 0, cash: -5_860 * D });
    expect(f.engine.portfolio, 'the book in force').toBe(liveBook);
    expect(ledger.positions.all('PAPER').map((p) => p.quantity)).toEqual([100]);
    expect(ledger.positions.all('LIVE').map((p) => p.quantity)).toEqual([10]);
  });

  it('keeps the books apart across a restart (the ledger knows each order\'s and position\'s mode)', () => {
    mode = 'LIVE';
    const live = f.engine.submit(limitTicket('BUY', 10, 586 * D), 'TICKET');
    f.venue.fill(live.clientOrderId, 10, 586 * D);
    f.engine.dispose();
    mode = 'PAPER';
    start();
    expect(f.engine.orders.get(live.clientOrderId)?.mode).toBe('LIVE');
    expect(f.engine.portfolio.positions()).toEqual([]);
    expect(f.engine.portfolios.LIVE.positions().map((p) => p.quantity)).toEqual([10]);
  });

  it('counts working orders against their own mode only: paper exposure does not limit live orders', () => {
    f.engine.dispose();
    start({ ...PERMISSIVE_PROFILE, maxGrossExposure: 70_000 * D });
    const paper = f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET');
    expect(paper.status).toBe('SUBMITTED');
    expect(f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET'), 'a second paper order breaks the paper cap').toMatchObject({ status: 'DENIED' });
    mode = 'LIVE';
    expect(f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET').status).toBe('SUBMITTED');
  });

  it('denies live orders until IB reported the live account, then sizes them against IB\'s net liquidation', () => {
    f.engine.dispose();
    start({ ...PERMISSIVE_PROFILE, maxPositionBps: 2_500 });
    mode = 'LIVE';
    liveAccount = null;
    const unknown = f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET');
    expect(unknown).toMatchObject({ status: 'DENIED', reason: { code: 'LIVE_ACCOUNT_UNKNOWN' } });
    expect(unknown.reason?.message).toMatch(/IB has not reported the live account's net liquidation and cash yet/);
    // 25% of a $100,000 account is $25,000: 100 shares at $585 is too much; at $1,000,000 it is not.
    liveAccount = { accountId: 'U1234567', netLiquidation: 100_000 * D, cash: 100_000 * D };
    expect(f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET')).toMatchObject({ status: 'DENIED', reason: { code: 'MAX_POSITION' } });
    liveAccount = { accountId: 'U1234567', netLiquidation: 1_000_000 * D, cash: 1_000_000 * D };
    expect(f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET').status).toBe('SUBMITTED');
    // Paper orders are checked against the paper account, whatever IB reports.
    mode = 'PAPER';
    liveAccount = null;
    expect(f.engine.submit(limitTicket('BUY', 40, 585 * D), 'TICKET').status).toBe('SUBMITTED');
  });

  it('never approves or modifies a paper order while live (nor a live one in paper); cancel stays open', () => {
    f.engine.dispose();
    start({ ...PERMISSIVE_PROFILE, approval: { ...PERMISSIVE_PROFILE.approval, TICKET: 'MANUAL' } });
    const staged = f.engine.submit(limitTicket('BUY', 100, 585 * D), 'TICKET');
    expect(staged).toMatchObject({ status: 'STAGED', mode: 'PAPER' });
    mode = 'LIVE';
    expect(() => f.engine.approve(staged.clientOrderId)).toThrow(OrderModeMismatchError);
    expect(() => f.engine.approve(staged.clientOrderId)).toThrow(/is a paper order and Floor is live now: it is only approved or modified in paper mode/);
    expect(f.venue.submitted).toEqual([]);
    expect(f.engine.reject(staged.clientOrderId).status).toBe('CANCELED');

    mode = 'PAPER';
    f.engine.dispose();
    start();
    mode = 'LIVE';
    const live = f.engine.submit(limitTicket('BUY', 10, 585 * D), 'TICKET');
    f.venue.accept(live.clientOrderId);
    mode = 'PAPER';
    expect(() => f.engine.modify(live.clientOrderId, { limitPrice: 584 * D })).toThrow(/is a live order and Floor is paper now/);
    expect(f.engine.cancel(live.clientOrderId).status).toBe('PENDING_CANCEL');
  });
});
