import { afterEach, describe, expect, it } from 'vitest';
import type { OrderSide, ReplayStatus, TradeTick } from '../../../src/shared';
import { IbConnection } from '../../../src/main/venues/ib/ib-connection';
import { IbMarketFeed, LiveFeedControlError } from '../../../src/main/venues/ib/ib-market-feed';
import { MARKET_DATA_REQUEST_ID_BASE, RequestIdSequence } from '../../../src/main/venues/ib/order-ids';
import { realIbTimers } from '../../../src/main/venues/ib/timers';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';
import { roundTrip } from './venue-rig';

// IbMarketFeed against the TWS-protocol gateway simulator (tests/ib-gateway-sim) replaying the
// GOOG 2012-06-21 LOBSTER excerpt (../shared/data/lobster/excerpts), through the real @stoqey/ib client.

const HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };
const stands: SimStand[] = [];
const cleanups: Array<() => void> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const s of stands.splice(0)) await s.close();
});

interface Rig {
  readonly stand: SimStand;
  readonly connection: IbConnection;
  readonly feed: IbMarketFeed;
  readonly log: string[];
  readonly trades: TradeTick[];
  readonly statuses: ReplayStatus[];
  resets: number;
}

async function rig(depthRows = 10): Promise<Rig> {
  const stand = await startStand();
  stands.push(stand);
  const connection = new IbConnection({
    primary: { host: '127.0.0.1', port: stand.sim.port, clientId: 17 },
    standby: null,
    mode: () => 'PAPER',
    ports: { paper: [stand.sim.port], live: [4001] },
    heartbeat: HEARTBEAT,
    timers: realIbTimers,
    isOrderId: (id) => !RequestIdSequence.isRequestId(id),
    reconcile: () => Promise.resolve(),
    random: () => 0,
  });
  const log: string[] = [];
  const feed = new IbMarketFeed({ connection, instrumentId: 'GOOG', depthRows, log: (line) => log.push(line) });
  const r: Rig = { stand, connection, feed, log, trades: [], statuses: [], resets: 0 };
  feed.onDidTrade((t) => r.trades.push(t));
  feed.onDidChangeStatus((s) => r.statuses.push(s));
  feed.onDidReset(() => (r.resets += 1));
  cleanups.push(() => {
    feed.dispose();
    connection.stop();
  });
  feed.start();
  connection.start();
  return r;
}

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const SIDES: readonly OrderSide[] = ['BUY', 'SELL'];

/** True when the feed's top `rows` levels per side equal the simulator's replayed book. */
function matches(r: Rig, rows = 10): boolean {
  return SIDES.every((side) => JSON.stringify(r.feed.book.levels(side, rows + 5)) === JSON.stringify(r.stand.feed.book.levels(side, rows)));
}

function mismatch(r: Rig, rows = 10): string {
  return SIDES.map((side) => `${side}: feed ${JSON.stringify(r.feed.book.levels(side, rows + 5))} vs sim ${JSON.stringify(r.stand.feed.book.levels(side, rows))}`).join('\n');
}

async function inSync(r: Rig, rows = 10): Promise<void> {
  await until(`the book to match the simulator\n${mismatch(r, rows)}`, () => r.feed.status().source.kind === 'IB' && matches(r, rows));
}

function state(r: Rig): string {
  const { source } = r.feed.status();
  return source.kind === 'IB' ? source.state : source.kind;
}

function reason(r: Rig): string {
  const { source } = r.feed.status();
  return source.kind === 'IB' ? (source.reason ?? '') : '';
}

describe('IbMarketFeed against the gateway simulator', () => {
  it('shows the simulator top 10 levels per side, before and after advancing the replay, with request ids apart from order ids', async () => {
    const r = await rig();
    await until('LIVE', () => state(r) === 'LIVE');
    await inSync(r);
    expect(r.feed.book.depth('BUY')).toBe(10);
    expect(r.feed.subscriptionIds.depth).toBeGreaterThanOrEqual(MARKET_DATA_REQUEST_ID_BASE);
    let applied = 0;
    const sub = r.feed.onDidApply(() => (applied += 1));
    cleanups.push(() => sub.dispose());
    for (let i = 0; i < 5; i++) {
      await r.stand.advance(400);
      await inSync(r);
    }
    expect(applied).toBeGreaterThan(500);
    const status = r.feed.status();
    expect(status.source).toMatchObject({ kind: 'IB', gateway: `127.0.0.1:${r.stand.sim.port}`, depthRows: 10, state: 'LIVE', reason: null });
    expect(status.paused).toBe(false);
    expect(r.log.some((l) => /subscribed to 10 depth rows \(SMART depth/.test(l))).toBe(true);
  });

  it('serves other depths (3 rows) exactly', async () => {
    const r = await rig(3);
    await inSync(r, 3);
    await r.stand.advance(500);
    await inSync(r, 3);
    expect(r.feed.book.depth('SELL')).toBe(3);
  });

  it('delivers the replay trade prints as trades, once each', async () => {
    const r = await rig();
    await inSync(r);
    // The trades request goes out after the depth one, through Floor's throttle: once this round trip
    // (queued behind it) is answered, the simulator has the subscription and will report every print.
    await roundTrip(r.connection);
    const simTrades: TradeTick[] = [];
    const sub = r.stand.feed.onDidTrade((t) => simTrades.push(t));
    cleanups.push(() => sub.dispose());
    await r.stand.advance(2_000);
    await until(`${simTrades.length} trades`, () => simTrades.length > 0 && r.trades.length === simTrades.length).catch((error: Error) => {
      throw new Error(`${error.message}; got ${r.trades.length}`);
    });
    expect(r.trades.map((t) => [t.price, t.size])).toEqual(simTrades.map((t) => [t.price, t.size]));
    expect(r.trades.every((t) => t.instrumentId === 'GOOG' && !t.hidden)).toBe(true);
  });

  it('empties the book on 317 and rebuilds it from the next rows', async () => {
    const r = await rig();
    await inSync(r);
    const resetsBefore = r.resets;
    r.stand.sim.control.resetDepth();
    await until('a reset', () => r.resets > resetsBefore);
    await inSync(r);
    expect(state(r)).toBe('LIVE');
    expect(r.log.some((l) => /depth reset \(317\)/.test(l))).toBe(true);
    expect(r.statuses.some((s) => s.source.kind === 'IB' && s.source.state === 'WAITING' && /IB 317/.test(s.source.reason ?? ''))).toBe(true);
  });

  it('empties the book when the connection drops, then resubscribes on the next session and matches again', async () => {
    const r = await rig();
    await inSync(r);
    const firstDepthId = r.feed.subscriptionIds.depth;
    // The reconnect can be immediate: record the book as the DISCONNECTED status is announced.
    const levelsWhenDisconnected: number[] = [];
    const sub = r.feed.onDidChangeStatus((s) => {
      if (s.source.kind === 'IB' && s.source.state === 'DISCONNECTED') levelsWhenDisconnected.push(r.feed.book.depth('BUY') + r.feed.book.depth('SELL'));
    });
    cleanups.push(() => sub.dispose());
    r.stand.sim.control.dropConnections();
    await until('DISCONNECTED', () => levelsWhenDisconnected.length > 0);
    expect(levelsWhenDisconnected[0]).toBe(0);
    expect(r.statuses.some((s) => s.source.kind === 'IB' && s.source.state === 'DISCONNECTED' && /closed the connection/.test(s.source.reason ?? ''))).toBe(true);
    await r.stand.advance(300);
    await until('LIVE again', () => state(r) === 'LIVE');
    expect(r.feed.subscriptionIds.depth).not.toBe(firstDepthId);
    await inSync(r);
    await r.stand.advance(300);
    await inSync(r);
  });

  it('keeps the book STALE across 1100 and 1102, and subscribes again after 1101 once reconciled', async () => {
    const r = await rig();
    await inSync(r);
    r.stand.sim.control.notice('connectivityLost');
    await until('STALE', () => state(r) === 'STALE');
    expect(r.feed.book.depth('BUY')).toBe(10);
    r.stand.sim.control.notice('restoredDataKept');
    await until('LIVE', () => state(r) === 'LIVE');
    const before = r.feed.subscriptionIds.depth;
    r.stand.sim.control.notice('restoredDataLost');
    await until('a new depth subscription', () => r.feed.subscriptionIds.depth !== before && state(r) === 'LIVE');
    await r.stand.advance(300);
    await inSync(r);
  });

  it('reports IB 309 (depth limit) clearly, empties the book and ignores further rows', async () => {
    const r = await rig();
    await inSync(r);
    const [session] = r.stand.sim.sessions();
    session!.sendError(r.feed.subscriptionIds.depth!, 309, 'Max number of market depth requests has been reached');
    await until('REFUSED', () => state(r) === 'REFUSED');
    expect(reason(r)).toMatch(/^IB 309: Max number of market depth requests has been reached\. IB allows 3 depth subscriptions at least, 1 more per 100 market data lines, 60 at most/);
    expect(r.log.some((l) => /GOOG market depth refused: IB 309/.test(l))).toBe(true);
    const rowsSent = (): number => {
      const stats = session!.depthRowsSent()!;
      return stats.inserts + stats.updates + stats.deletes;
    };
    const sentBefore = rowsSent();
    await r.stand.advance(500);
    await roundTrip(r.connection); // every row the simulator sent has reached the feed
    expect(rowsSent(), 'depth rows the simulator sent after the 309').toBeGreaterThan(sentBefore);
    expect(r.feed.book.depth('BUY') + r.feed.book.depth('SELL')).toBe(0);
    expect(state(r)).toBe('REFUSED');
  });

  it('reports 316 (depth halted) until rows flow again, and 354 on the trades alone without refusing the depth', async () => {
    const r = await rig();
    await inSync(r);
    const [session] = r.stand.sim.sessions();
    session!.sendError(r.feed.subscriptionIds.trades!, 354, 'Requested market data is not subscribed.');
    await until('the trades reason', () => /trades refused: IB 354/.test(reason(r)));
    expect(state(r)).toBe('LIVE');
    session!.sendError(r.feed.subscriptionIds.depth!, 316, 'Market depth data has been HALTED.');
    await until('HALTED', () => state(r) === 'HALTED');
    expect(reason(r)).toBe('IB 316: Market depth data has been HALTED.');
    expect(r.feed.book.depth('BUY')).toBe(10);
    await r.stand.advance(500);
    await until('LIVE again', () => state(r) === 'LIVE');
    await inSync(r);
  });

  it('refuses replay controls with a clear error: a live feed cannot pause, change speed or seek', async () => {
    const r = await rig();
    expect(() => r.feed.pause()).toThrow(LiveFeedControlError);
    expect(() => r.feed.setSpeed(10)).toThrow(/cannot run at 10x/);
    await expect(r.feed.seek(36_000 * 1e9)).rejects.toThrow(/a live IB feed cannot seek/);
    expect(new LiveFeedControlError('x').code).toBe('BAD_REQUEST');
  });
});
