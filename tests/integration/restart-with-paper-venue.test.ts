import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrderCore } from '../../src/main/app/order-core';
import { RiskProfileStore } from '../../src/main/execution';
import { wallClock } from '../../src/shared';
import { Ledger } from '../../src/main/ledger';
import { FixedCommissionModel, PaperVenue } from '../../src/main/venues/paper';
import { GOOG, TestFeed } from '../unit/venues/lobster-test-feed';

// Market data: the GOOG 2012-06-21 LOBSTER excerpt under ../shared/data (via TestFeed).

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function session(file: string, runId: string) {
  const ledger = Ledger.open(file);
  const feed = new TestFeed(1);
  const venue = new PaperVenue({ feeds: [feed], commission: new FixedCommissionModel(), runId });
  const errors: string[] = [];
  const clock = wallClock;
  // The order core as the terminal builds it: the default risk profile and every risk check; the
  // interlock is open (this test is about the venue and the ledger across a restart).
  const engine = createOrderCore({
    ledger,
    venue,
    clock,
    profile: new RiskProfileStore(ledger.settings, clock),
    bars: { closes: () => undefined },
    authority: { refusal: () => null },
    instruments: (id) => (id === 'GOOG' ? GOOG : undefined),
    marks: () => feed.book.mid(),
    logger: { warn: (m) => errors.push(m), error: (m) => errors.push(m) },
    mode: () => 'PAPER',
    liveAccount: () => null,
  });
  return {
    ledger,
    feed,
    venue,
    engine,
    errors,
    close() {
      engine.dispose();
      venue.dispose();
      ledger.close();
    },
  };
}

describe('ExecutionEngine with the real PaperVenue, across a restart', () => {
  it('fills a marketable order at the book, rests a limit at the bid, and keeps both across a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-paper-restart-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'floor.sqlite');

    const first = session(file, 'run1');
    const ask = first.feed.book.bestAsk()!;
    const bid = first.feed.book.bestBid()!;
    const marketable = first.engine.submit(
      // The max-risk-per-trade check needs a stop on an opening order: $5 below the entry.
      { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: ask.price, signal: { stop: ask.price - 5_000_000 } },
      'TICKET',
    );
    expect(ask.size).toBeGreaterThanOrEqual(10);
    expect(marketable).toMatchObject({ status: 'FILLED', filledQty: 10, avgFillPrice: ask.price });
    expect(marketable.commission).toBeGreaterThan(0);
    const resting = first.engine.submit(
      { instrumentId: 'GOOG', side: 'BUY', quantity: 5, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: bid.price, signal: { stop: bid.price - 5_000_000 } },
      'TICKET',
    );
    expect(resting.status).toBe('ACCEPTED');
    expect(first.engine.portfolio.positions()).toMatchObject([{ instrumentId: 'GOOG', quantity: 10, avgPrice: ask.price }]);
    const before = {
      orders: first.engine.orders.list(),
      fills: first.engine.orders.fills(),
      positions: first.engine.portfolio.positions(),
      account: first.engine.portfolio.account(),
    };
    expect(first.errors).toEqual([]);
    first.close();

    const second = session(file, 'run2');
    expect(second.engine.orders.list()).toEqual(before.orders);
    expect(second.engine.orders.fills()).toEqual(before.fills);
    expect(second.engine.portfolio.positions()).toEqual(before.positions);
    expect(second.engine.portfolio.account()).toEqual(before.account);

    expect(second.engine.orders.open().map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
    second.engine.restoreAtVenue();
    expect(second.venue.workingOrder(resting.clientOrderId)).toMatchObject({ venueOrderId: resting.venueOrderId });

    const canceled = second.engine.cancel(resting.clientOrderId);
    expect(canceled.status).toBe('CANCELED');
    expect(second.engine.orders.open()).toEqual([]);
    expect(second.errors).toEqual([]);
    second.close();
  });
});
