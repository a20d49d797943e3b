import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Order, PositionView } from '../../src/shared';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { unlockWithVirtualAuthenticator } from '../support/interlock';
import { registerAndUnlockOverRpc } from '../support/interlock-rpc';
import { blotterStatuses, openTerminal, orderRow, submitTicket, waitForLiveTerminal } from '../support/terminal-page';
import { connectServeRpc } from '../support/terminal-rpc';
import { GOOG_EXCERPT, ServeScope, type ServeProcess } from '../support/serve-process';

// End to end (issue 2, point 8): `floor serve` replaying the GOOG 2012-06-21 LOBSTER excerpt
// (../shared/data/lobster/excerpts, 2,000 messages from 09:30:00 to 09:36:03 ET), driven through
// Debian's Chromium like a trader would: the launch URL, the replay controls, the ticket, the blotter,
// the positions grid and the account strip. Then, in a test of its own, a restart on the same data
// folder: that test trades over RPC first, so it needs nothing from the other one.
//
// Speed 20x: the replay runs from the moment `floor serve` is ready, so the page must pause it before
// the excerpt ends (6 minutes of market time = 18 s of wall time at 20x, far more than Chromium needs
// to open the page even on a loaded 2-core machine). After the orders are placed, the header's speed
// control sets FILL_SPEED: the limit order's fill (about 70 s of market time later, see SEEK_TO) then
// arrives in under a second, and the excerpt's last 3.5 minutes after it take ~2 s more.

/** Replay speed, x real time (see the note above). */
const REPLAY_SPEED = 20;
/** Replay speed while the limit order waits for its fill: the header's fastest. */
const FILL_SPEED = 100;
/**
 * Where the test seeks the paused replay before trading: 09:31:19 ET. Our limit buy then joins the bid
 * queue behind 400 displayed shares at $577.50 (the book after the LOBSTER message at 34278.838629732).
 * The bid trades away below $577.50 at 34348.8 s (09:32:28.8), which fills it under the paper venue's
 * queue model: ~70 s of market time after placing it, ~0.7 s of wall time at FILL_SPEED.
 */
const SEEK_TO = '09:31:19';
const SEEK_TO_NANOS = (9 * 3600 + 31 * 60 + 19) * 1_000_000_000;
/**
 * Shares per order; the position ends at twice this. The default risk profile applies: 2 x 20 GOOG
 * (about $23,100) stays within its max position of 25% of the $100,000 paper equity.
 */
const ORDER_QUANTITY = 20;
/** Shares the restart test sells back of its ORDER_QUANTITY bought. */
const SOLD_QUANTITY = 5;

/** The excerpt's orderbook file (same name with `orderbook` for `message`). */
const GOOG_EXCERPT_BOOK = GOOG_EXCERPT.replace('_message_', '_orderbook_');

/**
 * Best bid of the excerpt at `sessionNanos` (after every message at or before that time), in
 * micro-dollars, read straight from the LOBSTER files: the book the terminal must be showing.
 * LOBSTER prices are dollars x 10,000; orderbook columns are ask1 price, ask1 size, bid1 price, bid1 size, ...
 */
function excerptBestBidMicros(sessionNanos: number): number {
  const messages = readFileSync(GOOG_EXCERPT, 'utf8').trim().split('\n');
  const books = readFileSync(GOOG_EXCERPT_BOOK, 'utf8').trim().split('\n');
  let row: string | undefined;
  for (let i = 0; i < messages.length; i++) {
    const seconds = messages[i]!.split(',')[0]!;
    const [whole, fraction = ''] = seconds.split('.');
    const nanos = Number(whole) * 1_000_000_000 + Number(fraction.padEnd(9, '0'));
    if (nanos > sessionNanos) break;
    row = books[i];
  }
  if (row === undefined) throw new Error(`the excerpt has no book at ${sessionNanos} ns`);
  return Number(row.split(',')[2]) * 100;
}

async function positionQuantity(page: Page): Promise<number | null> {
  const cell = page.locator('[data-testid="position-row"][data-instrument="GOOG"]');
  if ((await cell.count()) === 0) return null;
  return Number(await cell.getAttribute('data-quantity'));
}

async function micros(page: Page, testId: string): Promise<number | null> {
  const value = await page.getByTestId(testId).getAttribute('data-micros');
  return value === null ? null : Number(value);
}

describe('paper trading the GOOG excerpt in Chromium', () => {
  let browser: TestBrowser | undefined;
  const serves = new ServeScope();
  /** `floor serve` on the excerpt, in `dataDir` (a restart) or a fresh folder of its own. */
  const serveExcerpt = (dataDir?: string): Promise<ServeProcess> => serves.start({ replay: GOOG_EXCERPT, speed: REPLAY_SPEED, ...(dataDir ? { dataDir } : {}) });

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterEach(() => serves.dispose(), 30_000);

  afterAll(async () => {
    await browser?.close();
  }, 30_000);

  it('fills a limit buy at the bid and a market buy, then shows the position and P&L, without page errors', async () => {
    const serve = await serveExcerpt();
    const { page, problems } = await openTerminal(browser!, serve.launchUrl);
    expect(new URL(page.url()).searchParams.has('token'), 'the launch token is dropped from the address bar').toBe(false);
    await waitForLiveTerminal(page);
    await unlockWithVirtualAuthenticator(page);
    await page.locator('[data-testid="chart"] canvas').first().waitFor({ timeout: 5_000 });

    // Freeze the market at a known moment so the limit order's queue is the same on every run.
    await page.getByTestId('replay-pause').click();
    await page.locator('[data-testid="replay-pause"][data-paused="true"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('replay-seek-time').fill(SEEK_TO);
    await page.getByTestId('replay-seek-go').click();
    await page.locator(`[data-testid="header-replay-time"][data-market-time="${SEEK_TO_NANOS}"]`).waitFor({ timeout: 10_000 });

    // A fresh paper account: both P&L figures at zero once the account snapshot has arrived.
    await expect.poll(() => micros(page, 'account-realized'), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => micros(page, 'account-unrealized'), { timeout: 5_000 }).toBe(0);
    expect(await positionQuantity(page), 'no position before trading').toBeNull();

    // Limit buy at the bid: the Bid button takes the best bid of the book as of SEEK_TO.
    const expectedBid = excerptBestBidMicros(SEEK_TO_NANOS);
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-quantity').fill(String(ORDER_QUANTITY));
    await expect
      .poll(
        async () => {
          await page.getByTestId('ticket-price-bid').click();
          return Math.round(Number(await page.getByTestId('ticket-limit-price').inputValue()) * 1_000_000);
        },
        { timeout: 5_000 },
      )
      .toBe(expectedBid);
    expect(await page.getByTestId('ticket-type').inputValue()).toBe('LIMIT');
    const limitId = await submitTicket(page);
    // The market is paused: the order rests in the queue, working but unfilled.
    await orderRow(page, limitId, 'ACCEPTED').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="ticket-message"][data-status="ACCEPTED"]').waitFor({ timeout: 5_000 });

    // Marketable buy: walks the visible asks at once, even with the replay paused.
    await page.getByTestId('ticket-type').selectOption('MARKET');
    const marketId = await submitTicket(page);
    await orderRow(page, marketId, 'FILLED').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="ticket-message"][data-kind="success"][data-status="FILLED"]').waitFor({ timeout: 5_000 });
    await expect.poll(() => positionQuantity(page), { timeout: 5_000 }).toBe(ORDER_QUANTITY);
    expect((await blotterStatuses(page))[limitId], 'the limit order still waits in the queue').toBe('ACCEPTED');

    // Resume, faster: replayed executions eat the queue ahead of the limit order until it fills.
    await page.getByTestId('replay-speed').selectOption(String(FILL_SPEED));
    await page.getByTestId('replay-pause').click();
    await page.locator('[data-testid="replay-pause"][data-paused="false"]').waitFor({ timeout: 5_000 });
    await orderRow(page, limitId, 'FILLED').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('header-replay-time').getAttribute('data-market-time'))).toBeGreaterThan(SEEK_TO_NANOS);

    await expect.poll(() => positionQuantity(page), { timeout: 5_000 }).toBe(2 * ORDER_QUANTITY);
    expect(await page.locator('[data-testid="position-row"][data-instrument="GOOG"]').textContent()).toContain(String(2 * ORDER_QUANTITY));
    // Buying only: realized P&L is the commissions paid (negative); unrealized follows the mid.
    await expect.poll(() => micros(page, 'account-realized'), { timeout: 5_000 }).toBeLessThan(0);
    await expect.poll(() => micros(page, 'account-unrealized'), { timeout: 5_000 }).not.toBe(0);
    expect(await page.getByTestId('account-realized').textContent()).toMatch(/^-\$\d+\.\d\d$/);

    expect(await blotterStatuses(page)).toEqual({ [limitId]: 'FILLED', [marketId]: 'FILLED' });
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await page.close();
  }, 90_000);

  it('shows the same orders, position and realized P&L after floor serve restarts on the same data folder', async () => {
    // The session to restart from, traded over RPC: a market buy, then a market sell of part of it
    // (a realized gain or loss besides the commissions), both filled at once against the book.
    const first = await serveExcerpt();
    const rpc = await connectServeRpc(first);
    let before: { orders: Record<string, string>; position: number; realized: number };
    try {
      await registerAndUnlockOverRpc(rpc.call, first.origin);
      const ids: string[] = [];
      for (const [side, quantity] of [['BUY', ORDER_QUANTITY], ['SELL', SOLD_QUANTITY]] as const) {
        const { order } = (await rpc.call('orders.submit', { instrumentId: 'GOOG', side, quantity, orderType: 'MARKET', timeInForce: 'DAY' })) as { order: Order };
        ids.push(order.clientOrderId);
      }
      const orders = async (): Promise<Record<string, string>> =>
        Object.fromEntries(((await rpc.call('orders.list', {})) as { orders: Order[] }).orders.map((o) => [o.clientOrderId, o.status]));
      await expect.poll(orders, { timeout: 5_000 }).toEqual({ [ids[0]!]: 'FILLED', [ids[1]!]: 'FILLED' });
      const { positions, account } = (await rpc.call('positions.list', {})) as { positions: PositionView[]; account: { realizedPnl: number } };
      before = { orders: await orders(), position: positions.find((p) => p.instrumentId === 'GOOG')!.quantity, realized: account.realizedPnl };
    } finally {
      rpc.close();
    }
    expect(before.position).toBe(ORDER_QUANTITY - SOLD_QUANTITY);
    expect(before.realized, 'the sale realized a gain or loss').not.toBe(0);

    expect(await first.stop(), 'exit code after SIGTERM').toBe(0);
    const serve = await serveExcerpt(first.dataDir);
    const { page, problems } = await openTerminal(browser!, serve.launchUrl);
    await waitForLiveTerminal(page);
    await expect.poll(() => blotterStatuses(page), { timeout: 10_000 }).toEqual(before.orders);
    await expect.poll(() => positionQuantity(page), { timeout: 5_000 }).toBe(before.position);
    await expect.poll(() => micros(page, 'account-realized'), { timeout: 5_000 }).toBe(before.realized);
    // The restart verified the signed ledger: both orders' intents, verdicts, approvals and venue
    // events (at least 6 entries each) and the registered authenticator are in it.
    const badge = page.getByTestId('ledger-badge');
    await page.locator('[data-testid="ledger-badge"][data-state="verified"]').waitFor({ timeout: 10_000 });
    expect(Number((await badge.textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(13);
    await badge.click();
    await page.locator('[data-testid="ledger-badge"][data-state="verified"]:not([disabled])').waitFor({ timeout: 10_000 });
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await page.close();
  }, 60_000);
});
