/**
 * Interactive Brokers through the gateway simulator (tests/ib-gateway-sim, replaying the GOOG
 * 2012-06-21 LOBSTER excerpt from ../shared/data/lobster/excerpts) with the real @stoqey/ib client.
 *
 * Prints:
 * - ib_intent_to_placeorder_written (ms): engine.submit(ticket) called -> the placeOrder message
 *   written to the gateway's socket (the client's `sent` event, emitted right after socket.write),
 *   over 1,000 resting limit orders paced at 40/s (under Floor's 44/s throttle, so none waits for
 *   budget), on a signed ledger in a file opened as `floor serve` opens it. Issue 4 target: p99 <= 1 ms.
 * - ib_failover_to_reconciled (ms): the gateway in use dropped -> the other one connected and
 *   reconciled (CONNECTED), alternating primary and standby, 20 times. Target < 1 s.
 * - ib_outage_end_to_reconciled (ms): a hung gateway answering again -> reconnected and reconciled,
 *   with no standby (the retry waits for its backoff, 250 ms on the first attempt), 20 times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventName } from '@stoqey/ib';
import { Ledger } from '../../src/main/ledger';
import { TerminalSigningKey } from '../../src/main/security/terminal-key';
import type { IbConnection, IbConnectionPhase } from '../../src/main/venues/ib/ib-connection';
import { IbVenue } from '../../src/main/venues/ib/ib-venue';
import { realIbTimers } from '../../src/main/venues/ib/timers';
import { startStand, type SimStand } from '../integration/ib-gateway-sim/fixture';
import { engineOn, PERMISSIVE_PROFILE } from '../unit/execution/helpers/engine-fixture';
import { reportPercentiles } from './report';

const PLACE_ORDER = 3;
const ORDERS = 1_000;
const PACE_MS = 25;

function reaches(connection: IbConnection, phase: IbConnectionPhase, accept: () => boolean = () => true): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ${phase} in 10 s: ${JSON.stringify(connection.connectionStatus())}`)), 10_000);
    const sub = connection.onDidChangeStatus((s) => {
      if (s.phase === phase && accept()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

/** The terminal's heartbeat (1 s probe, 3 s timeout) for the order bench; a quick one for the failure benches. */
const TERMINAL_HEARTBEAT = { intervalMs: 1_000, timeoutMs: 3_000 };
const QUICK_HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };

function venueFor(ledger: Ledger, primary: SimStand, standby: SimStand | null, heartbeat = QUICK_HEARTBEAT): IbVenue {
  return new IbVenue({
    primary: { host: '127.0.0.1', port: primary.sim.port, clientId: 17 },
    standby: standby === null ? null : { host: '127.0.0.1', port: standby.sim.port, clientId: 17 },
    mode: () => 'PAPER',
    ports: { paper: [primary.sim.port, ...(standby === null ? [] : [standby.sim.port])], live: [4001] },
    heartbeat,
    whileDisconnected: () => 'HOLD',
    orderMap: ledger.ibOrders,
    instruments: ['GOOG'],
    clock: { now: () => Date.now() * 1_000 },
    timers: realIbTimers,
    random: () => 0.5,
  });
}

async function intentToWire(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-ib-bench-'));
  const stand = await startStand({ firstOrderId: 1 });
  await stand.advance(5);
  const ledger = Ledger.open(path.join(dir, 'floor.sqlite'), { durability: 'NORMAL', backgroundCheckpoints: { onError: () => undefined } });
  ledger.signWith(TerminalSigningKey.generate());
  const venue = venueFor(ledger, stand, null, TERMINAL_HEARTBEAT);
  // Wall-clock time, as the terminal runs on a live gateway (the order-rate check counts real seconds).
  const fx = engineOn(ledger, { venue, clock: { now: () => Math.round((performance.timeOrigin + performance.now()) * 1_000) } }, undefined, { profile: { ...PERMISSIVE_PROFILE, maxOpenPositions: 10_000 } });
  try {
    venue.start();
    await reaches(venue.connection, 'CONNECTED');
    let writtenAt = 0;
    venue.connection.session!.on(EventName.sent, ((tokens: unknown[]) => {
      if (tokens[0] === PLACE_ORDER) writtenAt = performance.now();
    }) as never);
    const bid = stand.feed.book.bestBid()!.price;
    fx.marks.set('GOOG', stand.feed.book.mid()!);
    const samples: number[] = [];
    for (let i = 0; i < 50 + ORDERS; i++) {
      writtenAt = 0;
      const price = bid - 1_000_000 - (i % 200) * 10_000;
      const started = performance.now();
      fx.engine.submit({ instrumentId: 'GOOG', side: 'BUY', quantity: 1, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: price }, 'ALGO');
      if (writtenAt === 0) throw new Error(`order ${i}: placeOrder was not written synchronously (${JSON.stringify(fx.engine.orders.list()[0])})`);
      if (i >= 50) samples.push(writtenAt - started);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    reportPercentiles('ib_intent_to_placeorder_written', samples, 'ms');
  } finally {
    fx.engine.dispose();
    venue.dispose();
    ledger.close();
    await stand.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function failover(): Promise<void> {
  const a = await startStand();
  const b = await startStand();
  await a.advance(5);
  await b.advance(5);
  const ledger = Ledger.open(':memory:');
  const venue = venueFor(ledger, a, b);
  const fx = engineOn(ledger, { venue });
  try {
    venue.start();
    await reaches(venue.connection, 'CONNECTED');
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const role = venue.connectionStatus().role;
      const active = role === 'PRIMARY' ? a : b;
      const reconciled = reaches(venue.connection, 'CONNECTED', () => venue.connectionStatus().role !== role);
      const killedAt = performance.now();
      active.sim.control.dropConnections();
      await reconciled;
      samples.push(performance.now() - killedAt);
    }
    reportPercentiles('ib_failover_to_reconciled', samples, 'ms');
  } finally {
    fx.engine.dispose();
    venue.dispose();
    ledger.close();
    await a.close();
    await b.close();
  }
}

async function outageEnd(): Promise<void> {
  const stand = await startStand();
  await stand.advance(5);
  const ledger = Ledger.open(':memory:');
  const venue = venueFor(ledger, stand, null);
  const fx = engineOn(ledger, { venue });
  try {
    venue.start();
    await reaches(venue.connection, 'CONNECTED');
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const lost = reaches(venue.connection, 'RECONNECTING');
      stand.sim.control.hang(true);
      await lost;
      const reconciled = reaches(venue.connection, 'CONNECTED');
      const backAt = performance.now();
      stand.sim.control.hang(false);
      await reconciled;
      samples.push(performance.now() - backAt);
    }
    reportPercentiles('ib_outage_end_to_reconciled', samples, 'ms');
  } finally {
    fx.engine.dispose();
    venue.dispose();
    ledger.close();
    await stand.close();
  }
}

export default async function run(): Promise<void> {
  await intentToWire();
  await failover();
  await outageEnd();
}
