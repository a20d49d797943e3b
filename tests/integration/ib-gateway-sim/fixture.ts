import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventName, IBApi } from '@stoqey/ib';
import { LobsterReplayFeed } from '../../../src/main/marketdata';
import { GatewaySim, type GatewaySimOptions } from '../../ib-gateway-sim/server';
import { FakeClock } from '../../unit/marketdata/fake-clock';

/**
 * Test stand for the gateway simulator: the GOOG 2012-06-21 LOBSTER excerpt
 * (../shared/data/lobster/excerpts, 2,000 rows from 09:30:00) on a fake clock, the simulator on a
 * random port, and real @stoqey/ib IBApi clients whose every event is recorded.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const GOOG_EXCERPT = path.resolve(repoRoot, '../shared/data/lobster/excerpts/GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');

/** One recorded client event. */
export interface Recorded {
  readonly name: string;
  readonly args: unknown[];
}

/** A real IBApi client with everything it emitted. */
export interface RecordingClient {
  readonly api: IBApi;
  readonly events: Recorded[];
  /** Args of every event `name`, oldest first. */
  all(name: EventName | string): unknown[][];
  /** Errors as [message, code, reqId, advancedOrderReject]. */
  errors(): Array<[string, number, number, unknown]>;
  /** Errors with code 505 (the client's own decode errors: underrun / unprocessed data). */
  decodeErrors(): string[];
  /** Resolves with the args of the first event `name` (after `from` recorded events) satisfying `accept`. */
  next(name: EventName | string, accept?: (args: unknown[]) => boolean, timeoutMs?: number): Promise<unknown[]>;
  /**
   * Round trip through the server (reqCurrentTime): resolves once everything the server sent
   * before it has reached the client (one TCP stream, in order).
   */
  sync(): Promise<void>;
  disconnect(): void;
}

const RECORDED = [
  EventName.connected,
  EventName.disconnected,
  EventName.server,
  EventName.nextValidId,
  EventName.managedAccounts,
  EventName.currentTime,
  EventName.error,
  EventName.info,
  EventName.openOrder,
  EventName.openOrderEnd,
  EventName.orderStatus,
  EventName.execDetails,
  EventName.execDetailsEnd,
  EventName.commissionReport,
  EventName.contractDetails,
  EventName.contractDetailsEnd,
  EventName.tickPrice,
  EventName.tickSize,
  EventName.updateMktDepthL2,
  EventName.tickSnapshotEnd,
  EventName.position,
  EventName.positionEnd,
  EventName.accountSummary,
  EventName.accountSummaryEnd,
  EventName.updateAccountValue,
  EventName.updatePortfolio,
  EventName.updateAccountTime,
  EventName.accountDownloadEnd,
  EventName.completedOrder,
  EventName.completedOrdersEnd,
  EventName.positionMulti,
  EventName.positionMultiEnd,
  EventName.accountUpdateMulti,
  EventName.accountUpdateMultiEnd,
  EventName.pnl,
  EventName.pnlSingle,
  EventName.marketDataType,
  EventName.tickReqParams,
  EventName.symbolSamples,
];

/** Connects a real IBApi client to `port` with `clientId` and records its events. */
export function connectClient(port: number, clientId: number): RecordingClient {
  const api = new IBApi({ host: '127.0.0.1', port });
  const events: Recorded[] = [];
  const waiters: Array<() => void> = [];
  for (const name of RECORDED) {
    (api as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(name, (...args: unknown[]) => {
      events.push({ name, args: name === EventName.error ? [(args[0] as Error).message, ...args.slice(1)] : args });
      for (const w of waiters.splice(0)) w();
    });
  }
  const all = (name: string): unknown[][] => events.filter((e) => e.name === name).map((e) => e.args);
  const client: RecordingClient = {
    api,
    events,
    all,
    errors: () => all(EventName.error) as Array<[string, number, number, unknown]>,
    decodeErrors: () => client.errors().filter(([, code]) => code === 505).map(([message]) => message),
    next: (name, accept = () => true, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}; got ${events.map((e) => e.name).join(', ')}`)), timeoutMs);
        const check = (): void => {
          const hit = events.find((e) => e.name === name && accept(e.args));
          if (hit) {
            clearTimeout(timer);
            resolve(hit.args);
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
    sync: async () => {
      const before = all(EventName.currentTime).length;
      api.reqCurrentTime();
      await client.next(EventName.currentTime, () => all(EventName.currentTime).length > before);
    },
    disconnect: () => api.disconnect(),
  };
  api.connect(clientId);
  return client;
}

/** A running simulator over the GOOG excerpt with its fake clock. */
export interface SimStand {
  readonly sim: GatewaySim;
  readonly feed: LobsterReplayFeed;
  readonly clock: FakeClock;
  /**
   * Advances the replay by `ms` of wall time (speed 1000x: 1 ms = 1 s of market time); resolves once
   * the simulator has handled every event due (what it sent may still be on the wire: a client's
   * `sync()` waits for that).
   */
  advance(ms: number): Promise<void>;
  connect(clientId?: number): RecordingClient;
  close(): Promise<void>;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Opens the GOOG excerpt, starts it paused at the open, and starts the simulator on a free port. */
export async function startStand(options: Omit<GatewaySimOptions, 'feed'> = {}): Promise<SimStand> {
  const clock = new FakeClock();
  const feed = await LobsterReplayFeed.open({ messageFile: GOOG_EXCERPT, speed: 1_000, clock });
  const sim = await GatewaySim.start({ ...options, feed });
  const clients: RecordingClient[] = [];
  feed.start();
  return {
    sim,
    feed,
    clock,
    advance: async (ms) => {
      await clock.advance(ms, () => feed.settled().then(settle));
    },
    connect: (clientId = 7) => {
      const c = connectClient(sim.port, clientId);
      clients.push(c);
      return c;
    },
    close: async () => {
      for (const c of clients) c.disconnect();
      await sim.close();
      feed.dispose();
    },
  };
}
