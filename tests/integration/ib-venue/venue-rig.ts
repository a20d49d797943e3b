import { IbOrderRepository, Ledger } from '../../../src/main/ledger';
import { IbVenue, type IbVenueOptions } from '../../../src/main/venues/ib/ib-venue';
import { realIbTimers } from '../../../src/main/venues/ib/timers';
import type { IbConnection, IbConnectionPhase } from '../../../src/main/venues/ib/ib-connection';
import type { OrderStatus } from '../../../src/shared';
import { engineOn, PERMISSIVE_PROFILE, type EngineFixture } from '../../unit/execution/helpers/engine-fixture';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';

/**
 * Floor's ExecutionEngine trading through IbVenue -> real @stoqey/ib client -> the TWS-protocol
 * gateway simulator (tests/ib-gateway-sim) over the GOOG 2012-06-21 LOBSTER excerpt
 * (../shared/data/lobster/excerpts), for the IbVenue tests. Prices micro-dollars.
 */

export const HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };
export const CLIENT_ID = 17;

export interface Rig {
  readonly stand: SimStand;
  readonly ledger: Ledger;
  readonly venue: IbVenue;
  readonly engine: EngineFixture['engine'];
  readonly fixture: EngineFixture;
  readonly logs: string[];
}

const rigs: Rig[] = [];

/** Disposes every rig opened since the last call (call from afterEach). */
export async function closeRigs(): Promise<void> {
  for (const rig of rigs.splice(0)) {
    rig.fixture.engine.dispose();
    rig.venue.dispose();
    rig.ledger.close();
    await rig.stand.close();
  }
}

/**
 * A simulator (5 s into the replay), a ledger, an IbVenue on it and an engine on the venue;
 * `beforeStart` sees the venue before it connects (to put a market feed on its connection); resolves
 * once the connection reaches `awaitPhase` (default CONNECTED).
 */
export async function rig(
  options: { standby?: SimStand; venue?: Partial<IbVenueOptions>; stand?: Parameters<typeof startStand>[0]; awaitPhase?: IbConnectionPhase; beforeStart?: (venue: IbVenue) => void } = {},
): Promise<Rig> {
  const stand = await startStand({ firstOrderId: 100, ...options.stand });
  await stand.advance(5);
  const ledger = Ledger.open(':memory:');
  const logs: string[] = [];
  const ports = { paper: [stand.sim.port, ...(options.standby ? [options.standby.sim.port] : [])], live: [4001] };
  const venue = new IbVenue({
    primary: { host: '127.0.0.1', port: stand.sim.port, clientId: CLIENT_ID },
    standby: options.standby ? { host: '127.0.0.1', port: options.standby.sim.port, clientId: CLIENT_ID } : null,
    mode: () => 'PAPER',
    ports,
    heartbeat: HEARTBEAT,
    whileDisconnected: () => 'HOLD',
    orderMap: new IbOrderRepository(ledger.db),
    instruments: ['GOOG'],
    now: () => Date.now() * 1_000,
    timers: realIbTimers,
    log: (line) => logs.push(line),
    random: () => 0,
    ...options.venue,
  });
  const fixture = engineOn(ledger, { venue }, undefined, { profile: { ...PERMISSIVE_PROFILE, priceCollarBps: 10_000 } });
  fixture.marks.set('GOOG', stand.feed.book.mid() ?? 580_000_000);
  const r = { stand, ledger, venue, engine: fixture.engine, fixture, logs };
  rigs.push(r);
  options.beforeStart?.(venue);
  venue.start();
  await phase(venue.connection, options.awaitPhase ?? 'CONNECTED');
  return r;
}

/** Resolves when `connection` is in `wanted` (and `accept` holds); rejects after `timeoutMs`. */
export function phase(connection: IbConnection, wanted: IbConnectionPhase, timeoutMs = 5_000, accept: () => boolean = () => true): Promise<void> {
  return new Promise((resolve, reject) => {
    if (connection.connectionStatus().phase === wanted && accept()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`not ${wanted} within ${timeoutMs} ms: ${JSON.stringify(connection.connectionStatus())}`));
    }, timeoutMs);
    const sub = connection.onDidChangeStatus((s) => {
      if (s.phase === wanted && accept()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Polls `check` every 10 ms until it holds; rejects naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const statusOf = (r: Rig, id: string): OrderStatus | undefined => r.engine.order(id)?.status;
export const bid = (r: Rig): number => r.stand.feed.book.bestBid()!.price;
export const ask = (r: Rig): number => r.stand.feed.book.bestAsk()!.price;
