import { afterEach, describe, expect, it } from 'vitest';
import { openIbTrading, type TradingVenue } from '../../../src/main/app/trading-venue';
import { Ledger } from '../../../src/main/ledger';
import { dollarsToMicros } from '../../../src/main/venues/ib/account-values';
import { IbVenue } from '../../../src/main/venues/ib/ib-venue';
import { realIbTimers } from '../../../src/main/venues/ib/timers';
import { DEFAULT_GATEWAY_SETTINGS, type IbAccount } from '../../../src/shared';
import { engineOn, limitTicket, PERMISSIVE_PROFILE } from '../../unit/execution/helpers/engine-fixture';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';

// IB's own view of the account (IbAccountSummary inside IbVenue) against the TWS-protocol gateway
// simulator: reqAccountSummary (asked again every refresh) and reqPositions. Money micro-dollars.

const HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stand(): Promise<SimStand> {
  const s = await startStand({ firstOrderId: 100 });
  cleanups.push(() => s.close());
  await s.advance(5);
  return s;
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('IB account values and positions from the gateway', () => {
  it("after a fill, IB's snapshot shows the simulator broker's position, cash and P&L", async () => {
    const s = await stand();
    const ledger = Ledger.open(':memory:');
    const logs: string[] = [];
    const venue = new IbVenue({
      primary: { host: '127.0.0.1', port: s.sim.port, clientId: 17 },
      standby: null,
      mode: () => 'PAPER',
      ports: { paper: [s.sim.port], live: [4001] },
      heartbeat: HEARTBEAT,
      whileDisconnected: () => 'HOLD',
      orderMap: ledger.ibOrders,
      instruments: ['GOOG'],
      clock: { now: () => Date.now() * 1_000 },
      timers: realIbTimers,
      accountRefreshMs: 100,
      log: (line) => logs.push(line),
      random: () => 0,
    });
    const fixture = engineOn(ledger, { venue }, undefined, { profile: { ...PERMISSIVE_PROFILE, priceCollarBps: 10_000 } });
    cleanups.push(() => {
      fixture.engine.dispose();
      venue.dispose();
      ledger.close();
    });
    fixture.marks.set('GOOG', s.feed.book.mid() ?? 580_000_000);
    const snapshots: IbAccount[] = [];
    venue.accountSummary.onDidChange((snapshot) => snapshots.push(snapshot));
    venue.start();
    const account = s.sim.broker.accounts[0]!;
    await until(() => venue.accountSummary.snapshot() !== null, 'the first account snapshot');
    expect(venue.accountSummary.snapshot()).toMatchObject({ accountId: account, positions: [], cash: dollarsToMicros(s.sim.broker.accountValues(account).cash.toFixed(2)) });

    const order = fixture.engine.submit(limitTicket('BUY', 100, s.feed.book.bestAsk()!.price), 'TICKET');
    await until(() => fixture.engine.orders.get(order.clientOrderId)?.status === 'FILLED', 'the buy to fill');
    const held = s.sim.broker.position(account);
    expect(held.quantity).toBe(100);
    const values = s.sim.broker.accountValues(account);
    const expected = {
      accountId: account,
      netLiquidation: dollarsToMicros(values.netLiquidation.toFixed(2)),
      cash: dollarsToMicros(values.cash.toFixed(2)),
      grossPositionValue: dollarsToMicros(values.grossPositionValue.toFixed(2)),
      unrealizedPnl: dollarsToMicros(values.unrealizedPnl.toFixed(2)),
      realizedPnl: dollarsToMicros(values.realizedPnl.toFixed(2)),
      positions: [{ symbol: 'GOOG', quantity: 100, averageCost: dollarsToMicros(values.avgCost) }],
    };
    // The position streams at once; the cash comes with the next summary (every 100 ms here).
    await until(() => {
      const snapshot = venue.accountSummary.snapshot();
      return snapshot !== null && snapshot.cash === expected.cash && snapshot.positions.length === 1;
    }, "IB's cash and position after the fill");
    const snapshot = venue.accountSummary.snapshot()!;
    expect(snapshot).toMatchObject(expected);
    expect(snapshot.buyingPower).toBeGreaterThan(0);
    expect(snapshot.availableFunds).toBeGreaterThan(0);
    expect(snapshot.cash).toBe(Math.round(held.cashMicros / 10_000) * 10_000); // IB reports cents
    expect(Math.abs(snapshot.asOf - Date.now() * 1_000)).toBeLessThan(5_000_000);
    expect(venue.gatewayStatus().account).toEqual(snapshot);
    expect(snapshots.length).toBeGreaterThan(2); // refreshed, not asked once
    expect(logs.filter((line) => line.startsWith('ib account:'))).toEqual([]);
  });

  it('pushes the terminal status when a snapshot arrives (TradingVenue.onDidChangeConnection)', async () => {
    const s = await stand();
    const ledger = Ledger.open(':memory:');
    const trading: TradingVenue = openIbTrading({
      settings: { ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB', primary: { host: '127.0.0.1', port: s.sim.port, clientId: 17 }, ports: { paper: [s.sim.port], live: [4001] } },
      symbol: 'GOOG',
      ledger,
      bookedTradeIds: [],
      clock: { now: () => Date.now() * 1_000 },
      log: () => undefined,
      mode: () => 'PAPER',
      whileDisconnected: () => 'HOLD',
    });
    cleanups.push(() => {
      trading.dispose();
      ledger.close();
    });
    const pushed: (IbAccount | null)[] = [];
    trading.onDidChangeConnection(() => pushed.push(trading.gatewayStatus()?.account ?? null));
    trading.start();
    await until(() => pushed.some((account) => account !== null), 'a push carrying the account');
    expect(pushed.find((account) => account !== null)).toMatchObject({ accountId: s.sim.broker.accounts[0], positions: [] });
  });
});
