import { describe, afterAll, beforeAll, expect, it } from 'vitest';
import { unlockWithVirtualAuthenticator } from '../support/interlock';
import { serveOnSimulator, type ServedOnSimulator } from '../support/serve-on-simulator';
import { blotterStatuses, openTerminal, orderRow, submitTicket, waitForLiveTerminal } from '../support/terminal-page';

// End to end (issue 4): `floor serve` pointed by Settings > Gateway at the TWS-protocol gateway
// simulator (tests/ib-gateway-sim, over the GOOG 2012-06-21 LOBSTER excerpt in
// ../shared/data/lobster/excerpts), driven in Chromium: IB's depth in the ladder, an order filled
// through the gateway, the header following a gateway restart, an order held while it is away.

describe('trading through Interactive Brokers (the gateway simulator) in Chromium', () => {
  let served: ServedOnSimulator | undefined;

  beforeAll(async () => {
    served = await serveOnSimulator();
  }, 60_000);

  afterAll(async () => {
    await served?.close();
  }, 30_000);

  it('shows IB depth, fills a marketable order through the gateway, holds an order while the gateway restarts, then sends it', async () => {
    // The simulator's replay runs on a hand-driven clock: 1 s of market time every 200 ms keeps the
    // book moving at 5x for the rest of the test, so the ladder paints IB's updates as they arrive.
    const stopTicking = served!.tick();
    const { stand, serve, browser } = served!;
    const { page, problems } = await openTerminal(browser, serve.launchUrl);
    await waitForLiveTerminal(page);
    await page.locator('[data-testid="gateway-state"][data-phase="CONNECTED"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('header-source').textContent()).toMatch(/IB GOOG depth/);
    await unlockWithVirtualAuthenticator(page);

    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-quantity').fill('10');
    await page.getByTestId('ticket-price-ask').click();
    const taker = await submitTicket(page);
    await orderRow(page, taker, 'FILLED').waitFor({ timeout: 10_000 });
    const account = (await page.getByTestId('gateway-state').getAttribute('title')) ?? '';
    expect(account).toMatch(/accounts DU/);
    expect(stand.sim.broker.executions().reduce((n, e) => n + e.shares, 0)).toBe(10);

    // The gateway restarts and refuses connections until the order below is held: the header says
    // so, and an order entered meanwhile is held, then sent once Floor has reconnected and reconciled.
    let backUp!: () => void;
    const restart = stand.sim.control.restart({ nextValidId: 1, downUntil: new Promise((resolve) => (backUp = resolve)) });
    await page.locator('[data-testid="gateway-state"][data-phase="RECONNECTING"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('ticket-price-bid').click();
    const held = await submitTicket(page);
    await page.locator(`[data-testid="order-row"][data-client-order-id="${held}"][data-held="true"]`).waitFor({ timeout: 5_000 });
    backUp();
    await restart;
    await page.locator('[data-testid="gateway-state"][data-phase="CONNECTED"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await blotterStatuses(page))[held], { timeout: 10_000 }).toMatch(/ACCEPTED|FILLED|PARTIALLY_FILLED/);
    const placed = [...stand.sim.broker.workingOrders(), ...stand.sim.broker.completedOrders()].filter((o) => o.orderRef === held);
    expect(placed, 'the held order reached the gateway exactly once').toHaveLength(1);
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await stopTicking();
    await page.close();
  }, 90_000);
});
