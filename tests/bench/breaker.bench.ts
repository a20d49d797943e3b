/**
 * Circuit breaker with 1,000 open orders: the triggering trade tick -> every cancel handed to the
 * venue. A trip commits TradingState HALTED, sends the venue-wide cancel-all, and sends a per-order
 * cancel for anything still working; the paper venue answers each cancel synchronously and the engine
 * records each answer. The ledger is a real file (WAL, synchronous=FULL) as in `floor serve`. Between
 * trips the trader resumes (re-arming the breaker) and 1,000 new resting orders are placed (untimed).
 *
 * Prints (ms):
 * - breaker_trip_cancel_1000: tick -> last cancel handed to the venue (HaltReport.tickToLastCancelMicros);
 * - breaker_trip_answered_1000: tick -> every synchronous answer recorded and committed
 *   (HaltReport.tickToAllAnsweredMicros);
 * - breaker_trip_cancel_1000_end_to_end: the whole feed event that trips it (paper matching, breaker,
 *   halt, cancels, answers, alert recorded);
 * - breaker_trip_cancel_1000_unbatched: tick -> all answered with every event committed on its own
 *   (no shared transaction), to show what the batch saves.
 * Issue 3 target: p99 <= 5 ms for the first figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { breakerFixture, type BreakerFixture } from '../unit/execution/breaker/breaker-fixture';
import { event } from '../unit/venues/lobster-test-feed';
import { reportPercentiles } from './report';

const ORDERS = 1_000;
/** GOOG at row 300: bid $577.55, ask $578.44. */
const HIGH = 578_000_000;
const CRASH = 520_000_000;

function placeOrders(fx: BreakerFixture): void {
  // Setup, not measured: one transaction for the 1,000 placements keeps it quick.
  fx.ledger.transaction(() => {
    for (let i = 0; i < ORDERS; i++) {
      const side = i % 2 === 0 ? 'BUY' : 'SELL';
      const cents = side === 'BUY' ? 57_700 - (i >> 1) : 57_900 + (i >> 1);
      fx.engine.submit({ instrumentId: 'GOOG', side, quantity: 100, orderType: 'LIMIT', timeInForce: 'GTC', limitPrice: cents * 10_000 }, 'ALGO');
    }
  });
  if (fx.engine.orders.open().length !== ORDERS) throw new Error(`expected ${ORDERS} open orders, got ${fx.engine.orders.open().length}`);
}

interface Samples {
  handedOff: number[];
  answered: number[];
  endToEnd: number[];
}

function measure(batch: boolean, runs: number, warmup: number): Samples {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-breaker-bench-'));
  const fx = breakerFixture({ file: path.join(dir, 'floor.sqlite'), batch, profile: { approval: { TICKET: 'AUTO', HOTKEY: 'AUTO', API: 'AUTO', ALGO: 'AUTO' } } });
  const samples: Samples = { handedOff: [], answered: [], endToEnd: [] };
  let report = { handedOff: 0, answered: 0 };
  fx.bus.subscribe('risk.breakerTripped', (trip) => {
    if (trip.report.canceled !== ORDERS) throw new Error(`trip canceled ${trip.report.canceled} of ${ORDERS}`);
    report = { handedOff: trip.report.tickToLastCancelMicros / 1000, answered: trip.report.tickToAllAnsweredMicros / 1000 };
  });
  let time = fx.feed.status().marketTime;
  try {
    for (let run = 0; run < warmup + runs; run++) {
      placeOrders(fx);
      time += 1_000_000_000;
      fx.feed.apply(event('EXECUTE_HIDDEN', 'SELL', HIGH, 100, time));
      time += 1_000_000;
      // A real crash moves the quote with it (the bad-tick guard passes the print); not timed.
      fx.feed.quoteAround(CRASH, time);
      const start = performance.now();
      fx.feed.apply(event('EXECUTE_HIDDEN', 'SELL', CRASH, 100, time));
      const elapsed = performance.now() - start;
      if (fx.engine.risk.tradingState() !== 'HALTED' || fx.engine.orders.open().length !== 0) throw new Error('the breaker did not pull every order');
      if (run >= warmup) {
        samples.handedOff.push(report.handedOff);
        samples.answered.push(report.answered);
        samples.endToEnd.push(elapsed);
      }
      fx.controller.resume();
    }
  } finally {
    fx.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

export default async function breakerBench(): Promise<void> {
  const batched = measure(true, 60, 5);
  reportPercentiles('breaker_trip_cancel_1000', batched.handedOff, 'ms');
  reportPercentiles('breaker_trip_answered_1000', batched.answered, 'ms');
  reportPercentiles('breaker_trip_cancel_1000_end_to_end', batched.endToEnd, 'ms');
  const unbatched = measure(false, 5, 1);
  reportPercentiles('breaker_trip_cancel_1000_unbatched', unbatched.answered, 'ms');
}
