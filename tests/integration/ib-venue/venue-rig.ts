import { EventName, SecType } from '@stoqey/ib';
import { Ledger } from '../../../src/main/ledger';
import { IbVenue, type IbVenueOptions } from '../../../src/main/venues/ib/ib-venue';
import { realIbTimers } from '../../../src/main/venues/ib/timers';
import type { IbConnection, IbConnectionPhase } from '../../../src/main/venues/ib/ib-connection';
import type { Instrument, OrderStatus } from '../../../src/shared';
import { engineOn, PERMISSIVE_PROFILE, type EngineFixture } from '../../unit/execution/helpers/engine-fixture';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';

/**
 * Floor's ExecutionEngine trading through IbVenue -> real @stoqey/ib client -> the TWS-protocol
 * gateway simulator (tests/ib-gateway-sim) over the GOOG 2012-06-21 LOBSTER excerpt
 * (../shared/data/lobster/excerpts), for the IbVenue tests. Prices micro-dollars.
 */

export const HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };
export const CLIENT_ID = 17;

/** An engine trading through an IbVenue on one gateway. */
export interface VenueRig {
  readonly ledger: Ledger;
  readonly venue: IbVenue;
  readonly engine: EngineFixture['engine'];
  readonly fixture: EngineFixture;
  readonly logs: string[];
}

/** A VenueRig on a simulator. */
export interface Rig extends VenueRig {
  readonly stand: SimStand;
}

const venueRigs: VenueRig[] = [];
const stands: SimStand[] = [];

/** Disposes every rig opened since the last call (call from afterEach). */
export async function closeRigs(): Promise<void> {
  for (const r of venueRigs.splice(0)) {
    r.fixture.engine.dispose();
    r.venue.dispose();
    r.ledger.close();
  }
  for (const s of stands.splice(0)) await s.close();
}

/**
 * A fresh ledger, an IbVenue on the gateway at 127.0.0.1:`port` (and `standby`) and an engine on
 * it trading `symbols`, each marked at `mark` (micro-dollars); `beforeStart` sees the venue before it connects (to put a
 * market feed on its connection); resolves once the connection reaches `awaitPhase` (default CONNECTED).
 */
export async function venueRig(options: {
  port: number;
  /** US stocks traded (default GOOG): the venue's instruments, each a SMART-routed USD stock with cent ticks. */
  symbols?: readonly string[];
  standbyPort?: number;
  mark: number;
  venue?: Partial<IbVenueOptions>;
  awaitPhase?: IbConnectionPhase;
  beforeStart?: (venue: IbVenue) => void;
}): Promise<VenueRig> {
  const ledger = Ledger.open(':memory:');
  const logs: string[] = [];
  const symbols = options.symbols ?? ['GOOG'];
  const ports = { paper: [options.port, ...(options.standbyPort === undefined ? [] : [options.standbyPort])], live: [4001] };
  const venue = new IbVenue({
    primary: { host: '127.0.0.1', port: options.port, clientId: CLIENT_ID },
    standby: options.standbyPort === undefined ? null : { host: '127.0.0.1', port: options.standbyPort, clientId: CLIENT_ID },
    mode: () => 'PAPER',
    ports,
    heartbeat: HEARTBEAT,
    whileDisconnected: () => 'HOLD',
    orderMap: ledger.ibOrders,
    instruments: symbols,
    clock: { now: () => Date.now() * 1_000 },
    timers: realIbTimers,
    log: (line) => logs.push(line),
    random: () => 0,
    ...options.venue,
  });
  const instruments = (id: string): Instrument | undefined => (symbols.includes(id) ? { instrumentId: id, venue: 'SMART', tickSize: 10_000, currency: 'USD' } : undefined);
  const fixture = engineOn(ledger, { venue, instruments }, undefined, { profile: { ...PERMISSIVE_PROFILE, priceCollarBps: 10_000 } });
  for (const symbol of symbols) fixture.marks.set(symbol, options.mark);
  const r = { ledger, venue, engine: fixture.engine, fixture, logs };
  venueRigs.push(r);
  options.beforeStart?.(venue);
  venue.start();
  await phase(venue.connection, options.awaitPhase ?? 'CONNECTED');
  return r;
}

/**
 * A simulator (5 s into the replay) and a VenueRig on it (or on the port `via` returns, e.g. a
 * recording proxy in front of it); the other options as for venueRig.
 */
export async function rig(
  options: { standby?: SimStand; venue?: Partial<IbVenueOptions>; stand?: Parameters<typeof startStand>[0]; awaitPhase?: IbConnectionPhase; beforeStart?: (venue: IbVenue) => void; via?: (stand: SimStand) => Promise<number> } = {},
): Promise<Rig> {
  const stand = await startStand({ firstOrderId: 100, ...options.stand });
  stands.push(stand);
  await stand.advance(5);
  const port = options.via === undefined ? stand.sim.port : await options.via(stand);
  const r = await venueRig({
    port,
    ...(options.standby === undefined ? {} : { standbyPort: options.standby.sim.port }),
    mark: stand.feed.book.mid() ?? 580_000_000,
    ...(options.venue === undefined ? {} : { venue: options.venue }),
    ...(options.awaitPhase === undefined ? {} : { awaitPhase: options.awaitPhase }),
    ...(options.beforeStart === undefined ? {} : { beforeStart: options.beforeStart }),
  });
  return { ...r, stand };
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

let roundTripId = 990_000;

/**
 * Resolves once everything the gateway sent before now has reached `connection`'s client: a
 * reqContractDetails with an id of its own, whose contractDetailsEnd comes back on the same TCP
 * stream after every earlier message. Rejects after `timeoutMs`, or at once without a session.
 */
export function roundTrip(connection: IbConnection, timeoutMs = 5_000): Promise<void> {
  const session = connection.session;
  if (!session) return Promise.reject(new Error(`no gateway session for a round trip: ${JSON.stringify(connection.connectionStatus())}`));
  const reqId = (roundTripId += 1);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      session.api.off(EventName.contractDetailsEnd, onEnd);
      reject(new Error(`no answer to round trip ${reqId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEnd = (id: number): void => {
      if (id !== reqId) return;
      clearTimeout(timer);
      session.api.off(EventName.contractDetailsEnd, onEnd);
      resolve();
    };
    session.api.on(EventName.contractDetailsEnd, onEnd);
    session.send((api) => api.reqContractDetails(reqId, { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }));
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

export const statusOf = (r: Rig, id: string): OrderStatus | undefined => r.engine.orders.get(id)?.status;
export const bid = (r: Rig): number => r.stand.feed.book.bestBid()!.price;
export const ask = (r: Rig): number => r.stand.feed.book.bestAsk()!.price;
