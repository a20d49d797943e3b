import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startTerminal, type RunningTerminal } from '../../../src/main/app';
import type { Alert, Order, PositionView, TerminalStatus } from '../../../src/shared';
import { connectRpc, unlockTerminal, type TerminalRpc } from '../../support/terminal-rpc';
import type { SoftAuthenticator } from '../../support/soft-authenticator';
import { unlockOverRpc } from '../../support/interlock-rpc';
import { makeRendererBuild } from '../../unit/host/helpers';
import { GOOG_MESSAGE_FILE } from '../../unit/venues/lobster-test-feed';

// Defect 5 of the order-core issue: a fill the ledger failed to book was only logged. A fill is
// money: it must raise a critical alert and halt new orders until it is booked. The fault is a
// trigger another connection puts on the terminal's `fills` table, as a disk that refuses writes
// to it would. Market data: the GOOG 2012-06-21 LOBSTER excerpt in ../shared/data.

let dataDir: string;
let build: ReturnType<typeof makeRendererBuild>;
let terminal: RunningTerminal;
let rpc: TerminalRpc;
let authenticator: SoftAuthenticator;
let outside: Database.Database;

beforeAll(() => {
  build = makeRendererBuild();
});

afterAll(() => {
  build.cleanup();
});

// Each test runs its own terminal on a fresh data folder, unlocked, with the replay paused.
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'floor-fill-fault-'));
  terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: GOOG_MESSAGE_FILE, speed: 1 });
  terminal.feed.pause();
  rpc = await connectRpc(terminal.host);
  authenticator = await unlockTerminal(rpc, terminal.host);
  outside = new Database(path.join(dataDir, DATABASE_FILE));
});

afterEach(async () => {
  outside?.close();
  rpc?.close();
  await terminal?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const status = async () => ((await rpc.call('session.describe', {})) as { status: TerminalStatus }).status;
const submit = async (ticket: unknown) => ((await rpc.call('orders.submit', ticket)) as { order: Order }).order;
const buyAtAsk = () => ({ instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: terminal.feed.book.bestAsk()!.price });

/** Makes the `fills` table refuse inserts, then buys 10 GOOG at the ask: the fill cannot be booked. */
async function buyWhileFillsFail(): Promise<Order> {
  outside.exec("CREATE TRIGGER fault_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END");
  return submit(buyAtAsk());
}

describe('a fill the ledger cannot book', () => {
  it('halts trading with a critical alert naming the fill, and denies new orders', async () => {
    const order = await buyWhileFillsFail();
    expect((await status()).tradingState).toBe('HALTED');
    const alerts = ((await rpc.call('alerts.list', {})) as { alerts: Alert[] }).alerts;
    const alert = alerts.find((a) => a.code === 'FILL_NOT_BOOKED');
    expect(alert).toMatchObject({ severity: 'CRITICAL' });
    expect(alert?.message).toMatch(new RegExp(`${order.clientOrderId}.*10 shares.*disk I/O error \\(injected\\)`));
    const next = await submit(buyAtAsk());
    expect(next).toMatchObject({ status: 'DENIED', reason: { code: 'TRADING_HALTED' } });
  });

  it('books the fill when the trader resumes once the ledger takes writes again, and only then trades again', async () => {
    const order = await buyWhileFillsFail();
    expect((await status()).tradingState).toBe('HALTED');
    outside.exec('DROP TRIGGER fault_fills');
    await unlockOverRpc(rpc.call, authenticator);
    await rpc.call('risk.resume', {});
    expect((await status()).tradingState).toBe('ACTIVE');
    const orders = ((await rpc.call('orders.list', {})) as { orders: Order[] }).orders;
    expect(orders.find((o) => o.clientOrderId === order.clientOrderId)).toMatchObject({ status: 'FILLED', filledQty: 10 });
    const positions = ((await rpc.call('positions.list', {})) as { positions: PositionView[] }).positions;
    expect(positions.find((p) => p.instrumentId === 'GOOG')?.quantity).toBe(10);
  });
});
